#!/usr/bin/env bash
# trust_test.sh - plugin files and folders that someone else could have written are refused
# before they are opened as libraries (their ELF constructors never run).
#
#   trust_test.sh PACER BINDIR CASE
#
# BINDIR is this folder in the build tree (the plugin bad/constructor.so leaves a mark file,
# named by PACER_TEST_CONSTRUCTOR_MARK, when its constructor runs; good/tide.so is a plain
# good plugin). One case per ctest test; a case that needs root exits 77 (skipped) without.
set -u

if [ $# -ne 3 ]; then
  echo "usage: $0 PACER BINDIR CASE" >&2
  exit 2
fi
pacer=$1 bin=$2 case=$3

work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-trust.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
export XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" LC_ALL=C PACER_NO_SPEECH=1
export PACER_TEST_CONSTRUCTOR_MARK="$work/constructor-ran"
unset PACER_NO_PLUGINS PACER_SESSIONS
umask 022
ctor=$(cd "$bin/bad" && pwd -P)/constructor.so
tide=$(cd "$bin/good" && pwd -P)/tide.so
userdir="$XDG_DATA_HOME/pacer/plugins"
cd "$work" || exit 2

fail() {
  echo "FAIL [$case]: $*" >&2
  [ -s "$work/err" ] && { echo "--- stderr of the last run:" >&2; head -c 4000 "$work/err" >&2; }
  exit 1
}

# run RC CMD...: stdout in ./out, stderr in ./err; the exit status must be RC (no signal).
run() {
  local want=$1 rc
  shift
  "$@" >"$work/out" 2>"$work/err" </dev/null
  rc=$?
  grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$work/err" && fail "sanitizer report from: $*"
  [ "$rc" -lt 128 ] || fail "killed by signal $((rc - 128)): $*"
  [ "$rc" -eq "$want" ] || fail "exit status $rc, expected $want: $*"
}
err_has() { grep -qxF -- "$1" "$work/err" || fail "stderr lacks the line: $1"; }
not_run() {
  [ ! -e "$PACER_TEST_CONSTRUCTOR_MARK" ] || fail "the plugin's constructor ran"
  ! grep -q constructor_mark "$work/out" || fail "the plugin is listed as loaded"
}
# The control: the same plugin in a safe place loads, and its constructor leaves the mark,
# so the mark's absence elsewhere means something.
loads() {
  rm -f "$PACER_TEST_CONSTRUCTOR_MARK"
  run 0 "$pacer" "$@" plugins
  [ -e "$PACER_TEST_CONSTRUCTOR_MARK" ] || fail "the control did not load: $*"
  grep -q "constructor_mark 0.1.0" "$work/out" || fail "the control is not listed"
  rm -f "$PACER_TEST_CONSTRUCTOR_MARK"
}

# The user's plugin folder made writable by everyone.
case_world_writable_folder() {
  mkdir -p "$userdir"
  cp "$ctor" "$userdir/"
  loads
  chmod 0777 "$userdir"
  real=$(cd "$userdir" && pwd -P)
  # not during check or list either
  mkdir -p "$work/s"
  printf 'return session {\n  title = "Plain",\n  wait(2),\n}\n' >"$work/s/plain.lua"
  run 0 "$pacer" check "$work/s/plain.lua"
  not_run
  run 0 "$pacer" list "$work/s"
  not_run
  run 1 "$pacer" plugins
  err_has "pacer: plugin folder $userdir refused: the folder $real is writable by anyone (mode 0777); only its owner may write to it"
  [ "$(wc -l <"$work/err")" -eq 1 ] || fail "more than one line for the folder"
  # writable by its group: the same
  chmod 0775 "$userdir"
  run 1 "$pacer" plugins
  err_has "pacer: plugin folder $userdir refused: the folder $real is writable by its group (mode 0775); only its owner may write to it"
  not_run
  # and a --plugin in such a folder
  chmod 0757 "$userdir"
  XDG_DATA_HOME="$work/none" run 1 "$pacer" --plugin "$userdir/constructor.so" plugins
  err_has "pacer: plugin $userdir/constructor.so refused: the folder $real is writable by anyone (mode 0757); only its owner may write to it"
  not_run
}

# A plugin file writable by others or by its group, in a good folder.
case_writable_file() {
  mkdir -p "$work/p"
  cp "$ctor" "$work/p/c.so"
  loads --plugin "$work/p/c.so"
  for mode in 0666 0646 0664 0757; do
    chmod "$mode" "$work/p/c.so"
    run 1 "$pacer" --plugin "$work/p/c.so" plugins
    local who="anyone"
    [ $((0$mode & 2)) -eq 0 ] && who="its group"
    err_has "pacer: plugin $work/p/c.so refused: the file $work/p/c.so is writable by $who (mode $mode); only its owner may write to it"
    not_run
  done
  # the same file in the user's folder
  mkdir -p "$userdir"
  cp "$ctor" "$userdir/c.so"
  chmod 0666 "$userdir/c.so"
  run 1 "$pacer" plugins
  grep -qF "pacer: plugin $userdir/c.so refused: the file " "$work/err" || fail "the writable file in the folder is not refused"
  not_run
}

# A link in a safe folder to a plugin in a folder anyone can write to, and a link in such a
# folder to a good plugin: both refused.
case_links() {
  mkdir -p "$work/open" "$work/safe"
  chmod 0777 "$work/open"
  cp "$ctor" "$work/open/c.so"
  chmod 0755 "$work/open/c.so"
  ln -s "$work/open/c.so" "$work/safe/link.so"
  run 1 "$pacer" --plugin "$work/safe/link.so" plugins
  err_has "pacer: plugin $work/safe/link.so refused: the folder $work/open is writable by anyone (mode 0777); only its owner may write to it"
  not_run
  cp "$ctor" "$work/safe/c.so"
  loads --plugin "$work/safe/c.so"
  ln -s "$work/safe/c.so" "$work/open/link.so"
  run 1 "$pacer" --plugin "$work/open/link.so" plugins
  err_has "pacer: plugin $work/open/link.so refused: the folder $work/open is writable by anyone (mode 0777); only its owner may write to it"
  not_run
  # a folder anyone can write to with the sticky bit (like /tmp), above the plugin's own
  # folder, is fine: nobody else can rename what is in it
  chmod 1777 "$work/open"
  mkdir "$work/open/mine"
  cp "$ctor" "$work/open/mine/c.so"
  loads --plugin "$work/open/mine/c.so"
  # but not as the plugin's own folder
  cp "$ctor" "$work/open/c2.so"
  run 1 "$pacer" --plugin "$work/open/c2.so" plugins
  err_has "pacer: plugin $work/open/c2.so refused: the folder $work/open is writable by anyone (mode 1777); only its owner may write to it"
  not_run
}

# Owned by another user (needs root to make: chown to nobody).
case_other_owner() {
  [ "$(id -u)" -eq 0 ] || { echo "[$case] skipped: needs root to give a file to another user"; exit 77; }
  id nobody >/dev/null 2>&1 || { echo "[$case] skipped: no user 'nobody'"; exit 77; }
  local nobody
  nobody=$(id -u nobody)
  mkdir -p "$work/p"
  cp "$ctor" "$work/p/c.so"
  loads --plugin "$work/p/c.so"
  chown nobody "$work/p/c.so"
  run 1 "$pacer" --plugin "$work/p/c.so" plugins
  err_has "pacer: plugin $work/p/c.so refused: the file $work/p/c.so is owned by user $nobody (nobody), not by you or root"
  not_run
  # the folder owned by another user
  chown root "$work/p/c.so"
  loads --plugin "$work/p/c.so"
  chown nobody "$work/p"
  run 1 "$pacer" --plugin "$work/p/c.so" plugins
  err_has "pacer: plugin $work/p/c.so refused: the folder $work/p is owned by user $nobody (nobody), not by you or root"
  not_run
  # the user's plugin folder owned by another user
  mkdir -p "$userdir"
  cp "$ctor" "$userdir/"
  chown nobody "$userdir"
  real=$(cd "$userdir" && pwd -P)
  run 1 "$pacer" plugins
  err_has "pacer: plugin folder $userdir refused: the folder $real is owned by user $nobody (nobody), not by you or root"
  not_run
}

if [ "$case" = list ]; then
  declare -F | sed -n 's/^declare -f case_//p'
  exit 0
fi
declare -F "case_$case" >/dev/null || { echo "unknown case '$case'" >&2; exit 2; }
"case_$case"
echo "[$case] ok"
