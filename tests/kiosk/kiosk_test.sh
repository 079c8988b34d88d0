#!/usr/bin/env bash
# kiosk_test.sh PACER KPIX WMCLOSE CASE - `pacer kiosk` under its own Xvfb, driven as a
# patient (or a child, or staff) would: taps and keys sent with xdotool, screenshots taken
# with ImageMagick's import and measured with kpix (kpix.c). One ctest per CASE:
#
#   exit_keys  Escape, Alt+F4, Ctrl+Q, Ctrl+W, Alt+Tab, Ctrl+Alt+BackSpace, F11 and window-close
#              requests (WM_DELETE_WINDOW, which SDL turns into SDL_QUIT) are ignored, in the
#              menu and in a session: the process runs on, the window still covers the screen,
#              and it still draws (tapping a card opens the session). A control run of
#              `pacer play` shows that the same Escape and close request do end a normal window.
#   monkey     2,000 random taps, swipes, wheel turns and keys (Escape, Return, arrows, letters,
#              F-keys, Alt/Ctrl combinations, Escape twice), with quiet spells of a few seconds
#              (sessions end, the idle time passes) and a few staff-corner holds that open the
#              PIN pad (no PIN configured, so it never lets them out; the random events go on
#              there). Every screen is visited once first (warm caches). The kiosk never ends or
#              crashes, always comes back to the fresh menu, and its VmRSS after all events is at
#              most 3 MB above its VmRSS after the first 500 (reported, not checked, under the
#              sanitizers). PACER_KIOSK_SEED replays a run; PACER_KIOSK_EVENTS changes the count.
#   idle       a paused session gives way to the fresh menu (pixel for pixel the menu taken at
#              start) after the idle time and not before; a playing session is not interrupted;
#              an ended session ("Well done") gives way to the menu too; nothing is written to
#              XDG_STATE_HOME (where `pacer play` remembers unfinished sessions).
#   pin        holding the staff corner shorter than hold_seconds does nothing; holding it
#              opens the PIN pad; a wrong 12-digit PIN shows "That PIN is not right" in full and
#              the pad stays; the right PIN opens the staff screen; Back returns to the menu;
#              the same typed on a keyboard (digit and keypad keys, BackSpace, Return, KP_Enter);
#              "Exit kiosk" ends the process with status 4, the one the systemd unit does
#              not restart on (RestartPreventExitStatus=4). Three wrong PINs lock the
#              pad (the right PIN is then refused). Without pin_hash no PIN opens the staff
#              screen.
#   broken     a broken session file is left out of the menu; a session replaced by a broken
#              file between listing and opening shows the friendly card, a tap dismisses it,
#              and the kiosk goes on (another session opens); the staff screen lists the broken
#              file, and the replaced one after "Reload sessions".
#   config     configurations with a syntax error, an unknown field, a value out of range and
#              a missing sessions folder: `pacer kiosk --check` exits 1 naming the file (and
#              the line, when the mistake is in the Lua, also for a path longer than Lua's
#              60-byte chunk names), and the kiosk starts anyway with the safe defaults (the
#              default folder's menu). A good configuration checks clean.
#   folder     a session added while the menu shows appears as one more card; a changed
#              title shows, a removed file's card goes; a file written beside the folder (in
#              its parent) does not make the menu read the folder again.
#   signals    SIGTERM in the menu, SIGTERM while a session plays and SIGINT on the PIN pad each
#              end the kiosk with status 0.
#   screens    on 1920x1080 and 800x1280 screens (no window manager) the window covers the
#              screen, the menu is drawn for it and its cards open their sessions; on the PIN pad
#              16 keys (12 digits, the most it takes, some deleted) leave it running, and its
#              message after OK is on screen in full.
#   no_display with DISPLAY naming no X server (and SDL_VIDEODRIVER unset) the kiosk exits
#              with a non-zero status and "needs a display", rather than running unseen.
#
# The other cases run on a 1280x720 screen.
#
# Exits 77 (skipped) when Xvfb, xdotool or import is missing. Every wait polls with a generous
# limit (PACER_KIOSK_SLOW multiplies them: 3 in a sanitizer build) that only guards against a
# hang, so a loaded machine makes the test slower, not flaky: nothing checks that the kiosk
# was quick (how fast it reacts is the machine's as much as the program's), and a lower bound
# on a time is measured from before the action, so a late clock reading cannot shorten it. PACER_KIOSK_KEEP=DIR keeps the screenshots and logs of a
# failed run.
set -u

pacer=${1:?usage: kiosk_test.sh PACER KPIX WMCLOSE CASE}
kpix=${2:?usage: kiosk_test.sh PACER KPIX WMCLOSE CASE}
wmclose=${3?usage: kiosk_test.sh PACER KPIX WMCLOSE CASE}
case_name=${4:?usage: kiosk_test.sh PACER KPIX WMCLOSE CASE}
slow=${PACER_KIOSK_SLOW:-1}
WAIT_SLOW=$slow # wait_until's limits

source "$(dirname "${BASH_SOURCE[0]}")/../support/xtest.sh"
need_tools "scripts/install-deps.sh installs xvfb, xdotool and imagemagick" Xvfb xdotool import

work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-kiosk-XXXXXX") || exit 1
pids=()       # every pacer this test started
extra_dirs=() # folders outside $work to remove

