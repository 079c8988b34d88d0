#!/usr/bin/env bash
# journal_play.sh [PACER] - what recording costs the player: the CPU time of
# `pacer play --audio-only --no-audio` on a 10-second session of 100 steps (a journal write
# at each step: ten a second, far more than any real session makes), with the journal and
# with --no-journal, alternating, 3 runs each. See bench/README.md, "Journal".
set -euo pipefail
pacer=${1:-$(dirname "$0")/../build/pacer}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" PACER_NO_SPEECH=1 SDL_AUDIODRIVER=dummy
{
  echo 'return session { title = "Many steps",'
  for _ in $(seq 1 100); do echo "  wait(0.1),"; done
  echo '}'
} >"$work/many.lua"
for _ in 1 2 3; do
  for opt in "" --no-journal; do
    /usr/bin/time -f "${opt:-journal}: %e s wall, %U s user, %S s sys" -o "$work/t" \
      "$pacer" play --audio-only --no-audio $opt "$work/many.lua" </dev/null >/dev/null 2>&1
    cat "$work/t"
  done
done
