#!/usr/bin/env bash
# menu_window.sh PACER PNGCHECK UI_DIR - the session menu in a real window under Xvfb, driven
# as a person would with xdotool, six sessions in the folder (four cards fit at 1280x720):
#
#   the menu says how to start ("Tap a session or press Enter to start") and that two more
#   sessions lie below; with speak_menu = true in settings.lua each move of the focus says
#   the card's title and length (the window reports what it says with PACER_UI_EVENTS, so no
#   sound card is needed); Return opens the focused session, and back in the menu that card
#   is still the one selected; the choice is kept in $XDG_STATE_HOME/pacer/menu and Pacer
#   started again starts from it (Down says the card after it). Without speak_menu nothing
#   is said. With language = "de" the footer and the spoken card are German ("Bravo session.
#   10 Minuten.": the card's length is a number, worded in the menu's language).
#
# Exits 77 (skipped) when Xvfb, xdotool or import is missing. Every check polls for the state
# it checks with a generous limit that only guards against a hang.
set -u
pacer=${1:?usage: menu_window.sh PACER PNGCHECK UI_DIR}
png=${2:?usage: menu_window.sh PACER PNGCHECK UI_DIR}
dir=${3:?usage: menu_window.sh PACER PNGCHECK UI_DIR}
source "$dir/../support/xtest.sh"
need_tools "" Xvfb xdotool import
make_work menu
fail() {
  echo "FAIL: $*"
  [ -f "$work/pacer.log" ] && { echo "--- pacer's output:"; cat "$work/pacer.log"; }
  if [ -n "${PACER_UI_KEEP:-}" ]; then
    mkdir -p "$PACER_UI_KEEP" && cp "$work"/*.png "$PACER_UI_KEEP"/ 2>/dev/null
  fi
  exit 1
}
start_xvfb 1920x1080
pids+=("$xvfb_pid")
export SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy PACER_NO_SPEECH=1 PACER_UI_EVENTS=1
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
export XDG_CONFIG_HOME="$work/config"
export LSAN_OPTIONS="suppressions=$dir/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
mkdir -p "$work/sessions" "$XDG_CONFIG_HOME/pacer"
names=(Alpha Bravo Charlie Delta Echo Foxtrot)
for i in "${!names[@]}"; do
  sed "s/title = \"Window test\"/title = \"${names[$i]} session\"/" "$dir/window_session.lua" \
    >"$work/sessions/$i-${names[$i]}.lua"
done
export PACER_SESSIONS="$work/sessions"
echo 'return settings { speak_menu = true }' >"$XDG_CONFIG_HOME/pacer/settings.lua"

TEXT=$("$png" theme default text) MUTED=$("$png" theme default muted)
wid="" pacer_pid=""
shot() { import -window "$wid" "$work/$1.png" 2>>"$work/import.log"; }
alive() { [ -d "/proc/$pacer_pid" ] && [ "$(awk '{print $3}' "/proc/$pacer_pid/stat" 2>/dev/null)" != Z ]; }
find_window() { wid=$(xdotool search --pid "$pacer_pid" 2>/dev/null | head -n 1) && [ -n "$wid" ]; }
key() {
  timeout 10 xdotool windowfocus --sync "$wid" >/dev/null 2>&1 || timeout 10 xdotool windowfocus "$wid" 2>/dev/null
  xdotool key --clearmodifiers "$1" || fail "xdotool could not send $1"
}
says() { grep -qxF "pacer: menu says: $1" "$work/pacer.log"; }
said_count() { grep -c '^pacer: menu says:' "$work/pacer.log"; }
start() {
  # --no-journal: the daily check-in would open before the menu (tests/journal checks it)
  "$pacer" play --no-journal --size 1280x720 "$@" >"$work/pacer.log" 2>&1 &
  pacer_pid=$!
  pids+=("$pacer_pid")
  wait_until 60 "the menu's window did not appear" find_window
}
quit() {
  key Escape
  gone() { ! alive; }
  wait_until 30 "Pacer did not quit on Escape" gone
  wait "$pacer_pid" || fail "Pacer exited with status $?"
  pacer_pid=""
}
# the menu's footer at 1280x720 (core/ui/scene.c: a line of min(w, h) / 16 px, text 3/5 of it)
FOOT_PX=$((720 / 16 * 3 / 5))
hint_shown() { shot "$1" && "$png" findtext "$work/$1.png" "Tap a session or press Enter to start" $FOOT_PX 0 "$MUTED" >/dev/null; }
more_shown() { "$png" findtext "$work/$1.png" "$2 more below ▼" $FOOT_PX 1 "$TEXT" >/dev/null; }

# ---- the menu: how to start, and what lies below ----
start
wait_until 30 "the menu does not say how to start" hint_shown menu
more_shown menu 2 || fail "the menu does not say that 2 more sessions lie below"
echo "ok: the menu says how to start, and that 2 more sessions lie below"

# ---- by ear: each move says the focused card ----
key Down
wait_until 30 "moving to the second card did not say 'Bravo session. 10 minutes.'" says "Bravo session. 10 minutes."
key Down
wait_until 30 "moving to the third card did not say 'Charlie session. 10 minutes.'" says "Charlie session. 10 minutes."
echo "ok: each move of the focus says the card's title and length"
key Down
key Down
key Down
wait_until 30 "the sixth card was not said" says "Foxtrot session. 10 minutes."
shot scrolled
more_shown scrolled 2 && fail "scrolled to the last card, the menu still says 2 more lie below"
key Up
key Up
key Up
said_again() { [ "$(grep -c 'Charlie session' "$work/pacer.log")" -ge 2 ]; }
wait_until 30 "back on the third card, it was not said again" said_again

# ---- the choice is kept: after the session, and across runs ----
key Return
opened() { [ "$(xdotool getwindowname "$wid" 2>/dev/null)" = "Charlie session" ]; }
wait_until 60 "Return did not open the third card's session" opened
key Escape
key Escape
in_menu() { [ "$(xdotool getwindowname "$wid" 2>/dev/null)" = "Pacer" ]; }
wait_until 30 "leaving the session did not return to the menu" in_menu
key Down
wait_until 30 "back from the session, Down did not move on from the third card" says "Delta session. 10 minutes."
kept=$(cat "$XDG_STATE_HOME/pacer/menu" 2>/dev/null)
[ "$kept" = "$work/sessions/2-Charlie.lua" ] || fail "the state folder keeps '$kept', not the third card's session"
quit
echo "ok: the chosen session stays selected after it, and is kept in the state folder"

start
key Down
wait_until 30 "started again, Down did not move on from the session chosen last time" says "Delta session. 10 minutes."
quit
echo "ok: started again, the menu starts from the session chosen last time"

# ---- without speak_menu nothing is said ----
rm -f "$XDG_CONFIG_HOME/pacer/settings.lua"
start
wait_until 30 "the menu did not show" hint_shown quiet
key Down
key Down
shot quiet2
[ "$(said_count)" -eq 0 ] || fail "without speak_menu the menu spoke"
quit
echo "ok: without speak_menu the menu says nothing"

# ---- in the menu's language ----
echo 'return settings { speak_menu = true, language = "de" }' >"$XDG_CONFIG_HOME/pacer/settings.lua"
rm -f "$XDG_STATE_HOME/pacer/menu"
start
de_hint() { shot de && "$png" findtext "$work/de.png" "Tippe auf eine Sitzung oder drücke Enter, um zu beginnen" $FOOT_PX 0 "$MUTED" >/dev/null; }
wait_until 30 "the German menu does not say how to start in German" de_hint
key Down
wait_until 30 "moving to the second card did not say 'Bravo session. 10 Minuten.'" says "Bravo session. 10 Minuten."
quit
echo "ok: with language = \"de\" the menu shows and says its words in German"
