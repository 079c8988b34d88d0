# xtest.sh - what the test scripts that drive pacer from outside share (the window, the
# kiosk and the journal tests): sourced, not run.
#
#   need_tools HINT TOOL...      exits 77 (skipped) naming the first missing TOOL; HINT (may be
#                                empty) says what installs it
#   now_ms                       the monotonic-enough wall clock in milliseconds
#   wait_until SECONDS WHAT CMD...
#                                runs CMD until it succeeds, every $WAIT_POLL s (0.1); after
#                                SECONDS times $WAIT_SLOW (1) it calls `fail "WHAT (not within
#                                SECONDS s)"`. The limit only guards against a hang: every check
#                                waits for the state it checks, so a loaded machine makes a test
#                                slower, never flaky.
#   start_xvfb WxH [ARGS...]     starts a private Xvfb on a free display (its number read from
#                                -displayfd into $work/display, its log in $work/xvfb.log),
#                                sets xvfb_pid and exports DISPLAY; ARGS replace the default
#                                "-nolisten tcp -noreset"
#   stop_xvfb                    ends it (safe when none runs)
#   as_nobody PROGRAM            as root, sets the array as_user to the command that runs a
#                                program as the user nobody (root may write any file, and some
#                                programs refuse root); exits 77 when that cannot be done here
#                                (no setpriv, no user nobody, or PROGRAM in a folder closed to
#                                others). Not root: as_user is empty.
#   make_work NAME               a private folder, $work, and a list of processes, pids: at exit
#                                every one of them is killed and the folder removed
#   show_logs LINES              the last LINES of every non-empty $work/*.log, each under its name
#   fail MESSAGE...              says FAIL: MESSAGE, shows the logs (15 lines each) and exits 1;
#                                a script may define its own after sourcing this
#
# Everything here that creates files uses $work: make_work, or the script's own folder.

need_tools() {
  local hint=$1 tool
  shift
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "SKIP: $tool is not installed${hint:+ ($hint)}"
      exit 77
    fi
  done
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

wait_until() {
  local limit=$1 what=$2
  shift 2
  local end=$(($(now_ms) + $(awk -v a="$limit" -v s="${WAIT_SLOW:-1}" 'BEGIN { printf "%d", a * s * 1000 }')))
  until "$@"; do
    [ "$(now_ms)" -lt "$end" ] || fail "$what (not within $limit s)"
    sleep "${WAIT_POLL:-0.1}"
  done
}

as_nobody() {
  as_user=()
  [ "$(id -u)" -eq 0 ] || return 0
  command -v setpriv >/dev/null || { echo "SKIP: running as root and setpriv is missing"; exit 77; }
  id nobody >/dev/null 2>&1 || { echo "SKIP: running as root and there is no user 'nobody'"; exit 77; }
  as_user=(setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups)
  if ! "${as_user[@]}" test -x "$1"; then
    echo "SKIP: nobody cannot run $1 (a folder on its way is closed to others)"
    exit 77
  fi
}

xvfb_pid=""
start_xvfb() {
  local size=$1
  shift
  [ $# -gt 0 ] || set -- -nolisten tcp -noreset
  : >"$work/display"
  Xvfb -displayfd 3 -screen 0 "${size}x24" "$@" 3>"$work/display" 2>"$work/xvfb.log" &
  xvfb_pid=$!
  wait_until 30 "Xvfb did not start ($(tail -n 1 "$work/xvfb.log" 2>/dev/null))" test -s "$work/display"
  DISPLAY=":$(tr -dc 0-9 <"$work/display")"
  export DISPLAY
}

stop_xvfb() {
  if [ -n "$xvfb_pid" ] && kill -0 "$xvfb_pid" 2>/dev/null; then
    kill "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
}

make_work() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-$1-XXXXXX") || exit 1
  pids=()
  trap xtest_cleanup EXIT
  trap 'exit 130' INT TERM HUP
}

xtest_cleanup() {
  local rc=$? p
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  rm -rf "$work"
  exit "$rc"
}

show_logs() {
  local f
  for f in "$work"/*.log; do
    [ -s "$f" ] || continue
    echo "--- $(basename "$f") (last lines):"
    tail -n "$1" "$f" | cut -c1-300
  done
}

fail() {
  echo "FAIL: $*"
  show_logs 15
  exit 1
}
