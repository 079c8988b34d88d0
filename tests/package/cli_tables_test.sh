#!/usr/bin/env bash
# The command and option tables that `pacer --help`, the manual page and the completions are
# printed from, checked against the commands' own parsers in core/cli: every command the
# program dispatches and every option a command's getopt table (or its own comparison)
# takes is in `pacer --help`, and nothing is in `pacer --help` that the program does not take.
# Usage: cli_tables_test.sh PACER SOURCE_DIR
set -uo pipefail
pacer=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

"$pacer" --help >"$work/help" || { echo "FAIL pacer --help exits non-zero"; exit 1; }
# the parsers: every C file of core/cli but the tables themselves
cli=()
for f in "$src"/core/cli/*.c "$src"/core/cli/cli.h; do
  [ "$(basename "$f")" = usage.c ] || cli+=("$f")
done

# Commands: those main.c dispatches, and those the help lists.
sed -n '/k_commands\[\] = {/,/^};/p' "$src/core/cli/main.c" | grep -o '{"[a-z-]*"' | tr -d '{"' | sort -u >"$work/cmd.code"
sed -n '/^Commands:/,/^$/p' "$work/help" | sed -n 's/^  \([a-z][a-z-]*\).*/\1/p' | sort -u >"$work/cmd.help"
# Options: long names in getopt tables and in comparisons like strcmp(argv[1], "--luals").
grep -ho '{"[a-z][a-z-]*", *\(no\|required\)_argument' "${cli[@]}" | sed 's/{"\([^"]*\)".*/\1/' >"$work/opt.code"
grep -ho 'strn\?cmp([^,]*, *"--[a-z][a-z-]*[="]' "${cli[@]}" | sed 's/.*"--\([a-z-]*\).*/\1/' >>"$work/opt.code"
sort -u -o "$work/opt.code" "$work/opt.code"
sed -n '/^Options:/,/^$/p' "$work/help" | sed -n 's/^  \(-., \)\{0,1\}--\([a-z][a-z-]*\).*/\2/p' | sort -u >"$work/opt.help"

[ -s "$work/cmd.code" ] && [ -s "$work/opt.code" ] || { echo "FAIL found no commands or options in core/cli"; exit 1; }
if ! diff -u "$work/cmd.code" "$work/cmd.help" >"$work/cmd.diff"; then
  echo "FAIL the commands pacer dispatches (-) and those pacer --help lists (+) differ; edit core/cli/usage.c:"
  grep '^[-+][a-z]' "$work/cmd.diff"
  fail=1
fi
if ! diff -u "$work/opt.code" "$work/opt.help" >"$work/opt.diff"; then
  echo "FAIL the options core/cli takes (-) and those pacer --help lists (+) differ; edit core/cli/usage.c:"
  grep '^[-+][a-z]' "$work/opt.diff"
  fail=1
fi
echo "$(wc -l <"$work/cmd.code") commands, $(wc -l <"$work/opt.code") options agree"

# Every line of the help fits 80 columns, but for a synopsis that cannot be broken.
awk 'length > 80 && !/^  [a-z]/ { print "FAIL a help line is longer than 80 columns: " $0; bad = 1 } END { exit bad }' \
  "$work/help" || fail=1
exit $fail
