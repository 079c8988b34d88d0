#!/usr/bin/env bash
# (d) Peak memory (maximum resident set size, from GNU time -v) of `pacer render` and of
# `pacer play` (the terminal view on SDL's dummy audio driver, stopped with SIGINT after
# PLAY_SECONDS, default 5: every clip is prepared before the first sound, so the peak is
# reached by then) for the 30-minute session and the longest shipped session. Speech comes
# from a warm cache, as on a second start; the first start (cold) is measured too.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_build
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found (Debian: time)"; exit 1; }
play_seconds="${PLAY_SECONDS:-5}"
session="$scratch/bench30.lua"
write_bench_session "$session"
longest=$(for s in "$src"/sessions/*.lua; do
  printf '%s %s\n' "$("$pacer" timeline --json "$s" 2>/dev/null | sed -n 's/.*"frames":\([0-9]*\),.*/\1/p' | head -n 1)" "$s"
done | sort -n | tail -n 1 | cut -d' ' -f2-)

rss() { sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$1"; }

echo "== (d) peak memory (max RSS)"
printf '%-30s %-18s %9s\n' session command max_rss_MB
: >"$scratch/results"
for s in "$session" "$longest"; do
  b=$(basename "$s" .lua)
  rm -rf "$XDG_CACHE_HOME"
  /usr/bin/time -v -o "$scratch/t" "$pacer" render "$s" -o "$scratch/out.wav" >/dev/null 2>&1
  printf '%-30s %-18s %9.1f\n' "$b" "render (cold)" "$(echo "$(rss "$scratch/t") / 1024" | bc -l)"
  for fmt in wav ogg; do
    /usr/bin/time -v -o "$scratch/t" "$pacer" render "$s" -o "$scratch/out.$fmt" >/dev/null 2>&1
    kb=$(rss "$scratch/t")
    printf '%-30s %-18s %9.1f\n' "$b" "render .$fmt" "$(echo "$kb / 1024" | bc -l)"
    echo "$b render_$fmt $kb" >>"$scratch/results"
    rm -f "$scratch/out.$fmt"
  done
  SDL_AUDIODRIVER=dummy /usr/bin/time -v -o "$scratch/t" "$pacer" play --audio-only "$s" >/dev/null 2>&1 </dev/null &
  tpid=$!
  sleep "$play_seconds"
  ppid=$(pgrep -P "$tpid" | head -n 1 || true)
  [ -n "$ppid" ] && kill -INT "$ppid"
  wait "$tpid" || true
  kb=$(rss "$scratch/t")
  printf '%-30s %-18s %9.1f\n' "$b" "play (dummy)" "$(echo "$kb / 1024" | bc -l)"
  echo "$b play $kb" >>"$scratch/results"
done
awk '{ if ($3 > max) max = $3; if ($2 == "play" && $3 > pmax) pmax = $3; if ($2 != "play" && $3 > rmax) rmax = $3 }
  END {
    printf "peak: render %.1f MB, play %.1f MB (goal < 40 MB: %s)\n", rmax / 1024, pmax / 1024, max < 40 * 1024 ? "met" : "NOT met"
    printf "RESULT {\"bench\":\"audio_memory\",\"render_max_rss_mb\":%.1f,\"play_max_rss_mb\":%.1f}\n", rmax / 1024, pmax / 1024
  }' "$scratch/results"
