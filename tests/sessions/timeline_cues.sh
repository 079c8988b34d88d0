#!/bin/sh
# The cue rules of a session followed with eyes closed, on the real timeline (real speech
# lengths) of every session in a folder:
#   - every phase change has a tone or a spoken cue (or a recording) within 0.35 s of it;
#   - spoken cues never overlap (speak and play intervals are disjoint);
#   - no tone sounds while something is being said;
#   - daily_routine.lua and its translations (daily_routine_es.lua) last 20 to 30 minutes.
# Usage: timeline_cues.sh PACER SESSIONS_DIR
pacer=$1 dir=$2
here=$(cd "$(dirname "$0")" && pwd)
unset PACER_NO_SPEECH
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 n=0
for file in "$dir"/*.lua; do
  name=$(basename "$file")
  if ! "$pacer" timeline --json "$file" > "$work/tl.json" 2> "$work/err"; then
    echo "FAIL $name: pacer timeline failed:"; cat "$work/err"; fail=1; continue
  fi
  awk -f "$here/events.awk" "$work/tl.json" > "$work/events"
  if ! awk -v name="$name" -v window=16800 '
    $1 == "total" { total = $2; next }
    { at[NR] = $1; len[NR] = $2; kind[NR] = $3; phase[NR] = $4; n = NR }
    END {
      bad = 0
      for (i = 1; i <= n; i++) {
        if (kind[i] != "phase") continue
        ok = 0
        for (k = 1; k <= n && !ok; k++)
          if ((kind[k] == "tone" || kind[k] == "speak" || kind[k] == "play") && at[k] >= at[i] - window && at[k] <= at[i] + window) ok = 1
        if (!ok) { printf "FAIL %s: the %s phase at frame %d has no tone or cue within 0.35 s\n", name, phase[i], at[i]; bad = 1 }
      }
      end = -1
      for (i = 1; i <= n; i++) {
        if (kind[i] != "speak" && kind[i] != "play") continue
        if (at[i] < end) { printf "FAIL %s: a cue at frame %d starts before the one before it ends (frame %d)\n", name, at[i], end; bad = 1 }
        if (at[i] + len[i] > end) end = at[i] + len[i]
        for (k = 1; k <= n; k++)
          if (kind[k] == "tone" && at[k] > at[i] && at[k] < at[i] + len[i]) { printf "FAIL %s: a tone at frame %d sounds under the cue at frame %d\n", name, at[k], at[i]; bad = 1 }
      }
      if (name ~ /^daily_routine(_[a-z][a-z])?\.lua$/ && (total < 20 * 60 * 48000 || total > 30 * 60 * 48000)) {
        printf "FAIL %s: lasts %.1f minutes, not 20 to 30\n", name, total / 48000 / 60; bad = 1
      }
      printf "%s %s: %.1f minutes, %d events\n", bad ? "FAIL" : "ok", name, total / 48000 / 60, n
      exit bad
    }' "$work/events"; then
    fail=1
  fi
  n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "FAIL no sessions in $dir"; fail=1; }
exit $fail
