#!/usr/bin/env bash
# Builds the benchmarks in Release and runs every one, printing its figures.
#
#   bench/run.sh [BUILD_DIR]      (default: build-bench in the source tree)
#
# Each benchmark prints a human-readable report and one "RESULT {json}" line. Close other
# heavy work first: the figures are wall times. See bench/README.md for what each measures.
set -euo pipefail

src="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$src/build-bench}"

cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPACER_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target benchmarks >/dev/null

cc="$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")"
echo "machine:  $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)," \
  "$(free -h 2>/dev/null | awk '/^Mem:/ {print $2}') memory"
echo "build:    Release, $("$cc" --version | head -n 1)"
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo

status=0
for b in "$build"/bench/bench_*; do
  [ -f "$b" ] && [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" | tee "$build/bench/$(basename "$b").out" || status=1
  echo
done

# bench_load at a quarter of the size: four times the steps should take about four times the
# CPU time.
if [ -x "$build/bench/bench_load" ]; then
  echo "== bench_load --steps=2500 (scaling)"
  out="$("$build/bench/bench_load" --steps=2500 --runs=9)" || status=1
  printf '%s\n' "$out"
  small="$(sed -n 's/^RESULT //p' <<<"$out")"
  big="$(sed -n 's/^RESULT //p' "$build/bench/bench_load.out")"
  ms() { sed -n "s/.*\"total_cpu_ms_median\":\([0-9.]*\).*/\1/p" <<<"$1"; }
  if [ -n "$small" ] && [ -n "$big" ]; then
    awk -v a="$(ms "$small")" -v b="$(ms "$big")" \
      'BEGIN { printf "scaling:  2,500 -> 10,000 steps took %.1fx the CPU time (linear: about 4x)\n", b / a }'
  fi
fi
exit "$status"
