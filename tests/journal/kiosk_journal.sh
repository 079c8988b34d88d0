#!/usr/bin/env bash
# kiosk_journal.sh PACER - the kiosk records nothing: a shared tablet keeps no patient's data.
# Under its own Xvfb: first a control, `pacer play` in a window with the same environment,
# must create the journal with a row (so the check below can see one); then `pacer kiosk`
# opens a session with a tap, plays it to its end (the window's title goes from the session's
# back to "Pacer") and is stopped; no journal file may exist. Exits 77 (skipped) without
# Xvfb, xdotool or the sqlite3 shell. Waits poll with generous limits (hang guards only).
set -u
pacer=${1:?usage: kiosk_journal.sh PACER}
source "$(dirname "${BASH_SOURCE[0]}")/../support/xtest.sh"
need_tools "" Xvfb xdotool sqlite3
make_work kiosk-journal

start_xvfb 1280x720
pids+=("$xvfb_pid")
export SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy PACER_NO_SPEECH=1 PACER_NO_PLUGINS=1
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
db="$XDG_DATA_HOME/pacer/journal.sqlite3"
mkdir -p "$work/s"
cat >"$work/s/a.lua" <<'LUA'
return session { title = "Kiosk journal test", wait { 3, label = "Rest" } }
LUA

# the control: a window play records
"$pacer" play --no-audio "$work/s/a.lua" >"$work/play.log" 2>&1 &
p=$!
pids+=("$p")
has_row() { [ -f "$db" ] && [ "$(sqlite3 "$db" 'SELECT count(*) FROM sessions' 2>/dev/null)" = 1 ]; }
wait_until 60 "the control play in a window recorded no row" has_row
kill "$p" 2>/dev/null
wait "$p" 2>/dev/null
rm -rf "$XDG_DATA_HOME"
echo "ok: the control, pacer play in a window, recorded its session"

cat >"$work/kiosk.lua" <<LUA
return kiosk { sessions = "$work/s", idle_minutes = 0.1 }
LUA
"$pacer" kiosk --config "$work/kiosk.lua" >"$work/kiosk.log" 2>&1 &
k=$!
pids+=("$k")
wid=""
find_window() { wid=$(xdotool search --pid "$k" 2>/dev/null | head -n 1) && [ -n "$wid" ]; }
wait_until 60 "the kiosk's window did not appear" find_window
titled() { [ "$(xdotool getwindowname "$wid" 2>/dev/null)" = "$1" ]; }
# tap the first card (core/ui/scene.c's layout on 1280x720) until the session opens
open_session() {
  xdotool mousemove 640 162 click 1 >/dev/null 2>&1
  sleep 0.5
  titled "Kiosk journal test"
}
wait_until 60 "a tap did not open the session" open_session
echo "ok: the kiosk opened the session"
wait_until 90 "the session did not end and give way to the menu" titled Pacer
kill -TERM "$k"
wait "$k"
[ -z "$(find "$XDG_DATA_HOME" -name 'journal*' 2>/dev/null)" ] ||
  fail "the kiosk wrote a journal: $(find "$XDG_DATA_HOME" -name 'journal*')"
echo "ok: the kiosk played a session to its end and wrote no journal"
echo "PASS: journal/kiosk"
