#!/usr/bin/env bash
# program_test.sh PACER SOURCE CASE - session parameters and programs through the real
# binary, in a private XDG_DATA_HOME and XDG_CONFIG_HOME. One ctest per CASE:
#
#   params      --param reaches params: the walking session is 2 minutes longer with
#               minutes=12 than without; a bad value is refused where the script uses it
#               (file:line); a parameter the session never reads is an error; params is
#               read-only; a wrong --param is a usage error (status 2)
#   four_weeks  "Back care, first four weeks" over 28 simulated days: each day's plan
#               (today --date D --json) is checked (breathing first, the day's stretches, a
#               walk of the expected length, a total of 20 to 30 minutes), then the day is
#               "done" and imported with history --import. The walks: three good ones (10 ->
#               12), one with more pain after (the count starts again), three good (12 -> 15),
#               one stopped early, then good ones; the walk never goes past 15
#   done        sessions finished today are marked done, and minutes_left drops
#   set         today --set remembers the program (the file written whole), today without
#               PROGRAM uses it; --set with a broken program refuses and keeps the old choice;
#               with none set, today says how to choose one (status 2)
#   bridge      today plays its sessions one after another with a spoken bridge between them,
#               in the next session's language: "Next: Two, 1 minute." before an English
#               session, "A continuación: Dos, 1 minuto." (and no English) before a Spanish one
#   bad/NAME    bad/NAME.lua, copied into a sessions tree's programs/ folder: `pacer check` and
#               `pacer today --json` both exit 1 with exactly bad/NAME.expect on stderr, and the
#               journal is the same bytes after as before
#
# Exits 77 (skipped) without jq or the sqlite3 shell.
set -u

pacer=${1:?usage: program_test.sh PACER SOURCE CASE}
src=${2:?usage: program_test.sh PACER SOURCE CASE}
case_name=${3:?usage: program_test.sh PACER SOURCE CASE}
pacer=$(cd "$(dirname "$pacer")" && pwd)/$(basename "$pacer")
here=$(cd "$(dirname "$0")" && pwd)

for tool in jq sqlite3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed"
    exit 77
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-program-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
export LC_ALL=C XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_STATE_HOME=$work/state
export XDG_CACHE_HOME=${XDG_CACHE_HOME:-$work/cache} PACER_NO_SPEECH=1 SDL_AUDIODRIVER=dummy
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
cp -r "$src/sessions" "$work/sessions"
cd "$work" || exit 1
program=sessions/programs/back_care_first_four_weeks.lua

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
note() { echo "ok: $*"; }

# the length of a session in seconds, from its timeline
seconds_of() {
  "$pacer" timeline --json "$@" | jq '.frames / 48000'
}

case $case_name in
bridge)
  # two sessions of one second each, English then Spanish, in one program's folder
  mkdir -p bridge
  for l in en es; do
    if [ $l = en ]; then one=One two=Two; else one=Uno two=Dos; fi
    printf 'return session { title = "%s", language = "%s", wait { 1, tone = false } }\n' "$one" $l >bridge/${l}1.lua
    printf 'return session { title = "%s", language = "%s", wait { 1, tone = false } }\n' "$two" $l >bridge/${l}2.lua
    printf 'return program { title = "Bridge", plan = function(h) return { play "%s1.lua", play "%s2.lua" } end }\n' \
      $l $l >bridge/$l.lua
    timeout 300 "$pacer" today --no-audio bridge/$l.lua >"$work/$l.out" 2>"$work/$l.err" ||
      fail "today of the $l program failed: $(cat "$work/$l.err")"
  done
  grep -qF '"Next: Two, 1 minute."' "$work/en.out" || fail "no English bridge before Two: $(cat "$work/en.out")"
  grep -qF '"A continuación: Dos, 1 minuto."' "$work/es.out" || fail "no Spanish bridge before Dos: $(cat "$work/es.out")"
  grep -q 'Next' "$work/es.out" && fail "the Spanish program's bridge has English in it: $(cat "$work/es.out")"
  # the bridge comes between the two sessions, not before the first
  [ "$(grep -c 'A continuación:' "$work/es.out")" -eq 1 ] || fail "not one bridge: $(cat "$work/es.out")"
  note "the bridge between today's sessions is said in the next session's language"
  ;;
