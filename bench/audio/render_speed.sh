#!/usr/bin/env bash
# (a) Render speed of a 30-minute session, in times real time, with baselines measured in
# the same run so the ratios mean something on a busy machine:
#   - bench_audio: the mixer alone and through the writers, next to memset and to writing
#     silence through the same writer (see bench/bench_audio.c);
#   - the whole `pacer render` command (speech from a warm cache), next to `sox -n` writing
#     a synthesized sine of the same length to the same kind of file.
# Figures are medians of RUNS runs (default 5).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_build
runs="${RUNS:-5}"
session="$scratch/bench30.lua"
write_bench_session "$session"

echo "== (a) render speed"
"$build/bench/bench_audio" --session "$session" --runs "$runs" --dir "$scratch" | tee "$scratch/bench_audio.out"
secs=$(sed -n 's/.*"session_seconds":\([0-9.]*\).*/\1/p' "$scratch/bench_audio.out")

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
"$pacer" check -q "$session" >/dev/null 2>&1 # warm the speech cache
for fmt in wav ogg; do
  pr=$(for _ in $(seq "$runs"); do wall "$pacer" render "$session" -o "$scratch/out.$fmt"; done | median)
  sx=$(for _ in $(seq "$runs"); do
    wall sox -n -r 48000 -c 1 -b 16 "$scratch/sox.$fmt" synth "$secs" sine 440 vol 0.5
  done | median)
  size=$(stat -c %s "$scratch/out.$fmt")
  awk -v f="$fmt" -v s="$secs" -v a="$pr" -v b="$sx" -v z="$size" 'BEGIN {
    printf "pacer render -o .%s   %8.0f ms  %7.0fx real time  (%.1f MB)\n", f, a * 1e3, s / a, z / 1e6
    printf "sox -n synth -> .%s   %8.0f ms  %7.0fx real time  (pacer takes %.2fx sox'"'"'s time)\n", f, b * 1e3, s / b, a / b
  }'
  awk -v f="$fmt" -v s="$secs" -v a="$pr" -v b="$sx" 'BEGIN { printf "RESULT {\"bench\":\"audio_render_cli\",\"format\":\"%s\",\"session_seconds\":%.3f,\"pacer_render_s\":%.4f,\"sox_synth_s\":%.4f}\n", f, s, a, b }'
  rm -f "$scratch/out.$fmt" "$scratch/sox.$fmt"
done
