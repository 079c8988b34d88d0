# xvfb.sh - sourced by the real-window tests: waiting without sleeps as synchronisation, and
# a private X server. The test defines fail MESSAGE (it exits).

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.1 s until it succeeds; the
# limit only guards against a hang.
wait_until() {
  local limit=$1 what=$2
  shift 2
  local end=$(($(now_ms) + limit * 1000))
  until "$@"; do
    [ "$(now_ms)" -lt "$end" ] || fail "$what (not within ${limit} s)"
    sleep 0.1
  done
}

# start_xvfb WORK [WxH]: an X server of its own (xvfb_pid), its display in DISPLAY.
start_xvfb() {
  local work=$1 size=${2:-1920x1080}
  : >"$work/display"
  Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp -noreset 3>"$work/display" 2>"$work/xvfb.log" &
  xvfb_pid=$!
  display_ready() { [ -s "$work/display" ]; }
  wait_until 30 "Xvfb did not start ($(tail -n 1 "$work/xvfb.log" 2>/dev/null))" display_ready
  export DISPLAY=":$(tr -dc 0-9 <"$work/display")"
}
