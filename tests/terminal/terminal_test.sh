#!/usr/bin/env bash
# terminal_test.sh - the terminal view (pacer play --audio-only) as a terminal shows it.
#
#   terminal_test.sh PACER CASE      (CASE: width or no_sound_card)
#
# Each case works in a fresh temporary folder with speech off; it fails on the first broken
# expectation with a line saying which, and exits 77 (skipped) when a tool it needs (tmux)
# is missing. Waits poll for what the screen shows, with a limit that only guards against a
# hang: nothing depends on how fast the machine is.
set -u

pacer=$1 case=$2

work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-terminal.XXXXXX")
sock="$work/tmux.sock"
cleanup() {
  [ -S "$sock" ] && tmux -S "$sock" kill-server 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
export PACER_NO_SPEECH=1 PACER_NO_PLUGINS=1 SDL_VIDEODRIVER=dummy LC_ALL=C.UTF-8
cd "$work" || exit 1

fail() {
  echo "FAIL [$case]: $*" >&2
  [ -s "$work/screen" ] && { echo "--- the screen:" >&2; cat "$work/screen" >&2; }
  [ -s "$work/err" ] && { echo "--- stderr:" >&2; head -c 4000 "$work/err" >&2; }
  exit 1
}
note() { echo "[$case] $*"; }

# ---- width: the status line at 80 and 40 columns, and after a resize ----

# the whole pane, its history included, wrapped rows joined into the lines printed
screen() { tmux -S "$sock" capture-pane -p -J -S - -t t | sed 's/ *$//' >"$work/screen"; }
# the rows of the pane as shown (a wrapped line is several rows)
rows() { tmux -S "$sock" capture-pane -p -S - -t t | sed 's/ *$//' >"$work/rows"; }
status_re='[0-9][0-9]:[0-9][0-9]/[0-9][0-9]:[0-9][0-9] '

# wait_screen WHAT GREP-PATTERN: polls the pane until a line matches (a hang guard of 300 s).
wait_screen() {
  local what=$1 pattern=$2 i
  for ((i = 0; i < 3000; i++)); do
    screen
    grep -Eq -- "$pattern" "$work/screen" && return 0
    sleep 0.1
  done
  fail "waited 300 s for $what"
}

# check_status COLS: exactly one status line on the screen, within COLS - 1 columns, valid
# UTF-8, on one row of its own, with nothing after it.
check_status() {
  local cols=$1 n line width
  screen
  n=$(grep -Ec -- "$status_re" "$work/screen")
  [ "$n" -eq 1 ] || fail "at $cols columns the screen shows $n status lines, not 1"
  line=$(grep -E -- "$status_re" "$work/screen")
  printf '%s' "$line" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 || fail "the status line is cut inside a character: $line"
  width=$(printf '%s\n' "$line" | wc -L)
  [ "$width" -le $((cols - 1)) ] || fail "at $cols columns the status line takes $width columns: $line"
  # nothing below it: no piece of an earlier, wider line
  [ -z "$(sed -n "/$status_re/,\$p" "$work/screen" | sed 1d | tr -d '\n')" ] ||
    fail "at $cols columns there is text below the status line"
  # and above it only what was printed once, at the start
  n=$(grep -cv -e '^$' -e '^Playing: ' -e '^Keys: ' -e "$status_re" "$work/screen")
  [ "$n" -eq 0 ] || fail "at $cols columns $n lines are neither the header nor the status line"
  rows
  n=$(grep -Ec -- "$status_re" "$work/rows")
  [ "$n" -eq 1 ] || fail "at $cols columns the status line is on $n rows"
  note "$cols columns: one status line of $width columns: $line"
}

case_width() {
  command -v tmux >/dev/null || { echo "SKIP: tmux is not installed"; exit 77; }
  # a caption longer than any terminal line, with accents and wide characters to cut through
  cat >"$work/long.lua" <<'LUA'
return session {
  title = "Épaules détendues",
  say "Respirez — 呼吸，呼吸 — détendez vos épaules, respirez lentement par le nez et laissez le dos s'allonger, encore et encore, sans forcer.",
  wait(600),
}
LUA
  tmux -S "$sock" -f /dev/null new-session -d -s t -x 80 -y 24 \
    "'$pacer' play --audio-only --no-audio --no-journal '$work/long.lua' 2>'$work/err'; echo \"EXIT \$?\"; exec sleep 600" ||
    fail "tmux could not start"
  wait_screen "the status line at 80 columns" "^\[[#-]{24}\] $status_re"
  check_status 80
  tmux -S "$sock" resize-window -t t -x 40 -y 24 || fail "tmux could not resize the window"
  # at 40 columns the bar goes: the line starts with the time
  wait_screen "the status line at 40 columns" "^$status_re"
  check_status 40
  tmux -S "$sock" resize-window -t t -x 80 -y 24 || fail "tmux could not resize the window"
  wait_screen "the status line back at 80 columns" "^\[[#-]{24}\] $status_re"
  check_status 80
  tmux -S "$sock" send-keys -t t q
  wait_screen "pacer to end" '^EXIT [0-9]+$'
  grep -q '^EXIT 0$' "$work/screen" || fail "pacer ended with $(grep '^EXIT' "$work/screen")"
  grep -q '^Stopped at ' "$work/screen" || fail "no 'Stopped at' line after q"
}

# ---- no_sound_card: Pacer's one line, not the ALSA library's ----

# play_short ENV...: plays a two-second session in the terminal view with ENV.
play_short() {
  printf 'return session { title = "Two seconds", wait(2) }\n' >"$work/short.lua"
  env "$@" "$pacer" play --audio-only --no-journal "$work/short.lua" </dev/null >"$work/out" 2>"$work/err"
  local rc=$?
  [ "$rc" -eq 0 ] || fail "pacer exited with $rc"
}

# check_one_line WHY: standard error is exactly Pacer's line about the missing sound.
check_one_line() {
  local n
  n=$(wc -l <"$work/err")
  [ "$n" -eq 1 ] || fail "$1: standard error has $n lines, not Pacer's one"
  grep -Eq '^pacer: no audio device: .+; playing without sound, paced by the system clock$' "$work/err" ||
    fail "$1: standard error is not Pacer's line: $(cat "$work/err")"
  grep -q 'no sound' "$work/out" || fail "$1: the terminal view does not say there is no sound"
  note "$1: $(cat "$work/err")"
}

case_no_sound_card() {
  # ALSA with a configuration that names no device: no sound card, on any machine
  : >"$work/empty-alsa.conf"
  play_short SDL_AUDIODRIVER=alsa ALSA_CONFIG_PATH="$work/empty-alsa.conf"
  check_one_line "ALSA with no card"
  # SDL choosing its driver itself, as on a patient's machine: only where there is no sound
  # card (nor a sound server) to find
  if [ -e /proc/asound/cards ] && ! grep -q 'no soundcards' /proc/asound/cards; then
    note "this machine has a sound card: SDL's own choice is not tried"
    return 0
  fi
  play_short -u SDL_AUDIODRIVER
  if grep -q ', no sound' "$work/out"; then
    check_one_line "SDL's own choice"
  else
    note "a sound server answered: SDL's own choice has sound here"
  fi
}

case "$case" in
  width) case_width ;;
  no_sound_card) case_no_sound_card ;;
  *) echo "unknown case $case" >&2; exit 2 ;;
esac
echo "[$case] passed"
