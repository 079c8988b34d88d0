#!/usr/bin/env bash
# Builds Pacer from scratch and runs the whole test suite, headless:
#  1. a normal build (warnings are errors) and every ctest test;
#  2. the same suite under AddressSanitizer + UndefinedBehaviorSanitizer;
#  3. the unit tests under valgrind memcheck;
#  4. a short fuzz run of the script loader (clang + libFuzzer).
# Any failure, sanitizer report or valgrind error fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)

bash scripts/install-deps.sh

# No display and no sound card: SDL uses its dummy drivers.
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy}
export SDL_AUDIODRIVER=${SDL_AUDIODRIVER:-dummy}
# A private cache, data and state folder, so the tests never read or leave a user's files.
export XDG_CACHE_HOME="$root/build-test-home/cache" XDG_DATA_HOME="$root/build-test-home/data" \
  XDG_STATE_HOME="$root/build-test-home/state"
rm -rf "$root/build-test-home"

start=$SECONDS
step() { printf '\n== %s (at %d s)\n' "$*" $((SECONDS - start)); }

step "build (warnings are errors)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPACER_WERROR=ON -DPACER_TESTS=ON >/dev/null
cmake --build build -j"$jobs"
# ctest's own summary line counts; the last line of this script adds them up.
count() { grep -Eo 'tests failed out of [0-9]+' "$1" | tail -n 1 | grep -Eo '[0-9]+$' || echo 0; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT

step "tests"
ctest --test-dir build --output-on-failure -j"$jobs" | tee "$log"
passed=$(count "$log")

step "build with AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPACER_WERROR=ON -DPACER_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
step "tests under ASan + UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" | tee "$log"
passed=$((passed + $(count "$log")))

step "unit tests under valgrind"
# --fair-sched: valgrind runs one thread at a time; without fair turns a busy thread can keep
# the script watchdog waiting for tens of seconds.
for t in build/tests/unit/test_*; do
  [ -x "$t" ] || continue
  valgrind -q --fair-sched=yes --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect "$t" >/dev/null
  echo "valgrind clean: $(basename "$t")"
  passed=$((passed + 1))
done

if [ -f tests/fuzz/smoke.sh ]; then
  step "fuzz smoke run"
  bash tests/fuzz/smoke.sh build-fuzz 30
  passed=$((passed + 1))
fi

step "all tests passed"
echo "$passed passed, 0 failed"
