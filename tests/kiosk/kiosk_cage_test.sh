#!/usr/bin/env bash
# kiosk_cage_test.sh PACER KPIX LAUNCHER - the kiosk as deployed: started by the shipped launcher
# (scripts/kiosk/pacer-kiosk-launch, which runs `cage -d -- pacer kiosk` with SDL on Wayland),
# as a user who is not root (nobody, when the test runs as root: cage refuses root).
#
#   headless  cage's headless back end (WLR_BACKENDS=headless): the kiosk opens its window and
#             draws into it (a full-screen buffer attached to its surface, seen in the Wayland
#             protocol log) and keeps running; before the framebuffer hint followed the video
#             driver it ended at once with "cannot open a window: Couldn't find matching render
#             driver" (a restart loop under systemd).
#   nested    cage's X11 back end inside a private Xvfb: a grim screenshot (through cage's
#             screencopy) shows the menu ("Choose a session" and the session's card), a tap
#             sent to the X server with xdotool reaches the kiosk through cage's seat and opens
#             the session, and SIGTERM ends the kiosk with status 0.
#
# Why two back ends: Debian 12's cage 0.1.4 has neither the virtual-pointer nor the
# virtual-keyboard protocol (cage 0.1.5 added them; wtype needs the latter), ydotool needs
# /dev/uinput, and its headless back end has no input devices at all, so nothing can tap a
# Wayland client under headless cage; its screencopy there also returns black frames. Under
# the X11 back end the same cage, launcher and kiosk get real pointer events and real pixels.
#
# Exits 77 (skipped) when cage, grim, Xvfb or xdotool is missing, or cage cannot start here.
# PACER_KIOSK_SLOW multiplies the waits; PACER_KIOSK_KEEP=DIR keeps the screenshots and logs
# (of every run, so they can be looked at).
set -u
pacer=${1:?usage: kiosk_cage_test.sh PACER KPIX LAUNCHER}
kpix=${2:?usage: kiosk_cage_test.sh PACER KPIX LAUNCHER}
launcher=${3:?usage: kiosk_cage_test.sh PACER KPIX LAUNCHER}
WAIT_SLOW=${PACER_KIOSK_SLOW:-1} WAIT_POLL=0.2

source "$(dirname "${BASH_SOURCE[0]}")/../support/xtest.sh"
need_tools "scripts/install-deps.sh installs cage, grim, xwayland, xvfb and xdotool" cage grim Xvfb xdotool

# cage will not run as root: as root, run the kiosk as nobody
as_nobody "$pacer"

