#!/usr/bin/env bash
# Runs every audio benchmark and prints its figures (see bench/README.md, "Audio"):
#   (a) render_speed.sh     render of a 30-minute session, times real time, with baselines
#       ogg_settings.sh     the Ogg Vorbis encoder's CPU time by rate and quality
#   (b) onsets.sh           tone onset error measured by aubioonset against the timeline
#   (c) speech_prep.sh      speech preparation, cold and warm cache
#   (d) memory.sh           peak RSS of render and play
#   (e) intelligibility.sh  pocketsphinx word error rate of the spoken cues, then of the 60 new
#                           phrases heard in one stream (SET=phrases STREAM=1: the speech goal's figure)
#   (f) spanish.sh          the Spanish sessions' pace, pauses and words (no Spanish recognizer)
#
#   bench/audio/run.sh [BUILD_DIR]     (default: build-bench in the source tree, Release)
#
# Needs the packages of scripts/install-deps.sh (sox, aubio-tools, pocketsphinx,
# pocketsphinx-en-us, hunspell, hunspell-es, time). Takes a few minutes; close other heavy work first. The whole
# output is also written to BUILD_DIR/bench/audio.out.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -gt 0 ]; then
  BUILD="$(cd "$1" 2>/dev/null && pwd || echo "$1")"
  export BUILD
fi
source "$here/common.sh"
REBUILD=1 ensure_build
mkdir -p "$build/bench"
{
  machine
  echo
  status=0
  for b in render_speed ogg_settings onsets speech_prep memory intelligibility spanish; do
    bash "$here/$b.sh" || status=1
    echo
    if [ "$b" = intelligibility ]; then
      SET=phrases STREAM=1 bash "$here/$b.sh" || status=1
      echo
    fi
  done
  exit "$status"
} 2>&1 | tee "$build/bench/audio.out"
