#!/usr/bin/env bash
# pacer(1) and pacer-session(5), as the build wrote them (data/generate.cmake): the same text
# the program prints now (`pacer help --man`, `pacer api-reference --man`), so they follow its
# tables and step registry; every command and step type in them; and clean under
# `man --warnings` and `groff -ww` (no warning at all).
# Usage: manpages_test.sh PACER BUILD_DATA_DIR
set -uo pipefail
pacer=$1 data=$2
command -v man >/dev/null && command -v groff >/dev/null || { echo "SKIP: man or groff is not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache XDG_STATE_HOME=$work/state PACER_NO_SPEECH=1
fail=0

"$pacer" help --man >"$work/pacer.1" && "$pacer" api-reference --man >"$work/pacer-session.5" ||
  { echo "FAIL pacer could not print its manual pages"; exit 1; }
for page in pacer.1 pacer-session.5; do
  if ! cmp -s "$work/$page" "$data/$page" || ! gzip -dc "$data/$page.gz" | cmp -s - "$work/$page"; then
    echo "FAIL $data/$page(.gz) is not what the program prints now (the build did not write it again?)"
    fail=1
  fi
  man --warnings -l "$work/$page" >"$work/out" 2>"$work/err" || { echo "FAIL man $page failed"; fail=1; }
  if [ -s "$work/err" ]; then
    echo "FAIL man --warnings $page:"
    cat "$work/err"
    fail=1
  fi
  groff -ww -k -man -z "$work/$page" 2>"$work/err"
  if [ -s "$work/err" ]; then
    echo "FAIL groff -ww $page:"
    cat "$work/err"
    fail=1
  fi
done

# pacer(1) names every command and option of `pacer --help`.
MANWIDTH=200 man -l "$work/pacer.1" 2>/dev/null | sed 's/\x08.//g' >"$work/pacer.1.txt"
"$pacer" --help >"$work/help"
while read -r cmd; do
  grep -q "^ *pacer $cmd\b" "$work/pacer.1.txt" || { echo "FAIL pacer(1) does not describe 'pacer $cmd'"; fail=1; }
done < <(sed -n '/^Commands:/,/^$/p' "$work/help" | sed -n 's/^  \([a-z][a-z-]*\).*/\1/p' | sort -u)
while read -r opt; do
  grep -q -- "--$opt\b" "$work/pacer.1.txt" || { echo "FAIL pacer(1) does not describe --$opt"; fail=1; }
done < <(sed -n '/^Options:/,/^$/p' "$work/help" | sed -n 's/^  \(-., \)\{0,1\}--\([a-z][a-z-]*\).*/\2/p')

# pacer-session(5) has every step type of the registry (the headings of `pacer api-reference`).
MANWIDTH=200 man -l "$work/pacer-session.5" 2>/dev/null | sed 's/\x08.//g' >"$work/session.txt"
n=0
while read -r step; do
  n=$((n + 1))
  grep -q "^   $step$" "$work/session.txt" || { echo "FAIL pacer-session(5) has no step type '$step'"; fail=1; }
done < <("$pacer" api-reference | sed -n 's/^### `\(.*\)`$/\1/p')
[ "$n" -gt 10 ] || { echo "FAIL only $n step types in the reference"; fail=1; }
[ $fail -eq 0 ] && echo "pacer(1) and pacer-session(5) ($n step types) are current and clean"
exit $fail
