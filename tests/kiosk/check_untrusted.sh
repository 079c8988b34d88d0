#!/bin/sh
# check_untrusted.sh PACER - `pacer kiosk --check` of hostile configurations needs no display:
# a runaway pattern, a table.move over 2^62 slots, a table.insert past a lying __len, an
# endless loop and a memory bomb each exit 1 with FILE:LINE (hang guard: 120 s, far above
# the 2 s a stuck configuration takes), and a good configuration beside them still checks ok.
set -u
pacer=$1
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pacer-kcheck.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
XDG_CACHE_HOME=$tmp/cache XDG_DATA_HOME=$tmp/data
export XDG_CACHE_HOME XDG_DATA_HOME
mkdir -p "$tmp/s"
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

printf -- '-- stuck\nlocal r = string.find(string.rep("a", 40) .. "b", string.rep("a*", 30) .. "c")\nreturn kiosk { sessions = "s" }\n' >"$tmp/pattern.lua"
printf -- '-- stuck\n\ntable.move({}, 1, math.maxinteger // 2, 2)\nreturn kiosk { sessions = "s" }\n' >"$tmp/move.lua"
printf 'local t = setmetatable({}, { __len = function() return math.maxinteger - 1 end })\ntable.insert(t, 1, 0)\nreturn kiosk { sessions = "s" }\n' >"$tmp/insert.lua"
printf 'local n = 0\nwhile true do n = n + 1 end\nreturn kiosk { sessions = "s" }\n' >"$tmp/loop.lua"
printf 'local s = string.rep("x", 1 << 30)\nreturn kiosk { sessions = s }\n' >"$tmp/bomb.lua"
printf 'return kiosk { sessions = "s", idle_minutes = 3 }\n' >"$tmp/good.lua"

for spec in "pattern|pattern\\.lua:2:[0-9]+: error: .*one call of string\\.find" \
    "move|move\\.lua:3:[0-9]+: error: .*one call of table\\.move" \
    "insert|insert\\.lua:2:[0-9]+: error: .*one call of table\\.insert" \
    "loop|loop\\.lua:2:[0-9]+: error: the script ran longer than 1 s" \
    "bomb|bomb\\.lua:1:[0-9]+: error: string\\.rep would make a string of 1 GB; a script may use at most 16 MB"; do
    name=${spec%%|*} re=${spec#*|}
    out=$(timeout 120 "$pacer" kiosk --check "$tmp/$name.lua" 2>&1)
    st=$?
    out=$(printf '%s\n' "$out" | sed "s|$tmp/||g")
    [ "$st" -ne 124 ] || fail "pacer kiosk --check $name.lua did not finish within 120 s"
    [ "$st" -eq 1 ] || fail "pacer kiosk --check $name.lua exited $st, not 1: $out"
    printf '%s\n' "$out" | grep -Eq "^$re" || fail "pacer kiosk --check $name.lua printed '$out', not /$re/"
done
out=$(timeout 120 "$pacer" kiosk --check "$tmp/good.lua" 2>&1)
st=$?
[ "$st" -eq 0 ] || fail "pacer kiosk --check good.lua exited $st: $out"
[ "$failures" -eq 0 ] || exit 1
echo "ok check_untrusted"
