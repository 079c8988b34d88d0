#!/usr/bin/env bash
# remind_test.sh - pacer remind: the daily reminder, through the real binary.
#
#   remind_test.sh PACER CASE      (CASE: bad_args, no_systemd or systemd)
#
# Each case works in a fresh temporary folder (its own XDG folders) and fails on the first
# broken expectation with a line saying which; a case whose tools are missing exits 77.
# Waits poll for what they wait for, with limits that only guard against a hang.
set -u

pacer=$(realpath "$1") case=$2
here=$(cd "$(dirname "$0")" && pwd)

if [ "${REMIND_INNER:-}" = "" ]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-remind.XXXXXX")
  trap 'rm -rf "$work"' EXIT
else
  work=$REMIND_INNER
fi
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
export XDG_STATE_HOME="$work/state"
units="$XDG_CONFIG_HOME/systemd/user"
cd "$work" || exit 1

fail() {
  echo "FAIL [$case]: $*" >&2
  for f in out err; do
    [ -s "$work/$f" ] && { echo "--- std$f of the last run:" >&2; head -c 4000 "$work/$f" >&2; }
  done
  for f in notify-out dunst.log monitor; do
    [ -s "$work/$f" ] && { echo "--- $f:" >&2; tail -c 3000 "$work/$f" >&2; }
  done
  exit 1
}
note() { echo "[$case] $*"; }

# remind ARGS...: runs pacer remind; its status in $rc, its output in out and err.
remind() {
  "$pacer" remind "$@" >"$work/out" 2>"$work/err"
  rc=$?
  [ "$rc" -lt 128 ] || fail "pacer remind $* died with status $rc"
}

# refused STATUS PATTERN ARGS...: exit STATUS, one line on stderr matching PATTERN, nothing written.
refused() {
  local status=$1 pattern=$2
  shift 2
  remind "$@"
  [ "$rc" -eq "$status" ] || fail "pacer remind $* exited with $rc, not $status"
  [ "$(wc -l <"$work/err")" -eq 1 ] || fail "pacer remind $*: not one line on stderr"
  grep -Eq -- "$pattern" "$work/err" || fail "pacer remind $*: stderr does not match '$pattern'"
  [ ! -s "$work/out" ] || fail "pacer remind $* printed on stdout"
  [ -z "$(find "$XDG_CONFIG_HOME" -name 'pacer-remind*' 2>/dev/null)" ] || fail "pacer remind $* left a unit"
  note "refused: pacer remind $*: $(cat "$work/err")"
}

case_bad_args() {
  local want_at="^pacer remind: --at '.*' is not a time of day: use HH:MM, 24-hour"
  for at in 25:00 24:00 08:60 8 08:5 0800 noon " 08:00" "08:00 " -1:00 ""; do
    refused 2 "$want_at" --at "$at"
  done
  refused 2 "^pacer remind: --days: 'funday' is not a day: use mon, tue" --at 08:00 --days mon,funday
  refused 2 "^pacer remind: --days: 'mo' is not a day" --at 08:00 --days mo
  refused 2 "^pacer remind: --days: an empty day" --at 08:00 --days mon,,fri
  refused 2 "^pacer remind: --days: an empty day" --at 08:00 --days ""
  refused 2 "^pacer remind: --days needs --at" --days mon
  refused 2 "^pacer remind: --off takes no --at or --days" --off --at 08:00
  refused 2 "^pacer remind: --at needs a value" --at
  refused 2 "^pacer remind: unknown option '--every'" --every day
  refused 2 "^pacer remind: unexpected argument 'tomorrow'" tomorrow
}

case_no_systemd() {
  # no user instance to reach: an empty runtime folder and no session bus
  mkdir -m 700 "$work/run"
  export XDG_RUNTIME_DIR="$work/run" DBUS_SESSION_BUS_ADDRESS="unix:path=$work/run/no-bus"
  refused 3 "^pacer remind: no systemd user instance here .*; nothing was changed$" --at 08:00 --days mon,wed,fri
  [ ! -e "$XDG_CONFIG_HOME" ] || fail "a folder was made: $(find "$XDG_CONFIG_HOME")"
  remind
  [ "$rc" -eq 0 ] && grep -q '^No reminder is set' "$work/out" || fail "pacer remind does not say no reminder is set"
  remind --off
  [ "$rc" -eq 0 ] && grep -q '^No reminder was set' "$work/out" || fail "pacer remind --off with none set"
}

# ---- systemd: the whole reminder, in a private user instance ----

