#!/usr/bin/env bash
# (c) Speech preparation for a whole session: `pacer check` loads a session exactly as play
# and render do (script, speech for every cue, compile), so its wall time with an empty
# speech cache (cold: every text synthesized) and again with the cache it just filled
# (warm) is what a patient waits before a session starts. The same with speech off
# (PACER_NO_SPEECH=1: script and compile only) is the floor. Medians of RUNS (default 3).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_build
runs="${RUNS:-3}"
session="$scratch/bench30.lua"
write_bench_session "$session"
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== (c) speech preparation (pacer check; cold = empty cache, warm = filled)"
printf '%-34s %5s %7s %9s %9s %9s\n' session texts speech cold_s warm_s nospeech_s
: >"$scratch/results"
for s in "$session" $(english_sessions); do
  b=$(basename "$s" .lua)
  "$pacer" timeline --json "$s" 2>/dev/null >"$scratch/tl.json"
  # distinct spoken texts and their total length
  read -r texts speech < <(awk '/"kind":"speak"/ {
      match($0, /"len":[0-9]+/); len = substr($0, RSTART + 6, RLENGTH - 6)
      match($0, /"text":".*"/); t = substr($0, RSTART, RLENGTH)
      if (!(t in seen)) { seen[t] = 1; n++; s += len }
    } END { printf "%d %.1f\n", n, s / 48000 }' "$scratch/tl.json")
  cold=$(for r in $(seq "$runs"); do
    XDG_CACHE_HOME="$scratch/cold-$b-$r" wall "$pacer" check -q "$s"
  done | median)
  warm=$(for r in $(seq "$runs"); do XDG_CACHE_HOME="$scratch/cold-$b-1" wall "$pacer" check -q "$s"; done | median)
  none=$(for r in $(seq "$runs"); do PACER_NO_SPEECH=1 wall "$pacer" check -q "$s"; done | median)
  printf '%-34s %5d %6ss %9.3f %9.3f %9.3f\n' "$b" "$texts" "$speech" "$cold" "$warm" "$none"
  echo "$b $texts $speech $cold $warm $none" >>"$scratch/results"
  rm -rf "$scratch"/cold-"$b"-*
done
awk '{ t += $2; sp += $3; c += $4; w += $5; n += $6 }
  END {
    printf "all %d sessions: %d texts, %.0f s of speech; cold %.2f s (%.0fx real time), warm %.2f s, no speech %.2f s\n",
      NR, t, sp, c, sp / c, w, n
    printf "RESULT {\"bench\":\"audio_speech_prep\",\"sessions\":%d,\"texts\":%d,\"speech_s\":%.1f,\"cold_s\":%.3f,\"warm_s\":%.3f,\"nospeech_s\":%.3f}\n", NR, t, sp, c, w, n
  }' "$scratch/results"
