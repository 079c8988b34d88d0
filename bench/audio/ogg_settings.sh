#!/usr/bin/env bash
# The Ogg Vorbis writer's rate and quality: libvorbis alone (bench_vorbis, CPU time) on the
# 30-minute benchmark session rendered to WAV, then resampled by sox to each candidate
# rate. sox runs with -D: its default dither would turn the session's digital silence
# (81 % of it) into noise, which libvorbis then spends time and bits on; pacer's own
# filter keeps silence exactly zero. Then where the time goes: the same length of pure
# digital silence, and the session with its silences cut out. Each line is one run.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_build
session="$scratch/bench30.lua"
write_bench_session "$session"
"$pacer" render "$session" -o "$scratch/s48000.wav" >/dev/null 2>&1
vorbis="$build/bench/bench_vorbis"

echo "== Ogg Vorbis: encoder CPU time by rate and quality (libvorbis alone)"
"$vorbis" "$scratch/s48000.wav" 0.4
for r in 32000 24000 22050 16000; do
  sox -D "$scratch/s48000.wav" -r "$r" "$scratch/s$r.wav" rate -v
  "$vorbis" "$scratch/s$r.wav" 0.4
done
for q in 0.0 0.2 0.6; do "$vorbis" "$scratch/s24000.wav" "$q"; done
secs=$(soxi -D "$scratch/s24000.wav")
sox -D -n -r 24000 -b 16 -c 1 "$scratch/zero.wav" trim 0 "$secs"
echo "-- 24 kHz: the session's length of digital silence, then the session without its silences"
"$vorbis" "$scratch/zero.wav" 0.4
sox -D "$scratch/s24000.wav" "$scratch/sound.wav" silence -l 1 0.1 0% -1 0.1 0%
"$vorbis" "$scratch/sound.wav" 0.4
echo "-- pacer render -o .ogg (24 kHz through pacer's filter), its size"
"$pacer" render "$session" -o "$scratch/out.ogg" >/dev/null 2>&1
echo "$(stat -c %s "$scratch/out.ogg") bytes, $(soxi -r "$scratch/out.ogg") Hz"
