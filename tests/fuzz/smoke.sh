#!/usr/bin/env bash
# Builds the fuzz targets with clang into BUILD_DIR and fuzzes the script loader and the
# recordings for SECONDS each, the kiosk configuration for a third of that.
#
#   tests/fuzz/smoke.sh [BUILD_DIR] [SECONDS]     (defaults: build-fuzz, 30)
#
# Exits 0 when the run ended cleanly, non-zero on any crash, sanitizer report, leak, broken
# invariant, out-of-memory or timeout; the input that did it is saved under
# BUILD_DIR/fuzz-artifacts/ and the log is BUILD_DIR/fuzz-smoke.log. Reproduce one input with
#   BUILD_DIR/tests/fuzz/fuzz_loader BUILD_DIR/fuzz-artifacts/crash-...
# Extra libFuzzer flags can be given in FUZZ_FLAGS (e.g. FUZZ_FLAGS="-jobs=2 -workers=2").
set -euo pipefail

src="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-build-fuzz}"
seconds="${2:-30}"
case "$seconds" in '' | *[!0-9]*) echo "smoke.sh: SECONDS must be a whole number" >&2; exit 2 ;; esac

cc="${CC:-clang}"
if ! "$cc" --version 2>/dev/null | grep -qi clang; then
  echo "smoke.sh: libFuzzer needs clang; '$cc' is not clang (set CC=clang)" >&2
  exit 2
fi

CC="$cc" cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPACER_FUZZ=ON -DPACER_TESTS=ON \
  -DPACER_WERROR=ON >/dev/null
artifacts="$build/fuzz-artifacts/"
mkdir -p "$artifacts"

# fuzz TARGET WHAT SECONDS LOG CORPUS SEEDS [FLAGS...]: builds and runs one libFuzzer target
# for SECONDS on CORPUS (grows across runs) and SEEDS (stay as they are); any crash,
# sanitizer report, leak, broken invariant, out-of-memory or timeout ends the script.
fuzz() {
  local target=$1 what=$2 secs=$3 flog=$4 fcorpus=$5 fseeds=$6 rc
  shift 6
  cmake --build "$build" -j"$(nproc)" --target "$target"
  mkdir -p "$fcorpus"
  echo "smoke.sh: fuzzing $what for ${secs}s (log: $flog)"
  set +e
  "$build/tests/fuzz/$target" -max_total_time="$secs" -timeout=5 -rss_limit_mb=1024 -print_final_stats=1 \
    -artifact_prefix="$artifacts" "$@" ${FUZZ_FLAGS:-} "$fcorpus" "$fseeds" >"$flog" 2>&1
  rc=$?
  set -e
  grep -E '^(stat::|Done )' "$flog" || true
  if [ "$rc" -ne 0 ]; then
    echo "smoke.sh: fuzzing $what failed (exit $rc):" >&2
    grep -E 'ERROR: |SUMMARY: |invariant broken|runtime error|inside one library call|Test unit written' "$flog" >&2 ||
      tail -n 30 "$flog" >&2
    exit 1
  fi
  echo "smoke.sh: $what: no crash, leak or timeout in ${secs}s"
}

# The script loader, seeded from the build's seeds; log BUILD_DIR/fuzz-smoke.log.
fuzz fuzz_loader "the script loader" "$seconds" "$build/fuzz-smoke.log" "$build/fuzz-corpus" \
  "$build/tests/fuzz/seeds" -dict="$src/tests/fuzz/pacer.dict"
# The kiosk configuration loader, a third of the time again, seeded from tests/fuzz/kiosk_corpus.
fuzz fuzz_kiosk_config "the kiosk configuration" $(((seconds + 2) / 3)) "$build/fuzz-smoke-kiosk.log" \
  "$build/fuzz-corpus-kiosk" "$src/tests/fuzz/kiosk_corpus" -dict="$src/tests/fuzz/pacer.dict"
# The recording checker and decoders, for the same time, from the seeds in tests/fuzz/recordings.
fuzz fuzz_recording "recordings" "$seconds" "$build/fuzz-smoke-recording.log" "$build/fuzz-corpus-recording" \
  "$src/tests/fuzz/recordings"
