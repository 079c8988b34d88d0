#!/usr/bin/env bash
# window_pain.sh PACER - rating the pain in the window, under its own Xvfb: `pacer play` of a
# session that asks before (first step) and after (third step); a tap on the "7" button
# answers the first question, the key 4 the second, a session ends at once after each
# answer (no 300 s wait), and the journal holds pain_before 7 and pain_after 4. The taps
# and keys are sent only once the journal shows the question's step reached. Exits 77
# (skipped) without Xvfb, xdotool or the sqlite3 shell; waits poll (hang guards only).
set -u
pacer=${1:?usage: window_pain.sh PACER}
source "$(dirname "${BASH_SOURCE[0]}")/../support/xtest.sh"
need_tools "" Xvfb xdotool sqlite3
make_work window-pain

W=1280 H=720
start_xvfb ${W}x${H}
pids+=("$xvfb_pid")
export SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy PACER_NO_SPEECH=1 PACER_NO_PLUGINS=1
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
db="$XDG_DATA_HOME/pacer/journal.sqlite3"
cat >"$work/pain.lua" <<'LUA'
return session { title = "Window pain test",
  rate_pain { moment = "before", timeout = 300 },
  wait(1),
  rate_pain { moment = "after", timeout = 300 },
  wait(1),
}
LUA
q() { sqlite3 -batch -noheader "$db" "$1" 2>/dev/null; }
"$pacer" play --no-audio --fullscreen --size ${W}x${H} "$work/pain.lua" >"$work/play.log" 2>&1 &
p=$!
pids+=("$p")
wid=""
find_window() { wid=$(xdotool search --pid "$p" 2>/dev/null | head -n 1) && [ -n "$wid" ]; }
wait_until 60 "the window did not appear" find_window
reached() { [ -f "$db" ] && [ "$(q 'SELECT steps_reached FROM sessions')" = "$1" ]; }
wait_until 60 "the first question was not reached" reached 1
# the "7" button: scene_answer_rects on the full-screen window (core/ui/scene.c)
m=$((H / 30 > 12 ? H / 30 : 12)); gap=$((m / 2 > 6 ? m / 2 : 6)); bw=$(((W - 2 * m - 10 * gap) / 11))
bh=$((H / 8 < bw * 3 / 2 ? H / 8 : bw * 3 / 2)); [ "$bh" -ge 56 ] || bh=56
x=$((m + 7 * (bw + gap) + bw / 2)) y=$((H * 3 / 5 + bh / 2))
xdotool mousemove --window "$wid" "$x" "$y" click 1 || fail "xdotool could not tap"
answered() { [ "$(q "SELECT $1 FROM sessions")" = "$2" ]; }
wait_until 30 "the tap on 7 was not recorded" answered pain_before 7
echo "ok: a tap on the 7 button answered the first question"
wait_until 60 "the second question was not reached (the answer did not end the wait)" reached 3
xdotool key --window "$wid" 4 || fail "xdotool could not press 4"
wait_until 30 "the key 4 was not recorded" answered pain_after 4
echo "ok: the key 4 answered the second question"
finished() { [ "$(q 'SELECT outcome FROM sessions')" = finished ]; }
wait_until 60 "the session did not finish" finished
kill "$p" 2>/dev/null
echo "PASS: journal/window_pain"
