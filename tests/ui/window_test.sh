#!/usr/bin/env bash
# window_test.sh PACER PNGCHECK UI_DIR - the real window under Xvfb, driven like a patient
# would: keys sent with xdotool, screenshots taken with ImageMagick's import and measured
# with pngcheck (tests/ui/pngcheck.c).
#
#   player  after the get-ready the first step's word is the snapshot's; the time shown
#           advances; a key pauses (the overlay's word is the one `pacer snapshot --paused`
#           draws, and the time stops); a key resumes after the get-ready (about 1.5 s) and the
#           time advances again; Right skips to the next step (the phase word changes to the
#           next step's); Escape opens the leave dialog and a second Escape ends the process,
#           with status 0
#   partial while playing only the changed rectangles are pushed to the window: the still
#           parts of the screenshot (all but the breath area and the progress) are exactly the
#           snapshot's, and no accent pixel lies outside the circle; after the window is
#           unmapped and mapped again, moved half off the screen and back, and resized to
#           960x540 and back, the whole frame is drawn again (the still parts become the
#           snapshot's at that size; nothing else redraws them in this step, so waiting longer
#           cannot make a missing redraw pass)
#   menu    `pacer play` with no file lists the sessions of $PACER_SESSIONS: both titles are
#           drawn, each card is at least 48 px tall at 1920x1080; Down moves the selection to
#           the second card and Return opens the second session; Escape twice goes back to
#           the menu, Escape there quits with status 0
#
# Exits 77 (skipped) when Xvfb, xdotool or import is missing. Every check waits for the state
# it checks, polling with a generous limit that only guards against a hang, so a loaded
# machine makes the test slower, not flaky: a screenshot may catch the window between two of
# its partial pushes, or still in the get-ready, and the next one must be looked at.
set -u

pacer=${1:?usage: window_test.sh PACER PNGCHECK UI_DIR}
png=${2:?usage: window_test.sh PACER PNGCHECK UI_DIR}
dir=${3:?usage: window_test.sh PACER PNGCHECK UI_DIR}

source "$(dirname "${BASH_SOURCE[0]}")/../support/xtest.sh"
need_tools "scripts/install-deps.sh installs xvfb, xdotool and imagemagick" Xvfb xdotool import

work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-window-XXXXXX") || exit 1
pacer_pid=""

