#!/usr/bin/env bash
# The window's costs, measured from outside the process under Xvfb (see bench/README.md, "UI"):
#
#   first frame   ms from fork to the first frame on the window, and to the player's first
#                 frame (session loaded), median of 5 runs; bench/ui/firstframe.c watches
#   animating     CPU of `pacer play` over 50 s of the breathing circle at 30 fps, as % of
#                 one core (utime + stime from /proc), with SDL's dummy audio driver and with
#                 --no-audio (the monotonic clock); the X server's own CPU beside it, against
#                 an idle X server's
#   session       CPU seconds and peak RSS (VmHWM) of the whole 60 s session
#   paused        CPU of a paused session over 20 s (nothing moves)
#   menu idle     CPU of the session menu over 20 s with nothing happening, and its peak RSS
#
#   bench/ui/run.sh [BUILD_DIR]    (default: build-bench-ui in the source tree; Release)
#
# Goals: animating <= 3 % of a core, menu idle <= 0.5 %, peak RSS <= 40 MB, first frame
# <= 100 ms. Needs Xvfb and xdotool (scripts/install-deps.sh). Takes about 4 minutes.
set -euo pipefail

src="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$src/build-bench-ui}"
runs=5

for tool in Xvfb xdotool cc; do
  command -v "$tool" >/dev/null || { echo "bench/ui: $tool is missing (scripts/install-deps.sh)" >&2; exit 1; }
done

mkdir -p "$build"
if ! { cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPACER_TESTS=OFF &&
  cmake --build "$build" -j"$(nproc)" --target pacer; } >"$build/bench-ui-build.log" 2>&1; then
  tail -n 30 "$build/bench-ui-build.log" >&2
  exit 1
fi
mkdir -p "$build/bench-ui"
cc -O2 -Wall -Wextra -o "$build/bench-ui/firstframe" "$src/bench/ui/firstframe.c" -lX11
pacer="$build/pacer" firstframe="$build/bench-ui/firstframe"
session="$src/bench/ui/breathing_60s.lua"

cc_name="$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")"
echo "machine:  $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)," \
  "$(free -h 2>/dev/null | awk '/^Mem:/ {print $2}') memory"
echo "build:    Release, $("$cc_name" --version | head -n 1)"
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the start"
echo