params)
  base=$(seconds_of sessions/walking_10_minutes.lua) || fail "timeline of the walking session"
  longer=$(seconds_of sessions/walking_10_minutes.lua --param minutes=12) || fail "timeline with minutes=12"
  [ "$(jq -n "$longer - $base")" = "120" ] || fail "minutes=12 should add 120 s: $base -> $longer"
  "$pacer" timeline --json sessions/walking_10_minutes.lua --param minutes=12 | jq -e '.title == "Walking, 12 minutes"' >/dev/null ||
    fail "the title does not follow params.minutes"
  note "--param minutes=12: 120 s longer, and the title says 12"

  "$pacer" check sessions/walking_10_minutes.lua --param minutes=500 >/dev/null 2>"$work/err"
  [ $? -eq 1 ] || fail "minutes=500 was accepted"
  grep -qx "sessions/walking_10_minutes.lua:13:3: error: walk: 'minutes' must be a number from 1 to 120, got 500" "$work/err" ||
    fail "minutes=500: $(cat "$work/err")"
  "$pacer" render sessions/walking_10_minutes.lua --param minutes=fast -o "$work/w.wav" >/dev/null 2>"$work/err"
  [ $? -eq 1 ] && [ ! -e "$work/w.wav" ] || fail "render with minutes=fast wrote a file or did not fail"
  grep -q "walking_10_minutes.lua:13:3: error: walk: 'minutes' must be a number from 1 to 120, got string" "$work/err" ||
    fail "minutes=fast: $(cat "$work/err")"
  note "a bad value is refused at the line that uses it (check and render)"

  "$pacer" check sessions/diaphragmatic_breathing.lua --param minutes=5 >/dev/null 2>"$work/err"
  [ $? -eq 1 ] || fail "an unused parameter was accepted"
  grep -qx "sessions/diaphragmatic_breathing.lua: error: the session does not use the parameter 'minutes' (given 5): it never reads params.minutes" "$work/err" ||
    fail "unused: $(cat "$work/err")"
  printf 'params.minutes = 3\nreturn session { title = "x", say "hi" }\n' >sessions/writes.lua
  "$pacer" check sessions/writes.lua >/dev/null 2>"$work/err"
  [ $? -eq 1 ] || fail "writing params was accepted"
  grep -q "^sessions/writes.lua:1:1: error: params is read-only" "$work/err" || fail "read-only: $(cat "$work/err")"
  note "an unused parameter and a write to params are errors"

  "$pacer" check sessions/walking_10_minutes.lua --param 12 >/dev/null 2>"$work/err"
  [ $? -eq 2 ] || fail "--param 12 is not a usage error"
  grep -q "a parameter is NAME=VALUE" "$work/err" || fail "--param 12: $(cat "$work/err")"
  "$pacer" check sessions/walking_10_minutes.lua --param minutes=1 --param minutes=2 >/dev/null 2>&1
  [ $? -eq 2 ] || fail "a parameter given twice is not a usage error"
  note "a wrong --param is a usage error"
  ;;