work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-cage-XXXXXX") || exit 1
chmod 755 "$work"
cpid=""
cleanup() {
  local rc=$? p
  for p in $(kiosk_pid) $cpid; do
    kill "$p" 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null
  done
  stop_xvfb
  if [ -n "${PACER_KIOSK_KEEP:-}" ]; then
    mkdir -p "$PACER_KIOSK_KEEP" && cp "$work"/*.png "$work"/*.log "$PACER_KIOSK_KEEP"/ 2>/dev/null
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

t_start=$(date +%s)
note() { printf '[%3ds] %s\n' "$(($(date +%s) - t_start))" "$*"; }
fail() {
  echo "FAIL: $*"
  show_logs 8
  exit 1
}

# the kiosk's files, owned by the user it runs as
mkdir -p "$work/bin" "$work/site/s" "$work/run" "$work/cache" "$work/data" "$work/state"
ln -s "$pacer" "$work/bin/pacer" # the launcher runs the `pacer` it finds on PATH
cat >"$work/site/s/a.lua" <<'EOF'
return session { title = "Alpha session", summary = "A test session", wait { 300, label = "Alpha" } }
EOF
printf 'return kiosk {\n  sessions = "s",\n}\n' >"$work/site/kiosk.lua"
chmod 700 "$work/run"
[ "${#as_user[@]}" -eq 0 ] || chown -R nobody "$work/run" "$work/cache" "$work/data" "$work/state"

kiosk_pid() { [ -n "$cpid" ] && pgrep -P "$cpid" -x pacer 2>/dev/null; }
cage_alive() { [ -n "$cpid" ] && kill -0 "$cpid" 2>/dev/null; }

# start_launcher LOG ENV...: the shipped launcher, as the kiosk's user, in a clean environment
start_launcher() {
  local log=$1
  shift
  # Under cage the window goes through SDL's Wayland back end and Mesa's EGL, which keep
  # allocations of their own until the process ends (8 KB in about 260 blocks, the same with
  # or without a session played). Leak checking stays on for Pacer's own memory in every
  # other kiosk test (X11); here the sanitizers still stop on any memory error.
  local asan=${ASAN_OPTIONS:-}
  [ -z "${PACER_KIOSK_SANITIZED:-}" ] || asan="${asan:+$asan:}detect_leaks=0"
  "${as_user[@]}" env -i PATH="$work/bin:/usr/local/bin:/usr/bin:/bin" HOME=/nonexistent \
    XDG_RUNTIME_DIR="$work/run" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" \
    XDG_STATE_HOME="$work/state" PACER_KIOSK_CONFIG="$work/site/kiosk.lua" PACER_NO_SPEECH=1 \
    SDL_AUDIODRIVER=dummy ASAN_OPTIONS="$asan" LSAN_OPTIONS="${LSAN_OPTIONS:-}" "$@" \
    sh "$launcher" >"$work/$log.log" 2>&1 &
  cpid=$!
}

# stop_kiosk WHAT: SIGTERM ends the kiosk with status 0 (cage then ends too)
stop_kiosk() {
  local k st
  k=$(kiosk_pid) || fail "$1: the kiosk is not running"
  kill -TERM "$k"
  kiosk_gone() { ! kill -0 "$k" 2>/dev/null; }
  # hang guards only, as long as the others here: with both cores busy the kiosk's exit
  # under cage (SDL's Wayland back end, Mesa's EGL) took over 15 s
  wait_until 60 "$1: the kiosk did not end on SIGTERM" kiosk_gone
  wait_until 60 "$1: cage did not end after the kiosk" eval '! cage_alive'
  wait "$cpid"
  st=$?
  [ "$st" -eq 0 ] || fail "$1: the kiosk under cage ended with status $st on SIGTERM"
  cpid=""
}

# ---- headless: the window opens and is drawn ----
start_launcher headless WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WAYLAND_DEBUG=client
socket_up() { [ -S "$work/run/wayland-0" ] || ! cage_alive; }
wait_until 30 "cage made no Wayland socket" socket_up
if [ ! -S "$work/run/wayland-0" ]; then
  echo "SKIP: cage cannot start here: $(tail -n 2 "$work/headless.log" | tr '\n' ' ')"
  exit 77
fi
# a buffer the size of the output, attached to a surface: the kiosk drew its menu
drawn() { grep -Eq 'wl_surface@[0-9]+\.attach\(wl_buffer@' "$work/headless.log" || ! cage_alive; }
wait_until 60 "the kiosk attached no buffer to its window under headless cage" drawn
grep -q "cannot open a window" "$work/headless.log" &&
  fail "under headless cage: $(grep -m1 'cannot open a window' "$work/headless.log")"
cage_alive || fail "cage ended (the kiosk ended at start)"
grep -Eq 'create_buffer\(new id wl_buffer@[0-9]+, 0, 1280, 720,' "$work/headless.log" ||
  fail "the kiosk's buffers are not the size of cage's 1280x720 output"
sleep 2
[ -n "$(kiosk_pid)" ] || fail "the kiosk ended under headless cage"
note "headless: the kiosk opened a full-screen (1280x720) window under cage and runs on"
stop_kiosk headless
note "headless: SIGTERM ended the kiosk with status 0"

# ---- nested: pixels and a tap through cage ----
start_xvfb 1024x768 -nolisten tcp -ac
start_launcher nested WLR_BACKENDS=x11 DISPLAY="$DISPLAY"
wait_until 30 "cage made no Wayland socket under X11" test -S "$work/run/wayland-0"

W=1024 H=768
TEXT=f4f6f8 MUTED=b4c2d3 # the default theme (core/ui/theme.c)
grab() {
  rm -f "$work/$1.png"
  "${as_user[@]}" env XDG_RUNTIME_DIR="$work/run" WAYLAND_DISPLAY=wayland-0 grim - >"$work/$1.tmp.png" \
    2>>"$work/grim.log" && mv "$work/$1.tmp.png" "$work/$1.png"
}
# the menu's title and its one card, laid out for 1024x768 (core/ui/scene.c)
menu_shown() {
  grab menu && KPIX_FIT=974 "$kpix" findtext "$work/menu.png" "Choose a session" 54 1 "$TEXT" 0 0 "$W" 109 >/dev/null &&
    "$kpix" findtext "$work/menu.png" "Alpha session" 32 1 "$TEXT" 0 109 "$W" 128 >/dev/null
}
wait_until 60 "grim shows no menu under cage" menu_shown
[ "$("$kpix" size "$work/menu.png")" = "$W $H" ] || fail "grim's screenshot is $("$kpix" size "$work/menu.png"), not $W x $H"
note "nested: grim shows the menu under cage ($W x $H)"

xdotool mousemove 512 173 click 1 || fail "xdotool could not tap"
playing() {
  grab cur && "$kpix" findtext "$work/cur.png" "Alpha session" 24 0 "$MUTED" 0 0 $((W / 2)) $((H / 6)) >/dev/null
}
wait_until 30 "a tap on the card did not open 'Alpha session' under cage" playing
note "nested: a tap on the card reached the kiosk through cage and opened the session"
stop_kiosk nested
note "nested: SIGTERM ended the kiosk with status 0"
if grep -l -E "ERROR: (Address|Leak)Sanitizer|runtime error:" "$work"/*.log >/dev/null 2>&1; then
  fail "the sanitizers reported errors"
fi
echo PASS
