#!/bin/sh
# Renders a session to WAV with `pacer render` and checks with sox that the patient hears
# something at every phase change: the loudest sample within 0.35 s of each phase's frame
# (read from `pacer timeline --json`), before or after it, is well above silence. As a control, the quiet
# knee rocking (a wait) must be silent in its middle, so the check can tell the two apart.
# Usage: render_check.sh PACER SESSION.lua
pacer=$1 file=$2
here=$(cd "$(dirname "$0")" && pwd)
unset PACER_NO_SPEECH
# Exits 77 (skipped) without sox.
command -v sox > /dev/null || { echo "SKIP: sox is not installed (scripts/install-deps.sh installs it)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$pacer" render "$file" -o "$work/session.wav" > "$work/out" 2>&1 || { echo "FAIL pacer render:"; cat "$work/out"; exit 1; }
"$pacer" timeline --json "$file" > "$work/tl.json" || { echo "FAIL pacer timeline"; exit 1; }
awk -f "$here/events.awk" "$work/tl.json" > "$work/events"
# The loudest sample (0..1) of LEN frames from frame AT.
peak() { sox "$work/session.wav" -n trim "$1s" "$2s" stat 2>&1 | awk '/^Maximum amplitude/ { print $3 }'; }

fail=0
rate=$(soxi -r "$work/session.wav")
frames=$(soxi -s "$work/session.wav")
total=$(awk '$1 == "total" { print $2 }' "$work/events")
[ "$rate" = 48000 ] || { echo "FAIL the WAV is at $rate Hz, not 48000"; fail=1; }
[ "$frames" = "$total" ] || { echo "FAIL the WAV has $frames frames, the timeline $total"; fail=1; }

phases=0
while read -r at len kind phase; do
  [ "$kind" = phase ] || continue
  from=$((at > 16800 ? at - 16800 : 0))
  p=$(peak "$from" $((at - from + 16800)))
  if awk -v p="$p" 'BEGIN { exit !(p > 0.05) }'; then
    phases=$((phases + 1))
  else
    echo "FAIL no sound within 0.35 s of the $phase phase at frame $at (peak ${p:-none})"
    fail=1
  fi
done < "$work/events"
[ "$phases" -gt 10 ] || { echo "FAIL only $phases phases with sound"; fail=1; }

# The control: the middle of the longest rest (the knee rocking) is silent.
set -- $(awk '$3 == "phase" && $4 == "rest" && $2 > best { best = $2; at = $1 } END { print at, best }' "$work/events")
if [ -n "${1:-}" ] && [ "${2:-0}" -gt $((20 * 48000)) ]; then
  quiet=$(peak $(($1 + 5 * 48000)) $((10 * 48000)))
  awk -v p="$quiet" 'BEGIN { exit !(p < 0.001) }' || { echo "FAIL the quiet rest at frame $1 is not silent (peak $quiet)"; fail=1; }
else
  echo "FAIL no long rest to use as the silent control"; fail=1
fi
[ $fail -eq 0 ] && echo "ok $(basename "$file"): sound at all $phases phase changes, silence where it is quiet"
exit $fail