case_systemd() {
  for t in unshare dbus-run-session dbus-monitor systemctl systemd-analyze Xvfb dunst dunstctl; do
    command -v "$t" >/dev/null || { echo "SKIP: $t is not installed"; exit 77; }
  done
  [ -x /lib/systemd/systemd ] || { echo "SKIP: no systemd binary"; exit 77; }
  # A private mount namespace with its own /run, where systemd --user runs as on a booted
  # system; nothing of it is seen outside.
  unshare -m --propagation private true 2>/dev/null || { echo "SKIP: cannot make a mount namespace"; exit 77; }
  mkdir -m 700 "$work/run"
  REMIND_INNER="$work" unshare -m --propagation private \
    bash -c 'mount -t tmpfs -o mode=755 tmpfs /run && mkdir -p /run/systemd/system && shift && exec "$@"' \
    _ "$work" env -u DISPLAY -u WAYLAND_DISPLAY XDG_RUNTIME_DIR="$work/run" \
    dbus-run-session -- bash "$here/remind_test.sh" "$pacer" systemd_inner
}

bg_pids=()
inner_cleanup() {
  [ -n "${sd_pid:-}" ] && kill "$sd_pid" 2>/dev/null && wait "$sd_pid" 2>/dev/null
  [ ${#bg_pids[@]} -gt 0 ] && kill "${bg_pids[@]}" 2>/dev/null && wait "${bg_pids[@]}" 2>/dev/null
}

# wait_for WHAT COMMAND...: polls until COMMAND succeeds (a hang guard of 120 s).
wait_for() {
  local what=$1 i
  shift
  for ((i = 0; i < 1200; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  fail "waited 120 s for $what"
}

# the Notify calls seen on the bus: a line for each argument of the last one
last_notify() { awk '/member=Notify/{n++; buf=""} n{buf = buf $0 "\n"} END{printf "%s", buf}' "$work/monitor"; }
notifies() { grep -c 'member=Notify$' "$work/monitor"; }
# more_notifies N: more than N Notify calls seen; shown: dunst shows at least one
more_notifies() { [ "$(notifies)" -gt "$1" ]; }
shown() { [ "$(dunstctl count displayed)" -ge 1 ]; }

case_systemd_inner() {
  trap inner_cleanup EXIT
  /lib/systemd/systemd --user >"$work/systemd.log" 2>&1 &
  sd_pid=$!
  for ((i = 0; i < 600; i++)); do
    systemctl --user show -p Version >/dev/null 2>&1 && break
    kill -0 "$sd_pid" 2>/dev/null || { echo "SKIP: a systemd user instance cannot start here"; exit 77; }
    sleep 0.1
  done
  systemctl --user show -p Version >/dev/null 2>&1 || fail "systemd --user did not answer in 60 s"

  # 1. no notification service yet (and no display that would let one start): refused
  refused 3 "^pacer remind: no notification service on this desktop .*; nothing was changed$" --at 08:00

  # 2. a display and the notification daemon; what is said on the bus is watched
  Xvfb -displayfd 3 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
  bg_pids+=($!)
  wait_for "Xvfb" test -s "$work/display"
  export DISPLAY=":$(cat "$work/display")"
  # notifications stay until closed: a busy machine never sees one expire before the test acts
  printf '[urgency_low]\ntimeout = 0\n[urgency_normal]\ntimeout = 0\n[urgency_critical]\ntimeout = 0\n' >"$work/dunstrc"
  dunst -config "$work/dunstrc" >"$work/dunst.log" 2>&1 &
  bg_pids+=($!)
  dbus-monitor "interface='org.freedesktop.Notifications'" >"$work/monitor" 2>&1 &
  bg_pids+=($!)
  wait_for "dunst on the bus" dunstctl count displayed
  systemctl --user import-environment DISPLAY DBUS_SESSION_BUS_ADDRESS XDG_CONFIG_HOME XDG_DATA_HOME \
    XDG_CACHE_HOME XDG_STATE_HOME || fail "systemctl --user import-environment failed"

  # 3. set: both units written, valid, the timer enabled and waiting
  remind --at 08:00 --days mon,wed,fri
  [ "$rc" -eq 0 ] || fail "pacer remind --at 08:00 --days mon,wed,fri exited with $rc"
  grep -q '^Reminder set: 08:00 on Mon, Wed, Fri' "$work/out" || fail "it does not say what was set"
  [ -f "$units/pacer-remind.timer" ] && [ -f "$units/pacer-remind.service" ] || fail "the units are not in $units"
  systemd-analyze --user verify "$units/pacer-remind.timer" "$units/pacer-remind.service" >"$work/verify" 2>&1 ||
    fail "systemd-analyze verify: $(cat "$work/verify")"
  [ ! -s "$work/verify" ] || fail "systemd-analyze verify says: $(cat "$work/verify")"
  grep -qx 'OnCalendar=Mon,Wed,Fri \*-\*-\* 08:00:00' "$units/pacer-remind.timer" || fail "the timer's OnCalendar"
  grep -qxF "ExecStart=\"$pacer\" remind --notify -- \"$pacer\" today" "$units/pacer-remind.service" ||
    fail "the service's command line: $(grep ExecStart "$units/pacer-remind.service")"
  [ "$(systemctl --user is-enabled pacer-remind.timer)" = enabled ] || fail "the timer is not enabled"
  [ "$(systemctl --user is-active pacer-remind.timer)" = active ] || fail "the timer is not active"
  next=$(systemctl --user show pacer-remind.timer -p NextElapseUSecRealtime --value)
  case "$next" in Mon*08:00:00* | Wed*08:00:00* | Fri*08:00:00*) ;; *) fail "the timer's next time: '$next'" ;; esac
  note "set: $(cat "$work/out") next: $next"
  remind
  grep -q '^Reminder: 08:00 on Mon, Wed, Fri' "$work/out" || fail "pacer remind does not say what is set"

  # 4. the timer's service shows the notification: its summary, body and action on the bus
  systemctl --user start --no-block pacer-remind.service || fail "the service does not start"
  wait_for "the notification" grep -q 'Time for your back care' "$work/monitor"
  last_notify >"$work/notify"
  grep -q 'string "Time for your back care"' "$work/notify" || fail "the summary: $(cat "$work/notify")"
  grep -q 'string "Breathing and stretching, 20 to 30 minutes a day' "$work/notify" || fail "the body"
  grep -A1 'string "default"' "$work/notify" | grep -q "string \"Open today's sessions\"" ||
    fail "the action: $(cat "$work/notify")"
  wait_for "dunst to show it" shown
  note "shown: $(grep -m2 'string "' "$work/notify" | tr -s ' ' | tr '\n' ' ')"
  dunstctl close-all
  wait_for "the service to end once the notification is closed" \
    bash -c '! systemctl --user is-active pacer-remind.service'

  # 5. with a program set, the summary says today's planned minutes; a click runs the command
  #    given after --
  "$pacer" today --set "$(dirname "$0")/../../sessions/programs/back_care_first_four_weeks.lua" >/dev/null ||
    fail "pacer today --set"
  minutes=$("$pacer" today --json | sed -n 's/.*"minutes": *\([0-9.]*\),.*/\1/p' | awk '{ print int($1 + 0.5) }')
  [ -n "$minutes" ] || fail "pacer today --json gives no minutes"
  n=$(notifies)
  "$pacer" remind --notify -- sh -c 'echo "opened $*" >"$0"' "$work/opened" today >"$work/notify-out" 2>&1 &
  bg_pids+=($!)
  wait_for "the second notification" more_notifies "$n"
  last_notify | grep -q "string \"Time for your back care: $minutes minutes today\"" ||
    fail "the summary does not give today's $minutes planned minutes: $(last_notify | grep -m1 'Time for')"
  wait_for "dunst to show it" shown
  dunstctl action 0
  wait_for "the action's command" test -s "$work/opened"
  [ "$(cat "$work/opened")" = "opened today" ] || fail "the action ran: $(cat "$work/opened")"
  grep -q 'member=ActionInvoked' "$work/monitor" || fail "no ActionInvoked on the bus"
  grep -q "^pacer remind: opening today's sessions: sh -c" "$work/notify-out" || fail "it does not say what it opens"
  note "action: $(cat "$work/opened")"

  # 6. set again, every day at 18:30: the same two units, replaced
  remind --at 18:30
  [ "$rc" -eq 0 ] && grep -q '^Reminder set: 18:30 every day' "$work/out" || fail "setting again"
  grep -qx 'OnCalendar=\*-\*-\* 18:30:00' "$units/pacer-remind.timer" || fail "the timer was not replaced"
  systemctl --user show pacer-remind.timer -p TimersCalendar --value | grep -q '18:30:00' ||
    fail "systemd does not follow the new time"

  # 7. off: nothing left behind
  remind --off
  [ "$rc" -eq 0 ] && grep -q '^Reminder removed' "$work/out" || fail "pacer remind --off"
  [ -z "$(find "$XDG_CONFIG_HOME" -name 'pacer-remind*')" ] || fail "left behind: $(find "$XDG_CONFIG_HOME" -name 'pacer-remind*')"
  [ -z "$(find "$XDG_CONFIG_HOME" -xtype l)" ] || fail "a dangling link is left"
  ! systemctl --user list-timers --all --no-legend | grep -q pacer-remind || fail "systemd still lists the timer"
  remind
  grep -q '^No reminder is set' "$work/out" || fail "pacer remind after --off"
  remind --off
  grep -q '^No reminder was set' "$work/out" || fail "pacer remind --off twice"
}

case "$case" in
  bad_args) case_bad_args ;;
  no_systemd) case_no_systemd ;;
  systemd) case_systemd; exit $? ;;
  systemd_inner) case_systemd_inner ;;
  *) echo "unknown case $case" >&2; exit 2 ;;
esac
echo "[$case] passed"
