#!/usr/bin/env bash
# Builds Pacer from scratch and runs the whole test suite, headless:
#  1. a normal build (warnings are errors) and every ctest test;
#  2. the same suite under AddressSanitizer + UndefinedBehaviorSanitizer;
#  3. the unit tests under valgrind memcheck;
#  4. a short fuzz run of the script loader (clang + libFuzzer).
# Any failure, sanitizer report or valgrind error fails the run. Every step runs even when an
# earlier one failed; the last line counts every test of every step as
# "N passed, N failed, N skipped" (a test whose tool is missing is skipped, never passed), and
# the exit status is non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)
# ctest runs twice as many tests as there are cores: many of them spend most of their time
# waiting (for a window under Xvfb, a timeout, a child process), and on two cores the normal
# suite took 468 s at -j4 against 583 s at -j2. Every wait in a test has a generous limit of
# its own, so the busier machine makes tests slower, never flaky (the suite is also run under
# stress-ng --cpu 2, see scripts/test-loaded.sh).
test_jobs=$((jobs * 2))

bash scripts/install-deps.sh test

# No display and no sound card: SDL uses its dummy drivers.
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy}
export SDL_AUDIODRIVER=${SDL_AUDIODRIVER:-dummy}
# A private cache, data, state and settings folder, so the tests never read or leave a user's files
# (the state folder holds where an unfinished session stopped).
export XDG_CACHE_HOME="$root/build-test-home/cache" XDG_DATA_HOME="$root/build-test-home/data"
export XDG_STATE_HOME="$root/build-test-home/state" XDG_CONFIG_HOME="$root/build-test-home/config"
rm -rf "$root/build-test-home"

start=$SECONDS
step() { printf '\n== %s (at %d s)\n' "$*" $((SECONDS - start)); }

passed=0 failed=0 skipped=0
# tally PASSED FAILED SKIPPED: adds one step's counts to the run's.
tally() { passed=$((passed + $1)) failed=$((failed + $2)) skipped=$((skipped + $3)); }

# ctest_counts LOG: "PASSED FAILED SKIPPED" of one ctest run.
source scripts/ctest-counts.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# run_ctest BUILD_DIR [VAR=VALUE...]: the whole ctest suite of one build, counted. When ctest
# fails without a failing test line (it could not start, say), that counts as one failure.
run_ctest() {
  local dir=$1 rc=0 p f s
  shift
  env "$@" ctest --test-dir "$dir" --output-on-failure -j"$test_jobs" | tee "$log" || rc=$?
  read -r p f s < <(ctest_counts "$log")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "ctest failed (exit $rc) without a failing test"
    f=1
  fi
  echo "-- $dir: $p passed, $f failed, $s skipped"
  tally "$p" "$f" "$s"
}

# build DIR CMAKE_OPTIONS...: configures and builds; a failed build counts as one failure.
build() {
  local dir=$1
  shift
  if cmake -S . -B "$dir" "$@" >/dev/null && cmake --build "$dir" -j"$jobs"; then
    return 0
  fi
  echo "the build in $dir failed: its tests are not run"
  tally 0 1 0
  return 1
}

step "build (warnings are errors)"
if build build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPACER_WERROR=ON -DPACER_TESTS=ON; then
  step "tests"
  run_ctest build
fi

step "build with AddressSanitizer + UndefinedBehaviorSanitizer"
if build build-asan -DCMAKE_BUILD_TYPE=Debug -DPACER_WERROR=ON -DPACER_SANITIZE=ON; then
  step "tests under ASan + UBSan"
  run_ctest build-asan ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
fi

step "unit tests under valgrind"
# --fair-sched: valgrind runs one thread at a time; without fair turns a busy thread can keep
# the script watchdog waiting for tens of seconds. The test programs run $jobs at a time; each
# one's verdict and valgrind's report land in a folder and are printed in order.
vgdir=$(mktemp -d)
for t in build/tests/unit/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  if ! command -v valgrind >/dev/null 2>&1; then
    echo skipped >"$vgdir/$name.res"
    continue
  fi
  (
    if valgrind -q --fair-sched=yes --error-exitcode=99 --leak-check=full \
      --errors-for-leak-kinds=definite,indirect "$t" >/dev/null 2>"$vgdir/$name.err"; then
      echo clean >"$vgdir/$name.res"
    else
      echo failed >"$vgdir/$name.res"
    fi
  ) &
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
done
wait
for res in "$vgdir"/*.res; do
  [ -e "$res" ] || continue
  name=$(basename "$res" .res)
  case $(cat "$res") in
    clean) echo "valgrind clean: $name"; tally 1 0 0 ;;
    skipped) echo "valgrind skipped: $name (valgrind is not installed)"; tally 0 0 1 ;;
    *) echo "valgrind FAILED: $name"; cat "$vgdir/$name.err"; tally 0 1 0 ;;
  esac
done
rm -rf "$vgdir"

if [ -f tests/fuzz/smoke.sh ]; then
  step "fuzz smoke run"
  if bash tests/fuzz/smoke.sh build-fuzz 30; then
    tally 1 0 0
  else
    tally 0 1 0
  fi
fi

step "summary"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