four_weeks)
  # the simulated patient: the walk of each day finished (f), with more pain after (p), or
  # stopped early (s)
  walks=(f f f p f f f s f f f f f f f f f f f f f f f f f f f f)
  level=10 good=0
  weekdays=(si_joint_correction ql_breathing_stretch hip_flexor_stretch_lying si_joint_correction
            ql_breathing_stretch hip_flexor_stretch_lying child_pose_rock_back)
  lo=1000 hi=0
  for day in $(seq 0 27); do
    date=$(date -u -d "2026-12-07 + $day days" +%F) # 2026-12-07 is a Monday
    "$pacer" today --date "$date" --json "$program" >"$work/plan.json" 2>"$work/err" ||
      fail "$date: today failed: $(cat "$work/err")"
    [ -s "$work/err" ] && fail "$date: today wrote to stderr: $(cat "$work/err")"
    jq -e '.sessions[0].file == "diaphragmatic_breathing.lua"' "$work/plan.json" >/dev/null ||
      fail "$date: the day does not start with belly breathing"
    got=$(jq -r '.sessions[-1] | select(.file == "walking_10_minutes.lua") | .params.minutes' "$work/plan.json")
    [ "$got" = "$level" ] || fail "$date: walk of $got minutes, expected $level: $(cat "$work/plan.json")"
    first=$(jq -r '.sessions[1].file' "$work/plan.json")
    [ "$first" = "${weekdays[$((day % 7))]}.lua" ] || fail "$date: first stretch $first"
    stretches=$(jq '.sessions | length - 2' "$work/plan.json")
    if [ "$level" -eq 15 ]; then want=1; else want=2; fi
    [ "$stretches" -eq "$want" ] || fail "$date: $stretches stretches with a $level-minute walk"
    total=$(jq '.minutes' "$work/plan.json")
    jq -e '.minutes >= 20 and .minutes <= 30' "$work/plan.json" >/dev/null || fail "$date: $total minutes a day"
    jq -e '[.sessions[].minutes] | add | (. - input.minutes) | fabs < 0.2' "$work/plan.json" "$work/plan.json" >/dev/null ||
      fail "$date: the day's total is not the sum of its sessions"
    jq -e '.sessions[-1].why | length > 10' "$work/plan.json" >/dev/null || fail "$date: the walk has no reason"
    lo=$(jq -n "[$lo, $total] | min") hi=$(jq -n "[$hi, $total] | max")

    # the day done: every session finished; the walk as the patient did it
    {
      echo "started,file,title,seconds,outcome,pain_before,pain_after"
      jq -r --arg d "$date" --arg w "${walks[$day]}" '.sessions | to_entries[] |
        [ ($d + "T08:" + (10 + .key | tostring) + ":00"), ("/x/" + .value.file), .value.title,
          (.value.minutes * 60 | floor | tostring),
          (if .value.file == "walking_10_minutes.lua" and $w == "s" then "stopped" else "finished" end),
          "3",
          (if .value.file == "walking_10_minutes.lua" and $w == "p" then "5" else "2" end) ] | @csv' "$work/plan.json"
    } >"$work/day.csv"
    "$pacer" history --import "$work/day.csv" >/dev/null 2>"$work/err" || fail "$date: import: $(cat "$work/err")"
    case ${walks[$day]} in
    f) good=$((good + 1)) ;;
    *) good=0 ;;
    esac
    if [ "$good" -ge 3 ] && [ "$level" -lt 15 ]; then
      if [ "$level" -eq 10 ]; then level=12; else level=15; fi
      good=0
    fi
  done
  [ "$level" -eq 15 ] || fail "the walk never reached 15 minutes"
  note "28 days: breathing daily, stretches by weekday, walks 10 -> 12 -> 15 as planned, $lo to $hi minutes a day"
  # the same journal and date give the same plan, byte for byte
  "$pacer" today --date 2026-12-20 --json "$program" >"$work/a.json"
  "$pacer" today --date 2026-12-20 --json "$program" >"$work/b.json"
  cmp -s "$work/a.json" "$work/b.json" || fail "two plans of one day differ"
  jq -e '.sessions | all(.done)' "$work/a.json" >/dev/null || fail "a day done shows sessions left"
  note "the same journal and date give the same plan; a day done is all done"
  ;;