work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-bench-ui-XXXXXX")
xvfb_pid="" pacer_pid=""
cleanup() {
  [ -n "$pacer_pid" ] && kill -9 "$pacer_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp -noreset 3>"$work/display" 2>/dev/null &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(tr -dc 0-9 <"$work/display")"
# The window on Xvfb; sound through SDL's dummy driver (it paces the clock like a sound card).
export SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
unset PACER_NO_SPEECH PACER_SESSIONS
hz=$(getconf CLK_TCK)

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
now() { date +%s.%N; }
pct() { awk -v t="$1" -v hz="$hz" -v s="$2" 'BEGIN { printf "%.2f", 100 * t / hz / s }'; }
median() { sort -n | awk '{v[NR] = $1} END { print v[int((NR + 1) / 2)] }'; }
wait_window() {
  for _ in $(seq 600); do xdotool search --name "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "bench/ui: no window '$1'" >&2
  return 1
}

# ---- the X server alone ----
t0=$(ticks "$xvfb_pid") w0=$(now)
sleep 10
xvfb_idle=$(pct $(($(ticks "$xvfb_pid") - t0)) "$(awk -v a="$w0" -v b="$(now)" 'BEGIN { print b - a }')")
echo "== idle X server: $xvfb_idle % of a core over 10 s"

# ---- first frame ----
"$pacer" check "$session" >/dev/null 2>&1 # the speech cache, as on any run after the first
ff() { # key label [VAR=value...]: median of $runs starts
  local key=$1 label=$2
  shift 2
  : >"$work/ff"
  for i in $(seq $runs); do
    local cache="$work/cache"
    [ "$key" = cold ] && cache="$work/cache-cold-$i" # nothing synthesized yet
    env XDG_CACHE_HOME="$cache" "$@" "$firstframe" --timeout 30 -- "$pacer" play --size 1280x720 "$session" \
      2>/dev/null | sed -n 's/^RESULT //p' >>"$work/ff"
    sleep 0.5
  done
  local paint frame
  paint=$(sed 's/.*"paint_ms":\([-0-9.]*\).*/\1/' "$work/ff" | median)
  frame=$(sed 's/.*"frame_ms":\([-0-9.]*\).*/\1/' "$work/ff" | median)
  echo "== first frame, $label: first paint $paint ms, player's first frame $frame ms (median of $runs)"
  eval "ff_paint_$key=$paint ff_frame_$key=$frame"
}
ff warm "speech cached"
ff nospeech "speech off (PACER_NO_SPEECH)" PACER_NO_SPEECH=1
ff cold "speech not cached (every cue synthesized first)"

# ---- animating: the whole 60 s session ----
animate() { # label, key, extra args...
  local label=$1 key=$2
  shift 2
  local start
  start=$(now)
  "$pacer" play --size 1280x720 "$@" "$session" >/dev/null 2>&1 &
  pacer_pid=$!
  wait_window '^Breathing, 60 seconds$'
  sleep 5 # past the start: the circle animates from here to the end
  local p0 x0 w0 p1 x1 w1 secs
  p0=$(ticks "$pacer_pid") x0=$(ticks "$xvfb_pid") w0=$(now)
  sleep 50
  p1=$(ticks "$pacer_pid") x1=$(ticks "$xvfb_pid") w1=$(now)
  secs=$(awk -v a="$w0" -v b="$w1" 'BEGIN { print b - a }')
  # the end screen comes after 60 s: the session's whole cost up to there
  while [ "$(awk -v s="$start" -v n="$(now)" 'BEGIN { print (n - s < 62) }')" = 1 ]; do sleep 0.2; done
  local total hwm
  total=$(awk -v t="$(ticks "$pacer_pid")" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }')
  hwm=$(hwm_kb "$pacer_pid")
  kill -9 "$pacer_pid" 2>/dev/null || true
  wait "$pacer_pid" 2>/dev/null || true
  pacer_pid=""
  local cpu xcpu
  cpu=$(pct $((p1 - p0)) "$secs")
  xcpu=$(pct $((x1 - x0)) "$secs")
  echo "== animating, $label: pacer $cpu % of a core over ${secs%.*} s (X server $xcpu %);" \
    "whole session $total CPU s, peak RSS $((hwm / 1024)) MB"
  eval "anim_cpu_$key=$cpu anim_x_$key=$xcpu anim_total_$key=$total anim_hwm_$key=$hwm"
}
animate "SDL dummy audio driver" dummy
animate "--no-audio (monotonic clock)" noaudio --no-audio

# ---- nothing moving: paused, and the menu ----
idle() { # key label window-title [VAR=value...] -- pacer args...
  local key=$1 label=$2 title=$3
  shift 3
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  env "${envs[@]}" "$pacer" play "$@" >/dev/null 2>&1 &
  pacer_pid=$!
  wait_window "$title"
  sleep 5 # loaded and drawn
  if [ "$key" = paused ]; then
    xdotool windowfocus --sync "$(xdotool search --name "$title" | head -n 1)" key space
    sleep 3
  fi
  local p0 x0 w0 p1 x1 w1 secs cpu xcpu hwm
  p0=$(ticks "$pacer_pid") x0=$(ticks "$xvfb_pid") w0=$(now)
  sleep 20
  p1=$(ticks "$pacer_pid") x1=$(ticks "$xvfb_pid") w1=$(now)
  secs=$(awk -v a="$w0" -v b="$w1" 'BEGIN { print b - a }')
  cpu=$(pct $((p1 - p0)) "$secs") xcpu=$(pct $((x1 - x0)) "$secs") hwm=$(hwm_kb "$pacer_pid")
  kill -9 "$pacer_pid" 2>/dev/null || true
  wait "$pacer_pid" 2>/dev/null || true
  pacer_pid=""
  echo "== $label: pacer $cpu % of a core over ${secs%.*} s (X server $xcpu %), peak RSS $((hwm / 1024)) MB"
  eval "idle_cpu_$key=$cpu idle_hwm_$key=$hwm"
}
idle paused "paused session, 1280x720" '^Breathing, 60 seconds$' -- --size 1280x720 "$session"
idle menu "menu idle, 1280x720, the shipped sessions" '^Pacer$' PACER_SESSIONS="$src/sessions" -- --size 1280x720
idle menu_hd "menu idle, 1920x1080, the shipped sessions" '^Pacer$' PACER_SESSIONS="$src/sessions" -- --size 1920x1080
menu_cpu=$idle_cpu_menu menu_hwm=$idle_hwm_menu

echo
goal() { awk -v v="$2" -v g="$3" -v what="$1" -v unit="$4" \
  'BEGIN { printf "%-40s %8.2f %-3s goal <= %-6s %s\n", what, v, unit, g, (v <= g ? "met" : "NOT MET") }'; }
goal "animating CPU (dummy audio)" "$anim_cpu_dummy" 3 "%"
goal "animating CPU (--no-audio)" "$anim_cpu_noaudio" 3 "%"
goal "menu idle CPU (1280x720)" "$menu_cpu" 0.5 "%"
goal "menu idle CPU (1920x1080)" "$idle_cpu_menu_hd" 0.5 "%"
goal "peak RSS, session (dummy audio)" "$(awk -v k="$anim_hwm_dummy" 'BEGIN { print k / 1024 }')" 40 MB
goal "peak RSS, menu" "$(awk -v k="$menu_hwm" 'BEGIN { print k / 1024 }')" 40 MB
goal "first paint (speech cached)" "$ff_paint_warm" 100 ms
goal "player's first frame (speech cached)" "$ff_frame_warm" 100 ms
goal "player's first frame (speech off)" "$ff_frame_nospeech" 100 ms
echo "RESULT {\"xvfb_idle_pct\":$xvfb_idle,\"anim_pct\":$anim_cpu_dummy,\"anim_xvfb_pct\":$anim_x_dummy," \
  "\"anim_noaudio_pct\":$anim_cpu_noaudio,\"session_cpu_s\":$anim_total_dummy,\"session_hwm_kb\":$anim_hwm_dummy," \
  "\"paused_pct\":$idle_cpu_paused,\"menu_idle_pct\":$menu_cpu,\"menu_idle_hd_pct\":$idle_cpu_menu_hd,\"menu_hwm_kb\":$menu_hwm,\"paint_ms\":$ff_paint_warm,\"frame_ms\":$ff_frame_warm," \
  "\"frame_nospeech_ms\":$ff_frame_nospeech,\"frame_cold_ms\":$ff_frame_cold}"
