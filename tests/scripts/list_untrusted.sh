#!/bin/sh
# list_untrusted.sh PACER - `pacer list` of a folder holding hostile session files: a script
# stuck inside one string pattern, steps nested 20,000 deep, a title and a file name with
# bidirectional overrides. The command must finish (hang guard: 120 s, far above the 3 s a
# stuck script takes), list the good sessions on stdout, name each bad file with its line on
# stderr, exit 1, and never print a raw override character (U+202E, bytes E2 80 AE).
set -u
pacer=$1
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pacer-list.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
XDG_CACHE_HOME=$tmp/cache XDG_DATA_HOME=$tmp/data PACER_NO_SPEECH=1
export XDG_CACHE_HOME XDG_DATA_HOME PACER_NO_SPEECH
d=$tmp/sessions
mkdir -p "$d"
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

printf 'return session { title = "Good one", say "Breathe in." }\n' >"$d/good.lua"
printf -- '-- stuck\nlocal r = string.find(string.rep("a", 40) .. "b", string.rep("a*", 30) .. "c")\nreturn session { title = "never" }\n' >"$d/pattern_backtrack.lua"
printf 'local b = wait(1) for i = 1, 20000 do b = sets { n = 1, b } end return session { title = "d", b }\n' >"$d/nested.lua"
printf 'return session { title = "abc\\u{202E}fed", say "Hello." }\n' >"$d/bidi_title.lua"
printf 'return session { title = "Named", say "Hello." }\n' >"$d/$(printf 'x\342\200\256y').lua"

timeout 120 "$pacer" list "$d" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -ne 124 ] || fail "pacer list did not finish within 120 s"
[ "$rc" -lt 128 ] || fail "pacer list crashed (status $rc)"
[ "$rc" -eq 1 ] || fail "pacer list exited $rc, not 1"
grep -q "Good one" "$tmp/out" || fail "the good session is not listed"
grep -q "Named" "$tmp/out" || fail "the session with an override in its file name is not listed"
grep -q "pattern_backtrack.lua:2:[0-9]*: error: .*string.find" "$tmp/err" ||
    fail "the stuck script is not reported at its line"
grep -q "nested.lua:1:[0-9]*: error: .*nested more than 100 deep" "$tmp/err" ||
    fail "the deep script is not reported at its line"
[ "$(grep -c . "$tmp/err")" -eq 2 ] || fail "stderr should have one line per bad file"
if grep -q "$(printf '\342\200\256')" "$tmp/out" "$tmp/err"; then
    fail "a raw U+202E reached the terminal"
fi
grep -q 'abc\\u{202E}fed' "$tmp/out" || fail "the title's override is not shown escaped"
if [ "$failures" -ne 0 ]; then
    echo "--- stdout:" >&2
    cat -v "$tmp/out" >&2
    echo "--- stderr:" >&2
    cat -v "$tmp/err" >&2
    exit 1
fi
echo "ok list_untrusted"