done)
  today=$(date +%F)
  "$pacer" today --date "$today" --json "$program" >"$work/before.json" || fail "today"
  jq -e '.minutes_left == .minutes and (.sessions | all(.done | not))' "$work/before.json" >/dev/null ||
    fail "nothing is done yet: $(cat "$work/before.json")"
  printf 'started,file,title,seconds,outcome,pain_before,pain_after\n%sT07:00:00,/x/diaphragmatic_breathing.lua,Belly breathing,400,finished,,\n' "$today" >"$work/d.csv"
  "$pacer" history --import "$work/d.csv" >/dev/null || fail "import"
  "$pacer" today --date "$today" --json "$program" >"$work/after.json" || fail "today after"
  jq -e '.sessions[0].done and (.sessions[1:] | all(.done | not)) and .minutes_left < .minutes' "$work/after.json" \
    >/dev/null || fail "the breathing done is not marked: $(cat "$work/after.json")"
  note "a session finished today is marked done, and the minutes left drop"
  ;;

set)
  "$pacer" today --json >/dev/null 2>"$work/err"
  [ $? -eq 2 ] || fail "today with no program set did not exit 2"
  grep -q "pacer today --set PROGRAM" "$work/err" || fail "no hint: $(cat "$work/err")"
  "$pacer" today --set "$program" >"$work/out" || fail "--set failed"
  grep -q "Back care, first four weeks" "$work/out" || fail "--set: $(cat "$work/out")"
  [ "$(cat "$XDG_CONFIG_HOME/pacer/program")" = "$work/$program" ] || fail "the remembered path"
  ls -a "$XDG_CONFIG_HOME/pacer" | grep -q '^\.pacer-' && fail "a temporary was left behind"
  "$pacer" today --date 2026-12-07 --json >"$work/p.json" || fail "today without PROGRAM"
  jq -e '.title == "Back care, first four weeks"' "$work/p.json" >/dev/null || fail "not the remembered program"
  cp "$here/bad/plan_errors.lua" sessions/programs/
  "$pacer" today --set sessions/programs/plan_errors.lua >/dev/null 2>&1
  [ $? -eq 1 ] || fail "--set of a broken program did not fail"
  [ "$(cat "$XDG_CONFIG_HOME/pacer/program")" = "$work/$program" ] || fail "a broken program replaced the choice"
  note "--set remembers, today uses it, a broken program is refused and the old choice kept"
  ;;

bad/*)
  name=${case_name#bad/}
  cp "$here/bad/$name.lua" sessions/programs/ || fail "no case $name"
  expect=$here/bad/$name.expect
  # a journal with one session in it: no failure may touch it
  printf 'started,file,title,seconds,outcome,pain_before,pain_after\n2026-12-01T08:00:00,/x/walking_10_minutes.lua,Walk,600,finished,3,2\n' >"$work/j.csv"
  "$pacer" history --import "$work/j.csv" >/dev/null || fail "import"
  sum=$(cat "$XDG_DATA_HOME"/pacer/journal.sqlite3* | md5sum)
  for run in "check" "today --json --date 2026-12-07"; do
    # shellcheck disable=SC2086
    "$pacer" $run "sessions/programs/$name.lua" >"$work/out" 2>"$work/err"
    rc=$?
    [ $rc -eq 1 ] || fail "pacer $run exited $rc, expected 1"
    [ -s "$work/out" ] && fail "pacer $run wrote to stdout: $(cat "$work/out")"
    cmp -s "$expect" "$work/err" || fail "pacer $run: stderr differs: $(diff "$expect" "$work/err")"
  done
  [ "$(cat "$XDG_DATA_HOME"/pacer/journal.sqlite3* | md5sum)" = "$sum" ] || fail "the journal changed"
  note "check and today: exactly the expected lines; the journal untouched"
  ;;

*)
  echo "unknown case $case_name" >&2
  exit 2
  ;;
esac
exit 0
