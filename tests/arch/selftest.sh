#!/bin/sh
# selftest.sh CORE_DIR TABLE - check_includes.sh must catch what it is there to catch: a copy
# of CORE_DIR with forbidden includes added, and a table with an arrow up, must each fail,
# naming the file and line; the untouched tree must pass.
set -u
here=$(dirname "$0")
core=${1:?}; table=${2:?}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "selftest: $*"; exit 1; }

"$here/check_includes.sh" "$core" "$table" >"$tmp/out" || { cat "$tmp/out"; fail "the real tree does not pass"; }

cp -R "$core" "$tmp/core"
# one forbidden include per rule, each on the first line of its file
printf '#include <SDL.h>\n' | cat - "$core/timeline/view.c" >"$tmp/core/timeline/view.c"
printf '#include "lua.h"\n#include <lauxlib.h>\n' | cat - "$core/compile/compile.c" >"$tmp/core/compile/compile.c"
printf '#include "compile.h"\n' | cat - "$core/model/registry.c" >"$tmp/core/model/registry.c"
printf '#include "cues.h"\n' | cat - "$core/timeline/timeline.c" >"$tmp/core/timeline/timeline.c"
mkdir "$tmp/core/newfolder" && : >"$tmp/core/newfolder/thing.h"
if "$here/check_includes.sh" "$tmp/core" "$table" >"$tmp/out"; then
    cat "$tmp/out"; fail "forbidden includes passed"
fi
for want in 'core/timeline/view.c:1: <SDL.h>' 'core/compile/compile.c:2: <lauxlib.h>' \
    'core/compile/compile.c:1: "lua.h" is no header' 'core/model/registry.c:1: model may not include "compile.h"' \
    'core/timeline/timeline.c:1: timeline may not include "cues.h"' 'the folder core/newfolder is not in the table'; do
    grep -qF "$want" "$tmp/out" || { cat "$tmp/out"; fail "not reported: $want"; }
done
[ "$(grep -c . "$tmp/out")" -eq 7 ] || { cat "$tmp/out"; fail "expected 6 faults and a count, no more"; }

# a table whose arrows run up (util using timeline), and a duplicate header name
sed 's/^module util$/module util timeline/' "$table" >"$tmp/up.txt"
if "$here/check_includes.sh" "$core" "$tmp/up.txt" >"$tmp/out"; then fail "a table with an arrow up passed"; fi
grep -qF 'util may use timeline, which is not on an earlier line' "$tmp/out" || { cat "$tmp/out"; fail "arrow up not named"; }
rm -rf "$tmp/core/newfolder"
cp "$core/util/util.h" "$tmp/core/model/util.h"
if "$here/check_includes.sh" "$tmp/core" "$table" >"$tmp/out"; then fail "a header name in two modules passed"; fi
grep -q 'util.h: the header name is used by' "$tmp/out" || { cat "$tmp/out"; fail "ambiguous header not named"; }
echo "selftest: every planted fault was caught"