cleanup() {
  local rc=$? p
  for p in "${pids[@]}"; do
    if kill -0 "$p" 2>/dev/null; then
      kill "$p" 2>/dev/null
      for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$p" 2>/dev/null
    fi
  done
  stop_xvfb
  if [ "$rc" -ne 0 ] && [ -n "${PACER_KIOSK_KEEP:-}" ]; then
    mkdir -p "$PACER_KIOSK_KEEP" && cp "$work"/*.png "$work"/*.log "$PACER_KIOSK_KEEP"/ 2>/dev/null
  fi
  rm -rf "$work" "${extra_dirs[@]}"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

t_start=$(date +%s)
note() { printf '[%3ds] %s\n' "$(($(date +%s) - t_start))" "$*"; }


imax() { [ "$1" -gt "$2" ] && echo "$1" || echo "$2"; }
imin() { [ "$1" -lt "$2" ] && echo "$1" || echo "$2"; }

# The default theme (core/ui/theme.c)
PANEL=1d2b3e TEXT=f4f6f8 MUTED=b4c2d3 RING=e8b86c

# ---- the X server ----
W=0 H=0
start_x() {
  W=$1 H=$2
  start_xvfb "${W}x${H}"
  note "Xvfb on $DISPLAY, ${W}x${H}"
}
x_alive() { kill -0 "$xvfb_pid" 2>/dev/null; }

# The window, not SDL's dummy or offscreen drivers; no sound card; no speech synthesis (the
# cues keep their estimated lengths); our own cache and data folders; no user plugins.
export SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy PACER_NO_SPEECH=1
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
mkdir -p "$work/data" "$work/cache" "$work/state"
# The safe defaults' folder (a configuration with a mistake falls back to it)
export PACER_SESSIONS="$work/default_sessions"
mkdir -p "$PACER_SESSIONS"
cat >"$PACER_SESSIONS/default.lua" <<'EOF'
return session { title = "Default session", summary = "From the safe defaults", wait { 300, label = "Default" } }
EOF

# ---- sessions and configurations ----
# The sessions folder, in a folder of its own (the folder case writes beside it)
S="$work/site/s"
# session FILE TITLE SECONDS: a session of one quiet wait
session() {
  cat >"$1" <<EOF
return session {
  title = "$2",
  summary = "A test session of $3 seconds",
  wait { $3, label = "$2" },
}
EOF
}

# config FILE SESSIONS_DIR [PIN_HASH]: a short idle time and hold
config() {
  {
    echo "return kiosk {"
    echo "  sessions = \"$2\","
    echo "  idle_minutes = ${4:-0.1},"
    echo "  hold_seconds = 2,"
    [ -z "${3:-}" ] || echo "  pin_hash = \"$3\","
    echo "}"
  } >"$1"
}
IDLE_S=6 HOLD_S=2
# The idle time of the cases that do not test it: with 6 s every screen but the fresh menu
# lasts only until 6 s after the last tap, and a busy machine can take that long between two
# screenshots, so the state a case checks would be gone before it is seen.
LONG_IDLE_MINUTES=10

PIN=2468
pin_hash() { echo "$PIN" | "$pacer" kiosk --hash-pin 2>"$work/hash.log"; }

# ---- the kiosk ----
kpid=""
# launch LOG ARGS...: starts pacer in the background; its pid in kpid
launch() {
  local log=$1
  shift
  "$pacer" "$@" >"$work/$log.log" 2>&1 &
  kpid=$!
  pids+=("$kpid")
}
alive() { local p=${1:-$kpid}; [ -d "/proc/$p" ] && [ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)" != Z ]; }
gone() { ! alive "$@"; }
wid=""
find_window() { wid=$(xdotool search --pid "${1:-$kpid}" 2>/dev/null | head -n 1) && [ -n "$wid" ]; }
geometry() { xdotool getwindowgeometry "$wid" 2>/dev/null | awk '/Position/ {p=$2} /Geometry/ {g=$2} END {print p, g}'; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/${1:-$kpid}/status" 2>/dev/null; }
sanitizer_report() { grep -l -E "ERROR: (Address|Leak)Sanitizer|runtime error:" "$work"/*.log 2>/dev/null; }

shot() {
  local i
  for i in 1 2 3; do
    import -window root "$work/$1.png" 2>>"$work/import.log" && return 0
    sleep 0.2
  done
  return 1
}
findtext() { # findtext SHOT TEXT PX BOLD COLOUR [X Y W H]
  local s=$1
  shift
  "$kpix" findtext "$work/$s.png" "$@" >/dev/null
}
diffn() { "$kpix" diff "$work/$1.png" "$work/$2.png" "${3:-8}" "${@:4}"; }
same_as() { shot "${3:-cur}" && [ "$(diffn "${3:-cur}" "$1")" -le "${2:-0}" ]; }

tap() { xdotool mousemove "$1" "$2" click 1 || fail "xdotool could not tap $1,$2"; }
key() { xdotool key "$@" || fail "xdotool could not send $*"; }

# ---- layouts (core/ui/scene.c), for a W x H screen ----
portrait() { [ "$H" -gt "$W" ]; }
menu_m() { imax 16 $((H / 30)); }
card_h() { if portrait; then imax 96 $((W / 6)); else imax 96 $((H / 6)); fi; }
menu_top() { imax 48 $((H / 7)); }
title_px() { imax 24 "$(imin $(($(menu_top) / 2)) $((W / 12)))"; }
card_px() { imax 18 $(($(card_h) / 4)); }
# card_xy I: the middle of the I-th card shown (0 first)
card_xy() { local ch; ch=$(card_h); echo "$((W / 2)) $(($(menu_top) + $1 * (ch + ch / 6) + ch / 2))"; }
tap_card() { tap $(card_xy "$1"); }
# the cards shown, counted down their left edge
cards() { "$kpix" vruns "$work/$1.png" $(($(menu_m) + 6)) "$PANEL" 2 $(($(card_h) / 2)) | grep -c .; }
menu_shown() {
  shot "${1:-cur}" &&
    KPIX_FIT=$((W - 2 * $(menu_m))) findtext "${1:-cur}" "Choose a session" "$(title_px)" 1 "$TEXT" 0 0 "$W" "$(menu_top)"
}

pin_m() { imax 12 $((H / 40)); }
pin_key() { imax 64 "$(imin $((W / 5)) $((H / 7)))"; }
pin_px() { imax 18 $(($(pin_key) / 3)); }
# pin_xy ID: the middle of a key of the pad: 0-9, 10 Delete, 11 OK, 12 Cancel
pin_xy() {
  local id=$1 k m x0 y0 i
  k=$(pin_key) m=$(pin_m)
  x0=$(((W - (3 * k + 2 * m)) / 2)) y0=$((H / 2 - 2 * k - m))
  if [ "$id" -eq 12 ]; then
    echo "$((W / 2)) $((y0 + 4 * (k + m) + k * 3 / 8))"
    return
  fi
  case $id in 0) i=10 ;; 10) i=9 ;; 11) i=11 ;; *) i=$((id - 1)) ;; esac
  echo "$((x0 + (i % 3) * (k + m) + k / 2)) $((y0 + (i / 3) * (k + m) + k / 2))"
}
pin_shown() { shot "${1:-cur}" && findtext "${1:-cur}" "Staff PIN" "$(pin_px)" 1 "$TEXT"; }
# enter_pin DIGITS: taps the digits, then OK
enter_pin() {
  local d i
  for ((i = 0; i < ${#1}; i++)); do
    d=${1:i:1}
    tap $(pin_xy "$d")
    sleep 0.1
  done
  tap $(pin_xy 11)
}
# type_pin DIGITS [ENTER]: the same from a keyboard: a wrong digit taken back with BackSpace,
# the digits (the keypad's in odd places), then Return (or ENTER, e.g. KP_Enter)
type_pin() {
  local d i
  key 9
  sleep 0.1
  key BackSpace
  for ((i = 0; i < ${#1}; i++)); do
    d=${1:i:1}
    if ((i % 2)); then key "KP_$d"; else key "$d"; fi
    sleep 0.1
  done
  key "${2:-Return}"
}
# pin_message_shown TEXT: the pad's message (above the keys, where the prompt was), in full
pin_message_shown() {
  shot cur && KPIX_FIT=$((W - 2 * $(pin_m))) "$kpix" findtext "$work/cur.png" "$1" $(($(pin_px) * 3 / 4)) 0 "$RING" \
    >/dev/null
}
corner_xy() { local c; c=$(imax 64 $(($(imin "$W" "$H") / 8))); echo "$((c / 3)) $((c / 3))"; }
# open_pin_pad: holds the staff corner until the PIN pad shows; how long it took in hold_ms
hold_ms=0
open_pin_pad() {
  local t0
  xdotool mousemove $(corner_xy) || fail "xdotool mousemove"
  t0=$(now_ms) # before the press: the kiosk cannot see it earlier
  xdotool mousedown 1 || fail "xdotool mousedown"
  wait_until $((HOLD_S + 60)) "holding the corner did not open the PIN pad" pin_shown
  hold_ms=$(($(now_ms) - t0))
  xdotool mouseup 1
}

staff_m() { imax 12 $((H / 30)); }
staff_bh() { imax 72 $((H / 9)); }
staff_bw() { imin $((W - 2 * $(staff_m))) "$(imax 320 $((W / 2)))"; }
staff_x() { echo $(((W - $(staff_bw)) / 2)); }
# staff_row N: the middle y of the N-th row of buttons (1 volume, 2 voice, 3 reload, 4 exit)
staff_row() {
  "$kpix" vruns "$work/${2:-cur}.png" $(($(staff_x) + 6)) "$PANEL" 2 $(($(staff_bh) / 2)) |
    awk -v n="$1" 'NR == n {print $1 + int($2 / 2)}'
}
staff_shown() { # the title, over the buttons
  shot "${1:-cur}" && findtext "${1:-cur}" "Staff" "$(imax 20 $(($(staff_bh) / 2)))" 1 "$TEXT" 0 0 "$W" $((H / 4)) &&
    [ -n "$(staff_row 4 "${1:-cur}")" ]
}
# the middle of a button of the staff screen, found in the screenshot SHOT (default cur)
staff_exit_xy() { echo "$(($(staff_x) + ($(staff_bw) - $(staff_m)) / 4)) $(staff_row 4 "${1:-cur}")"; }
staff_back_xy() {
  echo "$(($(staff_x) + ($(staff_bw) + $(staff_m)) / 2 + ($(staff_bw) - $(staff_m)) / 4)) $(staff_row 4 "${1:-cur}")"
}
staff_reload_xy() { echo "$((W / 2)) $(staff_row 3 "${1:-cur}")"; }
staff_text_px() { imax 14 $(($(imax 20 $(($(staff_bh) / 2))) / 2)); }

# start_kiosk CONFIG [LOG]: the kiosk, until its menu shows; the fresh menu in $work/menu0.png
start_kiosk() {
  launch "${2:-kiosk}" kiosk --config "$1"
  wait_until 60 "the kiosk's window did not appear" find_window
  wait_until 60 "the kiosk's menu did not show" menu_shown menu0
  alive || fail "the kiosk ended at start"
}
# stop_kiosk: SIGTERM, and the exit status must be 0
stop_kiosk() {
  kill -TERM "$kpid" 2>/dev/null
  wait_until 30 "the kiosk did not end on SIGTERM" gone
  wait "$kpid"
  local st=$?
  [ "$st" -eq 0 ] || fail "the kiosk ended with status $st on SIGTERM"
}

end_screen_shown() { shot cur && findtext cur "Well done" "$(imax 28 $(($(imin "$W" "$H") / 7)))" 1 "$TEXT"; }
paused_shown() { shot cur && findtext cur "Paused" "$(imax 24 $(($(imin "$W" "$H") / 8)))" 1 "$TEXT"; }
# playing TITLE: the player of TITLE (its title top left, muted)
playing() { shot cur && findtext cur "$1" "$(imax 14 $((H / 32)))" 0 "$MUTED" 0 0 $((W / 2)) $((H / 6)); }

# break_quietly FILE: a session made broken with its size and modification time kept, so the
# kiosk's folder watching cannot see the change (as when a file changes between listing and
# opening). The kiosk is held still (SIGSTOP) while the file is written and its time put back:
# a look at the folder between the two would see a real change, and rightly read it again.
break_quietly() {
  local f=$1 size mtime held=""
  size=$(stat -c %s "$f") mtime=$(stat -c %y "$f")
  { printf 'return session { title = "Broken", wait { 3 }\n'; head -c "$size" /dev/zero | tr '\0' ' '; } |
    head -c "$size" >"$work/broken.tmp"
  if [ -n "${kpid:-}" ] && alive && kill -STOP "$kpid" 2>/dev/null; then held=1; fi
  cat "$work/broken.tmp" >"$f" # in place: the folder itself does not change
  touch -d "$mtime" "$f"
  [ -z "$held" ] || kill -CONT "$kpid"
  [ "$(stat -c %s "$f")" -eq "$size" ] && [ "$(stat -c %y "$f")" = "$mtime" ] || fail "could not break $f quietly"
  "$pacer" check "$f" >/dev/null 2>&1 && fail "the broken $f passes pacer check"
  return 0
}

# ======================================================================================
t_exit_keys() {
  if [ -z "$wmclose" ]; then
    echo "SKIP: wmclose was not built (libx11-dev is missing)"
    exit 77
  fi
  start_x 1280 720
  mkdir -p "$S"
  session "$S/a.lua" "Alpha session" 300
  session "$S/b.lua" "Bravo session" 300
  config "$work/kiosk.lua" "$S"

  # control: a normal window does end on Escape and on a close request
  launch control play --no-journal --size 1280x720
  wait_until 60 "pacer play's window did not appear" find_window
  wait_until 60 "pacer play's menu did not show" menu_shown
  "$wmclose" "$wid" >/dev/null || fail "wmclose could not ask pacer play's window to close"
  wait_until 30 "control: a close request did not end pacer play" gone
  wait "$kpid"
  launch control play --no-journal --size 1280x720
  wait_until 60 "pacer play's window did not appear" find_window
  wait_until 60 "pacer play's menu did not show" menu_shown
  key Escape
  wait_until 30 "control: Escape did not end pacer play" gone
  wait "$kpid"
  note "control: a close request and Escape each end pacer play's menu"

  start_kiosk "$work/kiosk.lua"
  local geo0 combo
  geo0=$(geometry)
  [ "$geo0" = "0,0 ${W}x${H}" ] || fail "the kiosk's window is at $geo0, not covering the ${W}x${H} screen"
  local combos=(Escape alt+F4 ctrl+q ctrl+w alt+Tab ctrl+alt+BackSpace F11 ctrl+Escape super+q alt+F2 ctrl+c)
  for combo in "${combos[@]}"; do
    key "$combo"
    sleep 0.3
    alive || fail "the kiosk ended on $combo in the menu"
  done
  "$wmclose" "$wid" 3 >/dev/null || fail "wmclose could not ask the kiosk's window to close"
  sleep 1
  alive || fail "the kiosk ended on a close request (WM_DELETE_WINDOW, SDL_QUIT) in the menu"
  x_alive || fail "the X server ended"
  [ "$(geometry)" = "$geo0" ] || fail "the window moved or changed size: $(geometry), was $geo0"
  wait_until $((IDLE_S + 15)) "the fresh menu did not come back after the exit keys" same_as menu0 0
  note "menu: ${combos[*]} and 3 close requests ignored; the window still covers the screen"

  # it still draws: a tap on a card opens the session
  tap_card 1
  wait_until 30 "a tap on the second card did not open 'Bravo session'" playing "Bravo session"
  [ "$(diffn menu0 cur)" -gt 10000 ] || fail "the screen hardly changed when a card was tapped"
  note "still drawing: tapping the second card opened 'Bravo session'"

  # in a session: the same keys (Escape asks, a second Escape leaves to the menu, never out)
  for combo in alt+F4 ctrl+q ctrl+w alt+Tab ctrl+alt+BackSpace F11 super+q; do
    key "$combo"
    sleep 0.3
    alive || fail "the kiosk ended on $combo in a session"
  done
  "$wmclose" "$wid" 3 >/dev/null || fail "wmclose could not ask the kiosk's window to close"
  sleep 1
  alive || fail "the kiosk ended on a close request during a session"
  [ "$(geometry)" = "$geo0" ] || fail "the window moved or changed size in a session: $(geometry)"
  key Escape
  sleep 0.5
  key Escape
  wait_until 20 "Escape twice did not go back to the menu" same_as menu0 0
  alive || fail "the kiosk ended on Escape in a session"
  note "session: the combinations and close requests ignored; Escape twice went back to the menu"
  stop_kiosk
}

# ======================================================================================
t_monkey() {
  start_x 1280 720
  mkdir -p "$S"
  session "$S/a.lua" "Alpha session" 3
  session "$S/b.lua" "Bravo session" 300
  session "$S/c.lua" "Charlie session" 2
  session "$S/d.lua" "Delta session" 4
  session "$S/e.lua" "Echo session" 300
  session "$S/f.lua" "Foxtrot session" 2
  cat >"$S/g.lua" <<'EOF'
return session {
  title = "Golf session",
  summary = "Breathing, a few seconds",
  breathe { inhale = 1, exhale = 1, cycles = 2, speak_cycles = 0 },
}
EOF
  config "$work/kiosk.lua" "$S" # no PIN: the pad can never let the monkey out
  start_kiosk "$work/kiosk.lua"
  local seed=${PACER_KIOSK_SEED:-$(($(date +%s) % 32768))} total=${PACER_KIOSK_EVENTS:-2000}
  RANDOM=$seed
  note "monkey: $total events, seed $seed (PACER_KIOSK_SEED=$seed replays them)"
  local keys=(Escape Escape Return KP_Enter space Up Down Left Right Tab shift+Tab Page_Up Page_Down Home End
    BackSpace Delete a q w x z 1 0 F1 F2 F4 F5 F10 F11 F12 alt+F4 ctrl+q ctrl+w alt+Tab ctrl+alt+BackSpace
    ctrl+c ctrl+z alt+F2 super+d Menu)
  local rss0 rss1="" rss2 sent=0 holds=0 cmds ev x y x2 y2 seen_menu=0 seen_pin=0 seen_end=0 seen_other=0

  # back to the fresh menu: Escape leaves a session (or the PIN pad), then the idle time
  to_menu() {
    sleep 1
    local end=$(($(now_ms) + 40000 * slow)) next=0
    until same_as menu0 0; do
      alive || fail "the kiosk ended (after $sent events, seed $seed)"
      [ "$(now_ms)" -lt "$end" ] || fail "the fresh menu did not come back (after $sent events, seed $seed)"
      if [ "$(now_ms)" -ge "$next" ]; then
        xdotool key Escape sleep 0.3 key Escape
        next=$(($(now_ms) + 9000))
      fi
      sleep 0.3
    done
  }
  # staff hold the corner (out of a session first): the PIN pad opens
  monkey_hold() {
    local t0
    for _ in 1 2 3; do
      sleep 1
      xdotool key Escape sleep 0.3 key Escape sleep 0.5 mousemove $(corner_xy) mousedown 1
      t0=$(now_ms)
      while [ $(($(now_ms) - t0)) -lt $(((HOLD_S + 6) * 1000 * slow)) ]; do
        if pin_shown; then
          xdotool mouseup 1
          note "monkey: the PIN pad opened after a $(($(now_ms) - t0)) ms hold ($sent events)"
          # a few keys of it; the random events go on there (Escape pairs leave it)
          local k
          for k in $((RANDOM % 10)) $((RANDOM % 10)) $((RANDOM % 13)) $((RANDOM % 10)) 11; do
            tap $(pin_xy "$k")
            sleep 0.05
          done
          return 0
        fi
        sleep 0.1
      done
      xdotool mouseup 1
      alive || fail "the kiosk ended (after $sent events, seed $seed)"
    done
    fail "holding the corner did not open the PIN pad (after $sent events, seed $seed)"
  }
  # first every screen once, so that the caches (fonts, drawn texts) are warm before the
  # count starts: each session opened, paused, asked to leave and left; one played to its
  # end; the list scrolled; the PIN pad with its message
  monkey_tour() {
    local i
    for i in 0 1 2 3; do
      tap_card "$i"
      sleep 1
      xdotool mousemove $((W * 3 / 4)) $((H / 2)) click 1 sleep 0.3 key Escape sleep 0.3 key Escape sleep 0.5
    done
    xdotool key Down Down Down Down Down Down sleep 0.2 key Return sleep 1.5 key Escape sleep 0.3 key Escape sleep 0.5
    # Alpha: 3 s. Its end screen gives way to the menu once nobody has touched the kiosk for
    # the idle time (6 s, counted from the tap that opened it). On a busy machine one look
    # (a screenshot and a search in it) can take longer than that, so while the case looks,
    # a second process turns the wheel every second (in a session and on the end screen it
    # does nothing else): the screen stays until it is seen however slow the machine is.
    tap_card 0
    local toucher
    (while kill -0 $$ 2>/dev/null && xdotool mousedown 4 mouseup 4; do sleep 1; done) &
    toucher=$!
    wait_until 60 "tour: 'Alpha session' did not end" end_screen_shown
    kill "$toucher" 2>/dev/null || true
    wait "$toucher" 2>/dev/null || true
    tap $((W / 2)) $((H / 2))
    xdotool mousemove $((W / 2)) $((H / 2)) mousedown 5 mouseup 5 sleep 0.3 mousedown 4 mouseup 4
    open_pin_pad
    enter_pin 123
    sleep 0.5
    tap $(pin_xy 12)
    to_menu
  }
  monkey_tour
  rss0=$(rss_kb)
  note "monkey: every screen visited once; VmRSS ${rss0} kB"
  while [ "$sent" -lt "$total" ]; do
    # a chunk of events for one xdotool
    cmds=""
    local n=0
    while [ $n -lt 20 ] && [ "$sent" -lt "$total" ]; do
      ev=$((RANDOM % 100))
      x=$((RANDOM % W)) y=$((RANDOM % H))
      # (mousedown and mouseup: xdotool's click waits 100 ms after each click)
      if [ "$ev" -lt 40 ]; then
        cmds+="mousemove $x $y mousedown 1 mouseup 1"$'\n'
      elif [ "$ev" -lt 72 ]; then
        cmds+="key ${keys[RANDOM % ${#keys[@]}]}"$'\n'
      elif [ "$ev" -lt 82 ]; then # a swipe, quick (never a hold)
        x2=$((RANDOM % W)) y2=$((RANDOM % H))
        cmds+="mousemove $x $y mousedown 1 mousemove $(((x + x2) / 2)) $(((y + y2) / 2)) mousemove $x2 $y2 mouseup 1"$'\n'
      elif [ "$ev" -lt 87 ]; then # the wheel
        local b=$((4 + RANDOM % 2))
        cmds+="mousemove $x $y mousedown $b mouseup $b"$'\n'
      elif [ "$ev" -lt 92 ]; then # a double tap
        cmds+="mousemove $x $y mousedown 1 mouseup 1 sleep 0.04 mousedown 1 mouseup 1"$'\n'
      else # Escape twice: out of a session (taps alone keep pausing and resuming it)
        cmds+="key Escape sleep 0.1 key Escape"$'\n'
      fi
      cmds+="sleep 0.0$((RANDOM % 4))"$'\n'
      n=$((n + 1)) sent=$((sent + 1))
    done
    printf '%s' "$cmds" | xdotool - || fail "xdotool could not send events"
    alive || fail "the kiosk ended after $sent events (seed $seed)"
    x_alive || fail "the X server ended after $sent events"
    # now and then nobody touches it for a while: sessions reach their end, the idle time
    # passes
    local quiet=0
    if [ $((sent % 200)) -eq 100 ]; then
      sleep $((2 + RANDOM % 2))
      quiet=1
    fi
    # what the screen shows now and then, to see that the events get somewhere
    if { [ $((sent % 80)) -eq 0 ] || [ "$quiet" -eq 1 ]; } && shot seen; then
      if findtext seen "Choose a session" "$(title_px)" 1 "$TEXT" 0 0 "$W" "$(menu_top)"; then
        seen_menu=$((seen_menu + 1))
      elif findtext seen "Staff PIN" "$(pin_px)" 1 "$TEXT"; then
        seen_pin=$((seen_pin + 1))
      elif findtext seen "Well done" "$(imax 28 $(($(imin "$W" "$H") / 7)))" 1 "$TEXT"; then
        seen_end=$((seen_end + 1))
      else
        seen_other=$((seen_other + 1)) # a session or its dialogs, the friendly card
      fi
    fi
    # now and then staff hold the corner: the PIN pad opens, the monkey taps it
    if [ $((sent % 500)) -eq 240 ]; then
      monkey_hold
      holds=$((holds + 1))
    fi
    if [ "$sent" -eq 500 ]; then
      to_menu
      rss1=$(rss_kb)
      note "monkey: 500 events, back in the fresh menu; VmRSS ${rss1} kB"
    elif [ $((sent % 500)) -eq 0 ]; then
      note "monkey: $sent events; VmRSS $(rss_kb) kB"
    fi
  done
  to_menu
  rss2=$(rss_kb)
  [ "$(geometry)" = "0,0 ${W}x${H}" ] || fail "the window no longer covers the screen: $(geometry)"
  note "monkey: $total events ($holds corner holds), back in the fresh menu; VmRSS ${rss2} kB"
  note "monkey: screens seen between chunks of events: menu $seen_menu, session $seen_other," \
    "end $seen_end, PIN pad $seen_pin"
  # The random events must get somewhere: at least one look found something other than the
  # menu. (Whether a look also finds the menu is chance: a session lasts, the menu lasts until
  # the next tap, and a sanitizer build looks only ten times. That the kiosk comes back to the
  # fresh menu is checked by to_menu, after event 500 and after the last.)
  [ $((seen_other + seen_end + seen_pin)) -gt 0 ] || fail "the random events never left the menu (seed $seed)"
  echo "RSS: after the tour ${rss0} kB, after 500 events ${rss1} kB, after $total events ${rss2} kB," \
    "growth $((rss2 - rss1)) kB (allowed 3072)"
  if [ -n "${PACER_KIOSK_SANITIZED:-}" ]; then
    note "monkey: sanitizer build: the RSS growth is reported, not checked"
  else
    [ $((rss2 - rss1)) -le 3072 ] || fail "VmRSS grew by $((rss2 - rss1)) kB from event 500 to event $total (seed $seed)"
  fi
  stop_kiosk
  [ -z "$(sanitizer_report)" ] || fail "the sanitizers reported errors"
}

# ======================================================================================
t_idle() {
  start_x 1280 720
  mkdir -p "$S"
  session "$S/a.lua" "Alpha session" 300
  session "$S/b.lua" "Bravo session" 3
  config "$work/kiosk.lua" "$S"
  start_kiosk "$work/kiosk.lua"

  # a paused session gives way to the fresh menu after the idle time
  tap_card 0
  wait_until 30 "a tap did not open 'Alpha session'" playing "Alpha session"
  sleep 1
  local t_pause
  t_pause=$(now_ms) # before the tap: the kiosk cannot see it earlier
  tap $((W * 3 / 4)) $((H / 2))
  wait_until 30 "a tap did not pause the session" paused_shown
  note "idle: 'Alpha session' opened and paused"
  wait_until $((IDLE_S + 20)) "the menu did not come back after the idle time" same_as menu0 0
  local took=$(($(now_ms) - t_pause))
  [ "$took" -ge $((IDLE_S * 1000 - 1000)) ] || fail "the menu came back ${took} ms after the last tap, before the idle time (${IDLE_S} s)"
  alive || fail "the kiosk ended"
  local title
  title=$(xdotool getwindowname "$wid")
  [ "$title" = "Pacer" ] || fail "after the idle return the window is still titled '$title', not 'Pacer'"
  note "idle: the fresh menu came back ${took} ms after the pausing tap (idle ${IDLE_S} s); no paused overlay" \
    "left, the window titled 'Pacer' again"

  # a playing session is never interrupted
  tap_card 0
  wait_until 30 "a tap did not open 'Alpha session'" playing "Alpha session"
  sleep $((IDLE_S + 4))
  playing "Alpha session" || fail "the idle time interrupted a playing session"
  paused_shown && fail "the playing session was paused"
  note "idle: a session left playing $((IDLE_S + 4)) s was not interrupted"
  key Escape
  sleep 0.3
  key Escape
  wait_until 20 "Escape twice did not go back to the menu" same_as menu0 0

  # an ended session gives way to the menu, after the end screen's 20 s. With the 6 s idle
  # time the end screen would last only until 6 s after the tap that opened the session:
  # too short to be seen for sure on a busy machine, so this part runs with a long one.
  stop_kiosk
  config "$work/kiosk.lua" "$S" "" $LONG_IDLE_MINUTES
  start_kiosk "$work/kiosk.lua" kiosk_end
  tap_card 1
  local t_open
  t_open=$(now_ms)
  # the 3 s session may already have ended when the first screenshot is taken
  bravo_opened() { playing "Bravo session" || end_screen_shown; }
  wait_until 30 "a tap did not open 'Bravo session'" bravo_opened
  wait_until 30 "'Bravo session' (3 s) did not end on the 'Well done' screen" end_screen_shown
  note "idle: 'Bravo session' ended after $(($(now_ms) - t_open)) ms"
  wait_until 45 "the menu did not come back after the session ended" same_as menu0 0
  alive || fail "the kiosk ended"
  note "idle: the fresh menu came back $(($(now_ms) - t_open)) ms after the session was opened"
  stop_kiosk
  # nothing of a patient's session is kept for the next one (pacer play remembers where a
  # session stopped; the kiosk must not)
  [ -z "$(find "$work/state" -type f)" ] || fail "the kiosk kept state: $(find "$work/state" -type f)"
  note "idle: the kiosk kept no state of the sessions played"
}

# ======================================================================================
t_pin() {
  start_x 1280 720
  mkdir -p "$S"
  session "$S/a.lua" "Alpha session" 300
  local hash
  hash=$(pin_hash) || fail "pacer kiosk --hash-pin failed: $(cat "$work/hash.log")"
  case $hash in '$argon2id$'*) ;; *) fail "the PIN hash is not Argon2id: $hash" ;; esac
  config "$work/kiosk.lua" "$S" "$hash" $LONG_IDLE_MINUTES
  config "$work/nopin.lua" "$S" "" $LONG_IDLE_MINUTES
  start_kiosk "$work/kiosk.lua"

  # a hold shorter than hold_seconds does nothing (a tenth of it: a busy machine may deliver
  # the release late, and it must still come before hold_seconds)
  xdotool mousemove $(corner_xy) mousedown 1 sleep 0.2 mouseup 1
  sleep $((HOLD_S + 1))
  same_as menu0 0 || fail "a 0.2 s hold of the corner changed the menu"
  note "pin: a 0.2 s hold does nothing"

  open_pin_pad
  [ "$hold_ms" -ge $((HOLD_S * 1000 - 300)) ] || fail "the PIN pad opened after ${hold_ms} ms, before hold_seconds"
  note "pin: the PIN pad opened after holding the corner ${hold_ms} ms (hold_seconds ${HOLD_S})"

  enter_pin 135713571357 # the longest PIN the pad takes
  wait_until 20 "a wrong PIN did not show 'That PIN is not right'" pin_message_shown "That PIN is not right"
  pin_shown || fail "the PIN pad went away after a wrong PIN"
  note "pin: a wrong 12-digit PIN shows 'That PIN is not right' in full; the pad stays"

  enter_pin "$PIN"
  wait_until 20 "the right PIN did not open the staff screen" staff_shown
  note "pin: the right PIN opened the staff screen"
  tap $(staff_back_xy)
  wait_until 20 "Back did not return to the fresh menu" same_as menu0 0
  note "pin: Back returned to the fresh menu"

  # the pad from a keyboard: digit keys and the keypad's, BackSpace, Return and KP_Enter
  open_pin_pad
  type_pin 1357 # a wrong one
  wait_until 20 "a wrong PIN typed on the keyboard did not show 'That PIN is not right'" \
    pin_message_shown "That PIN is not right"
  type_pin "$PIN" KP_Enter
  wait_until 20 "the right PIN typed on the keyboard did not open the staff screen" staff_shown
  note "pin: typed on the keyboard (digits, keypad, BackSpace), a wrong PIN is refused, the right one opens the staff screen"
  tap $(staff_exit_xy)
  local t0 took
  t0=$(now_ms)
  wait_until 30 "'Exit kiosk' did not end the kiosk" gone
  took=$(($(now_ms) - t0))
  wait "$kpid"
  local st=$?
  [ "$st" -eq 4 ] || fail "'Exit kiosk' ended the kiosk with status $st, not 4 (the status the unit does not restart on)"
  note "pin: 'Exit kiosk' ended the kiosk with status 4 in ${took} ms"

  # three wrong PINs lock the pad: the right one is refused
  start_kiosk "$work/kiosk.lua" kiosk2
  open_pin_pad
  local i
  for i in 1 2 3; do
    rm -f "$work/cur.png"
    enter_pin 1111
    sleep 0.5
    wait_until 20 "wrong PIN $i did not show the message" pin_message_shown "That PIN is not right"
  done
  enter_pin "$PIN"
  wait_until 20 "after three wrong PINs the pad did not say 'Too many tries'" \
    pin_message_shown "Too many tries: wait half a minute"
  staff_shown && fail "the right PIN opened the staff screen during the lockout"
  pin_shown || fail "the PIN pad went away during the lockout"
  tap $(pin_xy 12)
  wait_until 20 "Cancel did not return to the fresh menu" same_as menu0 0
  alive || fail "the kiosk ended"
  note "pin: three wrong PINs lock the pad (the right PIN refused); Cancel returns to the menu"
  stop_kiosk

  # without pin_hash the pad never opens the staff screen
  start_kiosk "$work/nopin.lua" kiosk3
  open_pin_pad
  for p in "$PIN" 0000 1234; do
    enter_pin "$p"
    wait_until 20 "without pin_hash the pad did not say 'No staff PIN is set'" \
      pin_message_shown "No staff PIN is set: see docs/kiosk.md"
    staff_shown && fail "without pin_hash PIN $p opened the staff screen"
  done
  pin_shown || fail "the PIN pad went away"
  key Escape
  wait_until 20 "Escape on the PIN pad did not return to the fresh menu" same_as menu0 0
  alive || fail "the kiosk ended"
  note "pin: without pin_hash no PIN opens the staff screen ('No staff PIN is set')"
  stop_kiosk
}

# ======================================================================================
t_broken() {
  start_x 1280 720
  mkdir -p "$S"
  session "$S/a.lua" "Alpha session" 300
  session "$S/b.lua" "Bravo session" 300
  printf 'return session {\n  title = "Broken session",\n  wait { 3 \n}\n' >"$S/broken.lua"
  "$pacer" check "$S/broken.lua" >/dev/null 2>&1 && fail "broken.lua passes pacer check"
  local hash
  hash=$(pin_hash) || fail "pacer kiosk --hash-pin failed"
  config "$work/kiosk.lua" "$S" "$hash" $LONG_IDLE_MINUTES
  start_kiosk "$work/kiosk.lua"
  [ "$(cards menu0)" -eq 2 ] || fail "the menu shows $(cards menu0) cards, not 2 (the broken file left out)"
  findtext menu0 "Alpha session" "$(card_px)" 1 "$TEXT" || fail "the menu does not show 'Alpha session'"
  findtext menu0 "Bravo session" "$(card_px)" 1 "$TEXT" || fail "the menu does not show 'Bravo session'"
  findtext menu0 "Broken session" "$(card_px)" 1 "$TEXT" && fail "the menu shows the broken session"
  note "broken: the broken file is left out; the menu shows the 2 good sessions"

  # b.lua broken between listing and opening: same size and time, so the menu is not reloaded
  break_quietly "$S/b.lua"
  tap_card 1
  local card_y=$((H / 3))
  sorry() { shot cur && findtext cur "Sorry," "$(imax 20 $((H / 3 / 6)))" 1 "$TEXT" 0 "$card_y" "$W" $((H / 3)); }
  wait_until 30 "opening the replaced session did not show the friendly card" sorry
  alive || fail "the kiosk ended opening a broken session"
  note "broken: opening the replaced session shows the friendly card"
  tap $((W / 2)) $((H / 2))
  dismissed() { ! sorry && menu_shown && [ "$(cards cur)" -eq 2 ]; }
  wait_until 20 "a tap did not dismiss the card" dismissed
  note "broken: a tap dismissed the card; the menu shows its 2 cards"
  tap_card 0
  wait_until 30 "after the card, 'Alpha session' did not open" playing "Alpha session"
  key Escape
  sleep 0.3
  key Escape
  wait_until 20 "Escape twice did not go back to the menu" same_as menu0 0
  note "broken: the kiosk goes on: 'Alpha session' opened and closed"

  # the staff screen lists the broken file; after a reload, the replaced one too
  open_pin_pad
  enter_pin "$PIN"
  wait_until 20 "the right PIN did not open the staff screen" staff_shown staff
  findtext staff "broken.lua:" "$(staff_text_px)" 0 "$RING" || fail "the staff screen does not list broken.lua"
  findtext staff "2 sessions in the folder" "$(staff_text_px)" 0 "$MUTED" ||
    fail "the staff screen does not say '2 sessions in the folder'"
  note "broken: the staff screen lists broken.lua"
  tap $(staff_reload_xy staff)
  reloaded() { shot staff2 && findtext staff2 "b.lua:" "$(staff_text_px)" 0 "$RING"; }
  wait_until 20 "after 'Reload sessions' the staff screen does not list b.lua" reloaded
  findtext staff2 "broken.lua:" "$(staff_text_px)" 0 "$RING" || fail "after the reload broken.lua is no longer listed"
  findtext staff2 "1 session in the folder" "$(staff_text_px)" 0 "$MUTED" ||
    fail "after the reload the staff screen does not say '1 session in the folder'"
  note "broken: after 'Reload sessions' the staff screen lists b.lua and broken.lua"
  tap $(staff_back_xy staff2)
  wait_until 20 "Back did not return to the menu" menu_shown
  [ "$(cards cur)" -eq 1 ] || fail "after the reload the menu shows $(cards cur) cards, not 1"
  alive || fail "the kiosk ended"
  stop_kiosk
}

# ======================================================================================
t_config() {
  start_x 1280 720
  # the configurations, beside their sessions folder "s"
  local C
  C=$(mktemp -d /tmp/pacer-kiosk-XXXXXX) || fail "mktemp"
  extra_dirs+=("$C")
  S="$C/s"
  mkdir -p "$S"
  session "$S/a.lua" "Alpha session" 300
  # name|text of the configuration|what --check must print (an extended regex)
  printf 'return kiosk {\n  sessions = "s",\n  idle_minutes = 0.1\n  hold_seconds = 2,\n}\n' >"$C/syntax.lua"
  printf 'return kiosk {\n  sessions = "s",\n  idle_minuts = 0.1,\n}\n' >"$C/unknown.lua"
  printf 'return kiosk {\n  sessions = "s",\n  idle_minutes = 0,\n}\n' >"$C/range.lua"
  printf 'return kiosk {\n  sessions = "nowhere",\n  idle_minutes = 0.1,\n}\n' >"$C/folder.lua"
  printf 'return kiosk {\n  sessions = "s",\n  idle_minutes = 0.1,\n  hold_seconds = 2,\n}\n' >"$C/good.lua"
  local name re out st
  for spec in "syntax|syntax\\.lua:4:[0-9]+: error: .*expected" \
    "unknown|unknown\\.lua:[0-9]+:[0-9]+: error: .*unknown field 'idle_minuts'" \
    "range|range\\.lua:[0-9]+:[0-9]+: error: .*idle_minutes" \
    "folder|folder\\.lua: .*sessions folder .*nowhere.* does not exist"; do
    name=${spec%%|*} re=${spec#*|}
    out=$("$pacer" kiosk --check "$C/$name.lua" 2>&1)
    st=$?
    out=${out//"$C/"/}
    [ "$st" -eq 1 ] || fail "pacer kiosk --check $name.lua exited $st, not 1: $out"
    printf '%s\n' "$out" | grep -Eq "^$re" || fail "pacer kiosk --check $name.lua printed '$out', not /$re/"
    note "config: --check $name.lua: status 1, '$out'"
  done
  # a path longer than Lua's 60-byte chunk names keeps its line
  local long="$C/a-folder-name-long-enough/for-the-path-to-pass-the-sixty-bytes"
  mkdir -p "$long"
  cp "$C/syntax.lua" "$long/syntax.lua"
  out=$("$pacer" kiosk --check "$long/syntax.lua" 2>&1)
  printf '%s\n' "$out" | grep -q "^$long/syntax.lua:4:[0-9]*: error: .*expected" ||
    fail "a syntax error in a file at a long path is not reported at FILE:4:COL: ${out//"$C/"/}"
  note "config: --check at a ${#long}-byte folder: '${out//"$C/"/}'"
  out=$("$pacer" kiosk --check "$C/good.lua" 2>&1)
  st=$?
  [ "$st" -eq 0 ] || fail "pacer kiosk --check good.lua exited $st: $out"
  [ "$out" = "$C/good.lua: ok" ] || fail "pacer kiosk --check good.lua printed '$out'"
  note "config: --check good.lua: status 0, 'good.lua: ok'"

  # each bad configuration starts the kiosk with the safe defaults: the default folder's menu
  local cpx
  cpx=$(card_px)
  for name in syntax unknown range folder; do
    start_kiosk "$C/$name.lua" "kiosk_$name"
    findtext menu0 "Default session" "$cpx" 1 "$TEXT" ||
      fail "with $name.lua the menu does not show the default folder's 'Default session'"
    findtext menu0 "Alpha session" "$cpx" 1 "$TEXT" && fail "with $name.lua the menu shows the configured folder"
    grep -q "pacer kiosk: .*$name\\.lua" "$work/kiosk_$name.log" || fail "with $name.lua the kiosk did not say what was wrong"
    sleep 1
    alive || fail "the kiosk ended with $name.lua"
    stop_kiosk
    note "config: with $name.lua the kiosk runs on the safe defaults: $(grep -m1 'pacer kiosk:' "$work/kiosk_$name.log" | sed "s|$C/||g")"
  done
  start_kiosk "$C/good.lua" kiosk_good
  findtext menu0 "Alpha session" "$cpx" 1 "$TEXT" || fail "with good.lua the menu does not show 'Alpha session'"
  stop_kiosk
  note "config: with good.lua the menu shows its folder"
}

# ======================================================================================
t_folder() {
  start_x 1280 720
  mkdir -p "$S"
  session "$S/a.lua" "Alpha session" 300
  session "$S/b.lua" "Bravo session" 300
  config "$work/kiosk.lua" "$S"
  start_kiosk "$work/kiosk.lua"
  [ "$(cards menu0)" -eq 2 ] || fail "the menu shows $(cards menu0) cards, not 2"
  local cpx t0 took limit=30 # the kiosk looks every 2 s: a hang guard
  cpx=$(card_px)
  ncards() { shot cur && [ "$(cards cur)" -eq "$1" ]; }

  session "$S/c.lua" "Charlie session" 300
  t0=$(now_ms)
  wait_until $limit "a session added to the folder did not show as a third card" ncards 3
  took=$(($(now_ms) - t0))
  findtext cur "Charlie session" "$cpx" 1 "$TEXT" || fail "the third card is not 'Charlie session'"
  note "folder: an added session showed as a third card after ${took} ms"

  sleep 1 # a new modification time
  session "$S/c.lua" "Charlie renamed" 300
  t0=$(now_ms)
  renamed() { shot cur && findtext cur "Charlie renamed" "$cpx" 1 "$TEXT"; }
  wait_until $limit "a changed title did not show" renamed
  note "folder: a changed title showed after $(($(now_ms) - t0)) ms"

  rm "$S/a.lua"
  t0=$(now_ms)
  wait_until $limit "a removed session's card did not go" ncards 2
  findtext cur "Alpha session" "$cpx" 1 "$TEXT" && fail "the removed 'Alpha session' is still shown"
  note "folder: a removed session's card went after $(($(now_ms) - t0)) ms"

  # only the folder is watched, not its parent: b.lua broken in place (same size and time, so
  # unseen), then a file written beside the folder; the menu must not be read again
  break_quietly "$S/b.lua"
  sleep 4
  shot cur
  [ "$(cards cur)" -eq 2 ] || fail "the menu was read again though the folder did not change"
  touch "$(dirname "$S")/unrelated.txt"
  sleep 5
  shot cur
  [ "$(cards cur)" -eq 2 ] || fail "a file written beside the sessions folder made the menu read the folder again"
  note "folder: a file written beside the folder does not reload the menu"
  alive || fail "the kiosk ended"
  stop_kiosk
}

# ======================================================================================
t_signals() {
  start_x 1280 720
  mkdir -p "$S"
  session "$S/a.lua" "Alpha session" 300
  config "$work/kiosk.lua" "$S" "" $LONG_IDLE_MINUTES # the PIN pad must stay until it is seen
  # signal_ends SIGNAL WHERE
  signal_ends() {
    local t0 took st
    kill "-$1" "$kpid"
    t0=$(now_ms)
    wait_until 30 "$1 did not end the kiosk ($2)" gone
    took=$(($(now_ms) - t0))
    wait "$kpid"
    st=$?
    [ "$st" -eq 0 ] || fail "$1 ($2) ended the kiosk with status $st"
    note "signals: $1 $2: status 0 in ${took} ms"
  }
  start_kiosk "$work/kiosk.lua"
  sleep 1
  signal_ends TERM "in the menu"
  start_kiosk "$work/kiosk.lua" kiosk2
  tap_card 0
  wait_until 30 "a tap did not open 'Alpha session'" playing "Alpha session"
  signal_ends TERM "while a session plays"
  start_kiosk "$work/kiosk.lua" kiosk3
  open_pin_pad
  signal_ends INT "on the PIN pad"
  [ -z "$(sanitizer_report)" ] || fail "the sanitizers reported errors"
}

# ======================================================================================
t_screens() {
  mkdir -p "$S"
  session "$S/a.lua" "Alpha session" 300
  session "$S/b.lua" "Bravo session" 300
  config "$work/kiosk.lua" "$S" "" $LONG_IDLE_MINUTES # the PIN pad must stay until it is seen
  local size
  for size in 1920x1080 800x1280; do
    start_x "${size%x*}" "${size#*x}"
    start_kiosk "$work/kiosk.lua" "kiosk_$size"
    [ "$(geometry)" = "0,0 $size" ] || fail "on a $size screen the kiosk's window is at $(geometry)"
    findtext menu0 "Bravo session" "$(card_px)" 1 "$TEXT" || fail "$size: the menu does not show 'Bravo session'"
    tap_card 1
    wait_until 30 "$size: a tap on the second card did not open 'Bravo session'" playing "Bravo session"
    key Escape
    sleep 0.3
    key Escape
    wait_until 20 "$size: Escape twice did not go back to the menu" same_as menu0 0
    note "$size: the window covers the screen; the menu is drawn for it and its cards open their sessions"
    # the PIN pad: the most digits it takes, some deleted, more typed; its message in full
    open_pin_pad
    local k
    for k in 1 2 3 4 5 6 7 8 9 0 1 2 10 10 10 3 4 5 6; do
      tap $(pin_xy "$k")
      xdotool mousemove $((W / 2)) $((H / 2))
      sleep 0.05
      alive || fail "$size: the kiosk ended while digits were typed on the PIN pad"
    done
    pin_shown || fail "$size: the PIN pad is not shown after 16 keys"
    tap $(pin_xy 11)
    wait_until 20 "$size: the pad's message 'No staff PIN is set' is not on screen in full" \
      pin_message_shown "No staff PIN is set: see docs/kiosk.md"
    note "$size: 16 keys on the PIN pad (12 digits, the most it takes), then OK: its message on screen in full"
    stop_kiosk
    stop_xvfb
    xvfb_pid=""
  done
}

t_no_display() {
  # a display number with no server behind it, and no SDL_VIDEODRIVER: SDL must not settle on
  # a driver nobody sees
  local n=90 st
  while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
  mkdir -p "$S"
  session "$S/a.lua" "Alpha session" 300
  config "$work/kiosk.lua" "$S"
  (
    unset SDL_VIDEODRIVER
    export DISPLAY=":$n"
    exec "$pacer" kiosk --config "$work/kiosk.lua"
  ) >"$work/kiosk.log" 2>&1 &
  kpid=$!
  pids+=("$kpid")
  wait_until 30 "with DISPLAY=:$n (no X server) the kiosk did not exit" gone
  wait "$kpid"
  st=$?
  [ "$st" -ne 0 ] || fail "with no X server the kiosk exited with status 0"
  grep -q "needs a display" "$work/kiosk.log" || fail "with no X server the kiosk did not say it needs a display"
  note "no display: status $st, '$(grep -m1 'needs a display' "$work/kiosk.log")'"
}

case $case_name in
exit_keys | monkey | idle | pin | broken | config | folder | signals | screens | no_display)
  "t_$case_name"
  ;;
*)
  echo "kiosk_test.sh: unknown case '$case_name'"
  exit 2
  ;;
esac
[ -z "$(sanitizer_report)" ] || fail "the sanitizers reported errors"
echo "PASS"
