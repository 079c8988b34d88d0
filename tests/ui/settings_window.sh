#!/usr/bin/env bash
# settings_window.sh PACER PNGCHECK UI_DIR - the Settings screen in a real window under Xvfb,
# driven as a person would with xdotool:
#
#   the menu shows its Settings button; a click on it opens the Settings screen; Return on the
#   first row turns the colours to high contrast at once (the screen's background is the
#   high-contrast theme's) and writes settings.lua; Down, Return turns on reduced motion;
#   Escape goes back to the menu, Escape again quits. The file reads back (`pacer settings`
#   names it and its lines). Pacer started again shows its menu in high contrast: the theme
#   was remembered. `--theme default` overrides it for that run only (the file is unchanged).
#
# Exits 77 (skipped) when Xvfb, xdotool or import is missing. Every check polls for the state
# it checks with a generous limit that only guards against a hang.
set -u
pacer=${1:?usage: settings_window.sh PACER PNGCHECK UI_DIR}
png=${2:?usage: settings_window.sh PACER PNGCHECK UI_DIR}
dir=${3:?usage: settings_window.sh PACER PNGCHECK UI_DIR}
for tool in Xvfb xdotool import; do
  command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-settings-XXXXXX") || exit 1
xvfb_pid="" pacer_pid=""
cleanup() {
  local rc=$?
  [ -n "$pacer_pid" ] && kill "$pacer_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  if [ -n "${PACER_UI_KEEP:-}" ]; then
    mkdir -p "$PACER_UI_KEEP" && cp "$work"/*.png "$PACER_UI_KEEP"/ 2>/dev/null
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

source "$dir/../support/xtest.sh"
fail() {
  echo "FAIL: $*"
  [ -f "$work/pacer.log" ] && { echo "--- pacer's output:"; cat "$work/pacer.log"; }
  exit 1
}
start_xvfb 1920x1080
export SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy PACER_NO_SPEECH=1
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
export XDG_CONFIG_HOME="$work/config"
export LSAN_OPTIONS="suppressions=$dir/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
mkdir -p "$work/sessions"
cp "$dir/window_session.lua" "$work/sessions/"
export PACER_SESSIONS="$work/sessions"
file="$XDG_CONFIG_HOME/pacer/settings.lua"

HC_BG=$("$png" theme high-contrast bg) DEF_BG=$("$png" theme default bg)
wid=""
shot() { import -window "$wid" "$work/$1.png" 2>>"$work/import.log"; }
count() { "$png" count "$work/$1.png" "$2" "$3" all; }
alive() { [ -d "/proc/$pacer_pid" ] && [ "$(awk '{print $3}' "/proc/$pacer_pid/stat" 2>/dev/null)" != Z ]; }
find_window() { wid=$(xdotool search --name '^Pacer$' 2>/dev/null | head -n 1) && [ -n "$wid" ]; }
key() {
  timeout 10 xdotool windowfocus --sync "$wid" >/dev/null 2>&1 || timeout 10 xdotool windowfocus "$wid" 2>/dev/null
  xdotool key --clearmodifiers "$1" || fail "xdotool could not send $1"
}
# mostly_bg NAME COLOUR: more than half of the 1280x720 screenshot is that background
mostly_bg() { shot "$1" && [ "$(count "$1" "$2" 4)" -gt 460800 ]; }
start() {
  # --no-journal: the daily check-in would open before the menu (tests/journal checks it)
  "$pacer" play --no-journal --size 1280x720 "$@" >"$work/pacer.log" 2>&1 &
  pacer_pid=$!
  wait_until 60 "the menu's window did not appear" find_window
}
quit() {
  key Escape
  gone() { ! alive; }
  wait_until 30 "Pacer did not quit on Escape" gone
  wait "$pacer_pid" || fail "Pacer exited with status $?"
  pacer_pid=""
}

# ---- first run: the default colours; change them on the Settings screen ----
start
wait_until 30 "the menu is not in the default colours" mostly_bg menu_default "$DEF_BG"
# the Settings button, the rightmost in the menu's title band (scene_menu_buttons at 1280x720)
timeout 10 xdotool windowfocus --sync "$wid" >/dev/null 2>&1
xdotool mousemove --window "$wid" 1170 51 click 1 || fail "xdotool could not click"
key Return
wait_until 30 "the Settings screen did not turn to high contrast" mostly_bg settings_hc "$HC_BG"
has_theme() { grep -qx '  theme = "high-contrast",' "$file" 2>/dev/null; }
wait_until 30 "settings.lua does not say theme = \"high-contrast\"" has_theme
key Down
key Return
has_motion() { grep -qx '  reduced_motion = true,' "$file" 2>/dev/null; }
wait_until 30 "settings.lua does not say reduced_motion = true" has_motion
echo "settings.lua:"; cat "$file"
key Escape
wait_until 30 "back in the menu, it is not in high contrast" mostly_bg menu_hc "$HC_BG"
quit

# the file reads back as written, each value from its line
out=$("$pacer" settings) || fail "pacer settings failed"
echo "$out"
grep -q "^theme  *high-contrast  *$file:[0-9]" <<<"$out" || fail "pacer settings does not read the theme back from the file"
grep -q "^reduced_motion  *true  *$file:[0-9]" <<<"$out" || fail "pacer settings does not read reduced motion back"

# ---- started again: the theme is remembered ----
start
wait_until 30 "started again, the menu is not in high contrast: the theme was not remembered" mostly_bg again_hc "$HC_BG"
quit
# ---- a flag overrides it for one run, and the file stays as it was ----
before=$(md5sum <"$file")
start --theme default
wait_until 30 "--theme default did not override the remembered theme" mostly_bg flag_default "$DEF_BG"
quit
[ "$(md5sum <"$file")" = "$before" ] || fail "a run with --theme changed settings.lua"
echo "ok: the Settings screen changed the theme, and it was remembered"
