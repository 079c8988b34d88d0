#!/usr/bin/env bash
# window_journal.sh PACER CASE - the journal's screens in a real window, under its own Xvfb,
# driven with xdotool. The screen shown is read from the window's title ("Pacer - Check-in",
# "Pacer - Progress", "Pacer" for the menu); waits poll (hang guards only, never a pace).
#   checkin   the check-in is offered when the menu opens on a day without one; 4, Up (half an
#             hour more sleep), a tap on "walking" under what helped, a typed note and Enter
#             store it; the next start goes straight to the menu
#   skip      Escape skips it: nothing is stored, and it is not offered again that day
#   timeout   with no input it is skipped after the timeout (PACER_CHECKIN_TIMEOUT)
#   progress  the Progress screen from the menu (a tap on its button, then the key p), in both
#             themes, pixel for pixel the picture `pacer snapshot --progress` makes; after a
#             finished session it shows by itself and a key dismisses it
# Exits 77 (skipped) without Xvfb, xdotool, ImageMagick or the sqlite3 shell.
set -u
pacer=${1:?usage: window_journal.sh PACER CASE}
case_name=${2:?usage: window_journal.sh PACER CASE}
for tool in Xvfb xdotool sqlite3 import compare; do
  command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
done
source "$(dirname "$0")/../support/xtest.sh"
make_work window-journal
note() { echo "ok: $*"; }

W=1280 H=720
start_xvfb ${W}x${H}
pids+=("$xvfb_pid")
export SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy PACER_NO_SPEECH=1 PACER_NO_PLUGINS=1
# under the sanitizers: libdbus's buffer that SDL leaves to the end (tests/ui/lsan.supp)
export LSAN_OPTIONS="suppressions=$(dirname "$0")/../ui/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
db="$XDG_DATA_HOME/pacer/journal.sqlite3"
today=$(date +%Y-%m-%d)
q() { sqlite3 -batch -noheader "$db" "$1" 2>/dev/null; }

# start PACER-ARGS...: the window, its id in $wid
p="" wid=""
start() {
  "$pacer" play --no-audio --fullscreen --size ${W}x${H} "$@" >"$work/play.log" 2>&1 &
  p=$!
  pids+=("$p")
  find_window() { wid=$(xdotool search --pid "$p" 2>/dev/null | head -n 1) && [ -n "$wid" ]; }
  wait_until 60 "the window did not appear" find_window
}
stop() { kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; }
title_is() { [ "$(xdotool getwindowname "$wid" 2>/dev/null)" = "$1" ]; }
key() { xdotool key --window "$wid" "$@" || fail "xdotool could not press $*"; }
tap() { xdotool mousemove --window "$wid" "$1" "$2" click 1 || fail "xdotool could not tap"; }
# the menu shows when p opens the Progress screen (in the check-in a p is part of a note)
menu_shows() { key p; wait_until 30 "p did not open the Progress screen from the menu" title_is "Pacer - Progress"; key Escape; wait_until 30 "the Progress screen did not close" title_is "Pacer"; }
shot() { import -window root "$work/$1.png" 2>/dev/null || fail "no screenshot"; }

t_checkin() {
  start
  wait_until 60 "the check-in was not offered" title_is "Pacer - Check-in"
  shot checkin
  key 4
  key Up
  # "walking" under what helped: core/ui/checkin.c's layout at 1280x720 (a row is 72 px, a
  # tag 147 x 60 from x 18; the first row of tags starts at y 393)
  tap 91 423
  xdotool type --window "$wid" "Long drive, -2 after" || fail "xdotool could not type"
  key Return
  wait_until 30 "Enter did not close the check-in" title_is "Pacer"
  local row
  row=$(q "SELECT date, pain, sleep_hours, helped, worse, note FROM checkins")
  [ "$row" = "$today|4|7.5|walking||Long drive, -2 after" ] || fail "the check-in stored is '$row'"
  note "the check-in was offered, and stored from keys, a tap and typed text: $row"
  menu_shows
  stop
  start
  menu_shows
  note "the next start goes straight to the menu"
  [ "$(q 'SELECT count(*) FROM checkins')" = 1 ] || fail "a second check-in row appeared"
}

