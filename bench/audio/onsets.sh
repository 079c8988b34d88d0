#!/usr/bin/env bash
# (b) Onset error, checked independently: aubio's onset detector (aubioonset, its default
# hfc method, 512-frame window, 32-frame hop = 0.67 ms steps) runs on the rendered WAV, and
# each tone of `pacer timeline --json` that sounds alone (nothing else within 200 ms before
# it or while it sounds) is matched to the nearest detected onset within -20..+60 ms.
#
# aubio's own bias depends on the sound: a soft 15 ms rise is reported later than a tick.
# So the errors are grouped by tone (shape and pitch): the group's mean is aubio's bias for
# that sound, and the spread inside a group (max - min, and the worst distance from the
# group's mean) is what placement error would show as. A cue late by one 512-frame buffer
# would be 10.7 ms off its group.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_build
command -v aubioonset >/dev/null || { echo "aubioonset not found (Debian: aubio-tools)"; exit 1; }

session="$scratch/bench30.lua"
write_bench_session "$session"
sessions=("$session")
for s in diaphragmatic_breathing ql_breathing_stretch si_joint_correction; do
  [ -f "$src/sessions/$s.lua" ] && sessions+=("$src/sessions/$s.lua")
done

echo "== (b) onset error (aubioonset against the timeline)"
: >"$scratch/all.err"
for s in "${sessions[@]}"; do
  b=$(basename "$s" .lua)
  "$pacer" render "$s" -o "$scratch/$b.wav" 2>/dev/null
  "$pacer" timeline --json "$s" 2>/dev/null >"$scratch/$b.json"
  aubioonset -B 512 -H 32 -i "$scratch/$b.wav" >"$scratch/$b.onsets" 2>/dev/null
  awk -v rate=48000 -v name="$b" -v all="$scratch/all.err" '
    FNR == NR { on[++non] = $1; next }
    /"kind":"(tone|speak|play)"/ {
      match($0, /"frame":[0-9]+/); at = substr($0, RSTART + 8, RLENGTH - 8) / rate
      match($0, /"len":[0-9]+/); len = substr($0, RSTART + 6, RLENGTH - 6) / rate
      n++; a[n] = at; l[n] = len; tone[n] = ($0 ~ /"kind":"tone"/); key[n] = ""
      if (tone[n]) {
        match($0, /"shape":"[a-z]+"/); sh = substr($0, RSTART + 9, RLENGTH - 10)
        match($0, /"hz":[0-9.]+/); hz = substr($0, RSTART + 5, RLENGTH - 5)
        key[n] = sh "@" (hz + 0)
      }
    }
    END {
      for (i = 1; i <= n; i++) {
        if (!tone[i]) continue
        alone = 1
        for (k = 1; k <= n; k++)
          if (k != i && a[k] < a[i] + l[i] && a[k] + l[k] > a[i] - 0.2) alone = 0
        if (!alone) continue
        tones++
        best = 1e9
        for (j = 1; j <= non; j++) {
          d = on[j] - a[i]
          if (d >= -0.02 && d <= 0.06 && (d < 0 ? -d : d) < (best < 0 ? -best : best)) best = d
        }
        if (best == 1e9) { missed++; continue }
        e = best * 1000; m++; sum += e
        g = key[i]; gs[g] += e; gc[g]++
        if (!(g in ghi) || e > ghi[g]) ghi[g] = e
        if (!(g in glo) || e < glo[g]) glo[g] = e
        err[m] = e; grp[m] = g
      }
      printf "%s: %d lone tones, %d matched, %d missed\n", name, tones, m, missed
      for (g in gs)
        printf "  %-14s %4d tones: aubio bias %+6.2f ms, spread %.2f ms (min %+.2f, max %+.2f)\n",
               g, gc[g], gs[g] / gc[g], ghi[g] - glo[g], glo[g], ghi[g]
      for (k = 1; k <= m; k++) print name, grp[k], err[k], err[k] - gs[grp[k]] / gc[grp[k]] >> all
    }' "$scratch/$b.onsets" "$scratch/$b.json"
  rm -f "$scratch/$b.wav"
done
awk '{ n++; e = $3; r = $4; s += e; q += r * r; ar = r < 0 ? -r : r; if (ar > worst) worst = ar
       if (n == 1 || e > hi) hi = e; if (n == 1 || e < lo) lo = e }
  END {
    printf "all: %d tones; raw error (aubio bias included) mean %+.2f ms, min %+.2f, max %+.2f\n", n, s / n, lo, hi
    printf "     against each sound'"'"'s own bias: rms %.3f ms, worst %.3f ms\n", sqrt(q / n), worst
    printf "RESULT {\"bench\":\"audio_onsets\",\"tones\":%d,\"raw_mean_ms\":%.3f,\"raw_min_ms\":%.3f,\"raw_max_ms\":%.3f,\"rel_rms_ms\":%.4f,\"rel_worst_ms\":%.4f}\n", n, s / n, lo, hi, sqrt(q / n), worst
  }' "$scratch/all.err"
