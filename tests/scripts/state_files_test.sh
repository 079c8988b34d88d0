#!/usr/bin/env bash
# state_files_test.sh - FIFOs and devices in place of the files Pacer reads from its own
# folders (speech cache clips, the resume file, sessions, included files, the kiosk
# configuration): refused or ignored at once, never a hang; a signal still ends the player.
#
#   state_files_test.sh PACER CASE
#
# Every run has a generous timeout, as a guard against a hang only (exit 124 = hung). One
# ctest per CASE; `state_files_test.sh - list` names them.
set -u

pacer=$1 case=$2
if [ "$case" = list ]; then
  declare -F | sed -n 's/^declare -f case_//p'
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-state.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" LC_ALL=C
export SDL_AUDIODRIVER=dummy SDL_VIDEODRIVER=dummy PACER_NO_PLUGINS=1
unset PACER_NO_SPEECH
cd "$work" || exit 2

fail() {
  echo "FAIL [$case]: $*" >&2
  for f in out err; do
    [ -s "$work/$f" ] && { echo "--- std$f of the last run:" >&2; head -c 3000 "$work/$f" >&2; }
  done
  exit 1
}

run() {
  local want=$1 rc
  shift
  timeout -k 5 120 "$@" >"$work/out" 2>"$work/err" </dev/null
  rc=$?
  grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$work/err" &&
    fail "sanitizer report from: $*"
  [ "$rc" -ne 124 ] || fail "hung (ended by the guard after 120 s): $*"
  [ "$rc" -lt 128 ] || fail "killed by signal $((rc - 128)): $*"
  [ "$rc" -eq "$want" ] || fail "exit status $rc, expected $want: $*"
}

short_session() {
  printf 'return session {\n  title = "Short",\n  say "Breathe in.",\n  wait(1),\n  say "Breathe out.",\n}\n' >"$1"
}

# Every clip of the speech cache replaced by a FIFO: check goes on, makes the speech again
# and puts real files back.
case_speech_cache_fifo() {
  short_session s.lua
  run 0 "$pacer" check s.lua
  local clips=("$XDG_CACHE_HOME"/pacer/speech/*.clip) c
  [ -e "${clips[0]}" ] || fail "no clip was cached"
  for c in "${clips[@]}"; do
    rm "$c" && mkfifo "$c" || fail "cannot make a FIFO"
  done
  run 0 "$pacer" check s.lua
  grep -q "s.lua: ok" "$work/out" || fail "check did not pass"
  for c in "${clips[@]}"; do
    [ -f "$c" ] || fail "the FIFO $c was not replaced by a clip"
  done
  # a clip name taken by a folder: the same
  for c in "${clips[@]}"; do
    rm "$c" && mkdir "$c"
  done
  run 0 "$pacer" render s.lua -o "$work/s.wav"
}

# The resume file is a FIFO: play neither hangs nor fails, and SIGTERM ends it.
case_resume_fifo() {
  short_session s.lua
  mkdir -p "$XDG_STATE_HOME/pacer"
  mkfifo "$XDG_STATE_HOME/pacer/resume" || fail "cannot make a FIFO"
  run 0 "$pacer" play --audio-only s.lua
  grep -q "finished" "$work/out" || fail "the session did not play to its end"
  # a long session, ended by SIGTERM while it plays
  printf 'return session {\n  title = "Long",\n  say "Breathe.",\n  wait(600),\n}\n' >long.lua
  [ -p "$XDG_STATE_HOME/pacer/resume" ] || mkfifo "$XDG_STATE_HOME/pacer/resume"
  timeout -k 5 120 "$pacer" play --audio-only long.lua >"$work/out" 2>"$work/err" </dev/null &
  local pid=$! i
  for i in $(seq 1 600); do
    grep -q "Playing" "$work/out" 2>/dev/null && break
    sleep 0.1
  done
  grep -q "Playing" "$work/out" || fail "long.lua did not start playing"
  kill -TERM "$pid"
  wait "$pid"
  local rc=$?
  [ "$rc" -ne 124 ] && [ "$rc" -ne 137 ] || fail "SIGTERM did not end play (exit $rc)"
  # a device in its place
  rm -f "$XDG_STATE_HOME/pacer/resume"
  ln -s /dev/zero "$XDG_STATE_HOME/pacer/resume"
  run 0 "$pacer" play --audio-only s.lua
}

# Sessions, included files and the kiosk configuration: one line naming the file and why.
case_session_files() {
  mkfifo fifo.lua
  run 1 "$pacer" check fifo.lua
  grep -qxF "fifo.lua: error: cannot read the session: it is a pipe (FIFO), not a file" "$work/err" ||
    fail "the FIFO session: $(cat "$work/err")"
  ln -s /dev/zero zero.lua
  run 1 "$pacer" check zero.lua
  grep -qxF "zero.lua: error: cannot read the session: it is a device, not a file" "$work/err" ||
    fail "the device session: $(cat "$work/err")"
  # a folder listed with a FIFO among its sessions
  mkdir dir && short_session dir/a.lua && mkfifo dir/b.lua
  PACER_NO_SPEECH=1 run 0 "$pacer" list dir
  grep -q "Short" "$work/out" || fail "list did not show the good session"
  # an include that is a FIFO
  mkdir -p lib && mkfifo lib/helpers.lua
  printf 'local h = include "lib/helpers.lua"\nreturn session { title = "Inc", wait(1) }\n' >inc.lua
  PACER_NO_SPEECH=1 run 1 "$pacer" check inc.lua
  grep -qF "include: cannot read 'lib/helpers.lua': it is a pipe (FIFO), not a file" "$work/err" ||
    fail "the FIFO include: $(cat "$work/err")"
  # the kiosk configuration
  mkfifo kiosk.lua
  run 1 "$pacer" kiosk --check kiosk.lua
  grep -qF "it is a pipe (FIFO), not a file" "$work/err" || fail "the FIFO configuration: $(cat "$work/err")"
}

declare -F "case_$case" >/dev/null || { echo "unknown case '$case'" >&2; exit 2; }
"case_$case"
echo "[$case] ok"