t_skip() {
  start
  wait_until 60 "the check-in was not offered" title_is "Pacer - Check-in"
  key Escape
  wait_until 30 "Escape did not skip the check-in" title_is "Pacer"
  [ "$(q 'SELECT count(*) FROM checkins')" = 0 ] || fail "a skipped check-in was stored"
  note "Escape skipped the check-in and stored nothing"
  stop
  start
  menu_shows
  note "a skipped check-in is not offered again the same day"
}

t_timeout() {
  PACER_CHECKIN_TIMEOUT=2 start
  wait_until 60 "the check-in was not offered" title_is "Pacer - Check-in"
  wait_until 60 "the check-in did not give way to the menu by itself" title_is "Pacer"
  [ "$(q 'SELECT count(*) FROM checkins')" = 0 ] || fail "a timed-out check-in was stored"
  menu_shows
  note "with no input the check-in was skipped and the menu shown"
}

# same_as_snapshot NAME THEME: the window's picture against pacer snapshot --progress
same_as_snapshot() {
  shot "$1"
  "$pacer" snapshot --progress --theme "$2" --size ${W}x${H} -o "$work/$1-snap.png" 2>"$work/snap.log" ||
    fail "snapshot --progress failed"
  local diff
  diff=$(compare -metric AE "$work/$1.png" "$work/$1-snap.png" null: 2>&1)
  [ "$diff" = 0 ] || fail "the Progress screen ($2) differs from the snapshot in $diff pixels"
  note "the Progress screen ($2) is the snapshot's picture, pixel for pixel"
}

t_progress() {
  # some weeks of sessions and check-ins (a check-in today: the menu opens at once)
  {
    echo "started,file,title,seconds,outcome,pain_before,pain_after"
    for i in $(seq 1 40); do
      echo "$(date -d "-$i days" +%Y-%m-%d)T08:00:00,/s/daily.lua,Daily routine,$((600 + i * 37 % 900)),finished,$((3 + i % 5)),$((2 + i % 4))"
    done
  } >"$work/s.csv"
  {
    echo "date,pain,sleep_hours,helped,worse,note"
    for i in $(seq 0 30); do
      if [ $((i % 3)) = 0 ]; then echo "$(date -d "-$i days" +%Y-%m-%d),3,8,walking,,"
      else echo "$(date -d "-$i days" +%Y-%m-%d),6,6,,sitting,"; fi
    done
  } >"$work/c.csv"
  "$pacer" history --import "$work/s.csv" >/dev/null && "$pacer" history --import "$work/c.csv" >/dev/null ||
    fail "import failed"
  for theme in default high-contrast; do
    start --theme "$theme"
    menu_shows
    # the Progress button: core/ui/scene.c's scene_menu_buttons at 1280x720 (Check-in, Progress, Settings)
    tap 970 51
    wait_until 30 "a tap on the Progress button did not open it" title_is "Pacer - Progress"
    same_as_snapshot "progress-$theme" "$theme"
    tap 640 360
    wait_until 30 "a tap did not close the Progress screen" title_is "Pacer"
    stop
  done
  cat >"$work/short.lua" <<'LUA'
return session { title = "Short", wait { 1, label = "One second" } }
LUA
  start "$work/short.lua"
  wait_until 60 "the Progress screen did not follow the finished session" title_is "Pacer - Progress"
  [ "$(q "SELECT outcome FROM sessions WHERE file LIKE '%short.lua'")" = finished ] || fail "the session is not in the journal"
  note "after a finished session the Progress screen shows"
  shot after
  # a session played from a file: a key ends the program, as on the end screen
  key space
  gone() { ! kill -0 "$p" 2>/dev/null; }
  wait_until 30 "a key did not dismiss the Progress screen" gone
  wait "$p" || fail "pacer play ended with status $?"
  note "a key dismissed it"
}

case "$case_name" in
  checkin | skip | timeout | progress) "t_$case_name" ;;
  *) echo "unknown case $case_name"; exit 2 ;;
esac
echo "PASS: journal/window_$case_name"
