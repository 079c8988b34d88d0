#!/bin/sh
# render_md5.sh PACER SESSIONS_DIR LIST - renders every shipped session to WAV and compares the
# md5 of each file with LIST (render_md5.txt, "md5  name.wav" lines as md5sum prints them):
# what a therapist renders must stay byte-identical through every change that is not meant
# to change the sound. A session without a line, or a line without a session, fails too.
#
# When a change is meant to change the sound, render the sessions with a build of the change
# and replace the list (the commit says why):
#   for f in sessions/*.lua; do build/pacer render $f -o /tmp/r/$(basename $f .lua).wav; done
#   (cd /tmp/r && md5sum *.wav) > tests/sessions/render_md5.txt
set -u
pacer=${1:?usage: render_md5.sh PACER SESSIONS_DIR LIST}
dir=${2:?}
list=${3:?}
command -v md5sum >/dev/null || { echo "SKIP md5sum is not installed"; exit 77; }
unset PACER_NO_SPEECH PACER_NO_PLUGINS
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT INT TERM

fail=0
for f in "$dir"/*.lua; do
    name=$(basename "$f" .lua)
    if ! "$pacer" render "$f" -o "$work/$name.wav" >"$work/out" 2>&1; then
        echo "FAIL $name: pacer render failed:"
        cat "$work/out"
        fail=1
    fi
done
(cd "$work" && md5sum *.wav) >"$work/got.txt" 2>/dev/null
# one line per difference: a render that differs, a session with no recorded md5, a recorded
# md5 with no session
awk 'NR == FNR { want[$2] = $1; next }
     { got[$2] = $1 }
     END {
         for (f in got)
             if (!(f in want)) { print "FAIL " f ": no md5 recorded in the list"; bad = 1 }
             else if (want[f] != got[f]) { print "FAIL " f ": the render differs (md5 " got[f] ", recorded " want[f] ")"; bad = 1 }
         for (f in want)
             if (!(f in got)) { print "FAIL " f ": recorded, but no such session was rendered"; bad = 1 }
         exit bad
     }' "$list" "$work/got.txt" || fail=1
[ "$fail" = 0 ] && echo "OK $(grep -c . "$work/got.txt") sessions render byte-identical to $(basename "$list")"
exit "$fail"