cleanup() {
  local rc=$?
  if [ -n "$pacer_pid" ] && kill -0 "$pacer_pid" 2>/dev/null; then
    kill "$pacer_pid" 2>/dev/null
    sleep 0.5
    kill -9 "$pacer_pid" 2>/dev/null
  fi
  stop_xvfb
  if [ "$rc" -ne 0 ] && [ -n "${PACER_UI_KEEP:-}" ]; then
    mkdir -p "$PACER_UI_KEEP" && cp "$work"/*.png "$work"/*.log "$PACER_UI_KEEP"/ 2>/dev/null
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

t_start=$(date +%s)
note() { printf '[%3ds] %s\n' "$(($(date +%s) - t_start))" "$*"; }
fail() {
  echo "FAIL: $*"
  if [ -n "$pacer_pid" ] && [ -f "$work/pacer.log" ]; then
    echo "--- pacer's output:"
    cat "$work/pacer.log"
  fi
  exit 1
}

# ---- the X server ----
start_xvfb 1920x1080
note "Xvfb on $DISPLAY"

# The window, not SDL's dummy video driver (scripts/test.sh sets that for the other tests);
# no sound card: SDL's dummy audio driver; no speech synthesis: captions keep estimated lengths.
export SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy PACER_NO_SPEECH=1
# A private state folder too: `pacer play` remembers an unfinished session there, and the
# player below is left in its second step; a shared one made the next run (the ASan suite after
# the normal one, or another checkout) open with "Continue where you left off?" over the word.
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
unset PACER_SESSIONS
# Under AddressSanitizer: a buffer libdbus keeps until process exit is not Pacer's leak.
export LSAN_OPTIONS="suppressions=$dir/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

colour() { "$png" theme default "$1"; }
BG=$(colour bg) TEXT=$(colour text) ACCENT=$(colour accent) PANEL=$(colour panel) MUTED=$(colour muted)

wid=""
shot() { import -window "$wid" "$work/$1.png" 2>>"$work/import.log"; }
count() { "$png" count "$work/$1.png" "$2" "$3" "${4:-all}"; }
diffn() { "$png" diff "$work/$1.png" "$work/$2.png" "${3:-all}" "${4:-0}"; }
iou() { "$png" iou "$work/$1.png" "$work/$2.png" "$3" "$4" "${5:-all}"; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
key() {
  timeout 10 xdotool windowfocus --sync "$wid" >/dev/null 2>&1 || timeout 10 xdotool windowfocus "$wid" 2>/dev/null
  xdotool key --clearmodifiers "$1" || fail "xdotool could not send $1"
}
alive() { [ -d "/proc/$pacer_pid" ] && [ "$(awk '{print $3}' "/proc/$pacer_pid/stat" 2>/dev/null)" != Z ]; }
find_window() { wid=$(xdotool search --name "$1" 2>/dev/null | head -n 1) && [ -n "$wid" ]; }

# ---- the player ----
session="$dir/window_session.lua"
"$pacer" snapshot "$session" --at 5 --size 1280x720 -o "$work/ref_settle.png" 2>/dev/null || fail "pacer snapshot"
"$pacer" snapshot "$session" --at 5 --size 1280x720 --paused -o "$work/ref_paused.png" 2>/dev/null || fail "pacer snapshot"
"$pacer" snapshot "$session" --at 305 --size 1280x720 -o "$work/ref_hold.png" 2>/dev/null || fail "pacer snapshot"
"$pacer" snapshot "$session" --at 5 --size 960x540 -o "$work/ref_settle_small.png" 2>/dev/null || fail "pacer snapshot"

"$pacer" play --size 1280x720 "$session" >"$work/pacer.log" 2>&1 &
pacer_pid=$!
wait_until 60 "the player's window did not appear" find_window '^Window test$'
note "window $wid"

# a frame of the player: the breathing circle and the progress bar in the accent colour
player_drawn() { alive && shot cur && [ "$(count cur "$ACCENT" 8)" -gt 1000 ]; }
wait_until 30 "the player drew no circle" player_drawn
"$png" size "$work/cur.png" | grep -qx '1280 720' || fail "the window is $("$png" size "$work/cur.png"), not 1280x720"
# The session starts with the get-ready over the first step; on a busy machine the first
# frame with the circle can come before the rest of the window is pushed: wait for the word.
iou_settle=0
settle_shown() { player_drawn && iou_settle=$(iou cur ref_settle "$TEXT" 30 word) && ge "$iou_settle" 0.9; }
wait_until 30 "the phase word is not the snapshot's 'Settle'" settle_shown
note "player: the first step's word matches the snapshot (overlap $iou_settle)"

# the time shown advances while playing
cp "$work/cur.png" "$work/t0.png"
time_moved() { shot cur && [ "$(diffn t0 cur progress)" -gt 0 ]; }
wait_until 30 "the time shown did not advance while playing" time_moved
note "playing: the time shown advances"

# Only the changed rectangles (the ring, the circle's number, the progress) are pushed while
# playing; the rest of the window is what was pushed whole before. It must be the snapshot's.
still_is() { shot cur && [ "$("$png" size "$work/cur.png")" = "$2" ] && [ "$("$png" stilldiff "$work/cur.png" "$work/$1.png")" -eq 0 ]; }
sleep 1
wait_until 30 "while playing, the still parts of the window differ from the snapshot's" still_is ref_settle '1280 720'
off=$("$png" offdisc "$work/cur.png" "$ACCENT" 8)
[ "${off#* }" -eq 0 ] || fail "accent pixels outside the circle (radius, count: $off): a stale frame is left"
note "partial: the still parts are the snapshot's, the circle is clean (radius, stray: $off)"
# the X server forgets what an unmapped window showed: mapped again, all of it is drawn again
xdotool windowunmap --sync "$wid" || fail "xdotool windowunmap"
sleep 0.3
xdotool windowmap --sync "$wid" || fail "xdotool windowmap"
wait_until 30 "after mapping the window again, its still parts were not drawn again" still_is ref_settle '1280 720'
note "partial: unmapped and mapped again, the whole frame is back"
# half off the screen and back: the part that was off is exposed and must be drawn again
read -r wx wy < <(xdotool getwindowgeometry "$wid" | awk '/Position/ {split($2, p, ","); print p[1], p[2]}')
xdotool windowmove --sync "$wid" 1500 "$wy" || fail "xdotool windowmove"
sleep 0.3
xdotool windowmove --sync "$wid" "$wx" "$wy" || fail "xdotool windowmove"
wait_until 30 "after moving back onto the screen, the window's exposed part was not drawn again" still_is ref_settle '1280 720'
note "partial: moved off the screen and back, the whole frame is back"
# resized: the whole frame at the new size, then at the old one again
xdotool windowsize --sync "$wid" 960 540 || fail "xdotool windowsize"
wait_until 30 "resized to 960x540, the window does not show the snapshot's still parts at that size" still_is ref_settle_small '960 540'
xdotool windowsize --sync "$wid" 1280 720 || fail "xdotool windowsize"
wait_until 30 "resized back to 1280x720, the window does not show the snapshot's still parts" still_is ref_settle '1280 720'
note "partial: resized to 960x540 and back, the whole frame each time"

# any key pauses: the overlay with the word the snapshot draws, and the time stops
key space
paused_drawn() {
  shot cur && [ "$(count cur "$ACCENT" 8)" -eq 0 ] && ge "$(iou cur ref_paused "$TEXT" 30 overlay)" 0.9
}
wait_until 30 "the paused overlay did not appear" paused_drawn
cp "$work/cur.png" "$work/p0.png"
sleep 1.2
shot p1 || fail "screenshot"
moved=$(diffn p0 p1 progress)
[ "$moved" -eq 0 ] || fail "the time shown moved while paused ($moved px changed)"
[ "$(diffn p0 p1)" -eq 0 ] || fail "the paused frame changed"
note "paused: overlay shown (overlap with the snapshot's $(iou p0 ref_paused "$TEXT" 30 overlay)), time stopped"

# a key resumes, after the get-ready
key space
t_key=$(now_ms)
wait_until 30 "playing did not resume after the get-ready" player_drawn
took=$(($(now_ms) - t_key))
[ "$took" -ge 1000 ] || fail "playing resumed after ${took} ms, before the 1.5 s get-ready"
cp "$work/cur.png" "$work/t0.png"
wait_until 30 "the time shown did not advance after resuming" time_moved
note "resumed after ${took} ms (get-ready 1.5 s); the time advances again"

# Right skips to the next step: "Settle" becomes "Hold"
key Right
on_hold() { shot cur && ge "$(iou cur ref_hold "$TEXT" 30 word)" 0.9; }
wait_until 30 "Right did not move to the next step's word" on_hold
changed=$("$png" diff "$work/ref_settle.png" "$work/cur.png" word 40)
[ "$changed" -gt 200 ] || fail "the phase word did not change ($changed px)"
note "skipped: the phase word is the next step's ($changed px changed)"

# Escape asks; a second Escape leaves, with status 0 (how fast is not measured here: on a busy
# machine any bound would be the machine's, not the program's; the wait is a hang guard)
shot before_dialog || fail "screenshot"
key Escape
dialog_drawn() { shot cur && [ "$(diffn before_dialog cur overlay 40)" -gt 2000 ]; }
wait_until 30 "Escape did not open the leave dialog" dialog_drawn
alive || fail "pacer ended on the first Escape"
key Escape
t_key=$(now_ms)
gone() { ! alive; }
wait_until 30 "pacer did not end after the second Escape" gone
took=$(($(now_ms) - t_key))
wait "$pacer_pid"
status=$?
pacer_pid=""
[ "$status" -eq 0 ] || fail "pacer ended with status $status"
note "left: status 0, ${took} ms after the second Escape"

# ---- the menu ----
mkdir -p "$work/sessions" "$work/data"
cat >"$work/sessions/a.lua" <<'EOF'
return session { title = "Alpha session", summary = "The first", wait { 300, label = "Alpha" } }
EOF
cat >"$work/sessions/b.lua" <<'EOF'
return session { title = "Bravo session", summary = "The second", wait { 300, label = "Bravo" } }
EOF
# --no-journal: the daily check-in would open before the menu (tests/journal checks it)
PACER_SESSIONS="$work/sessions" "$pacer" play --no-journal --size 1920x1080 >"$work/pacer.log" 2>&1 &
pacer_pid=$!
wait_until 60 "the menu's window did not appear" find_window '^Pacer$'
menu_card_px=45 # max(18, card_h / 4) with card_h = max(96, 1080 / 6): core/ui/scene.c
menu_drawn() { alive && shot menu && "$png" findtext "$work/menu.png" "Bravo session" $menu_card_px 1 "$TEXT" >/dev/null; }
wait_until 60 "the menu did not show 'Bravo session'" menu_drawn
a_at=$("$png" findtext "$work/menu.png" "Alpha session" $menu_card_px 1 "$TEXT") || fail "the menu does not show 'Alpha session'"
b_at=$("$png" findtext "$work/menu.png" "Bravo session" $menu_card_px 1 "$TEXT")
[ "${a_at#* }" -lt "${b_at#* }" ] || fail "'Alpha session' ($a_at) is not above 'Bravo session' ($b_at)"
note "menu: 'Alpha session' at $a_at, 'Bravo session' at $b_at"

# touch targets: the cards, measured down the middle column
runs=$("$png" vruns "$work/menu.png" 960 "$PANEL" 2 | awk '$2 >= 48')
[ "$(printf '%s\n' "$runs" | grep -c .)" -ge 2 ] || fail "fewer than two cards at least 48 px tall: $runs"
note "menu: cards $(printf '%s\n' "$runs" | awk '{printf "%s%d px", (NR > 1 ? ", " : ""), $2}') tall at 1920x1080 (at least 48)"

# Down moves the selection (the accent outline) to the second card; Return opens it
outline_y() { "$png" vruns "$work/$1.png" 960 "$ACCENT" 8 | awk 'NR == 1 {print $1}'; }
first_outline=$(outline_y menu)
[ -n "$first_outline" ] || fail "no card is selected"
key Down
moved_down() { shot cur && o=$(outline_y cur) && [ -n "$o" ] && [ "$o" -gt "$first_outline" ]; }
wait_until 30 "Down did not move the selection" moved_down
note "menu: Down moved the selection from y $first_outline to y $(outline_y cur)"
key Return
wait_until 60 "Return did not open 'Bravo session'" find_window '^Bravo session$'
title_px=33 # max(14, 1080 / 32)
bravo_playing() { shot cur && "$png" findtext "$work/cur.png" "Bravo session" $title_px 0 "$MUTED" >/dev/null &&
  [ "$(count cur "$ACCENT" 8)" -gt 1000 ]; }
wait_until 30 "the player of 'Bravo session' was not drawn" bravo_playing
note "menu: Return opened 'Bravo session'"

# Escape twice: back to the menu; Escape there quits
cp "$work/cur.png" "$work/before_dialog.png"
key Escape
wait_until 30 "Escape did not open the leave dialog" dialog_drawn
key Escape
wait_until 30 "leaving did not go back to the menu" find_window '^Pacer$'
back_in_menu() { alive && shot menu && "$png" findtext "$work/menu.png" "Alpha session" $menu_card_px 1 "$TEXT" >/dev/null; }
wait_until 30 "the menu did not come back" back_in_menu
key Escape
t_key=$(now_ms)
wait_until 30 "Escape in the menu did not quit" gone
took=$(($(now_ms) - t_key))
wait "$pacer_pid"
status=$?
pacer_pid=""
[ "$status" -eq 0 ] || fail "pacer ended with status $status"
note "menu: back after leaving; Escape quit with status 0 in ${took} ms"
echo "PASS"
