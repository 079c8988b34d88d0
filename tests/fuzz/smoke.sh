#!/usr/bin/env bash
# Builds the fuzz target with clang into BUILD_DIR and fuzzes the script loader for SECONDS.
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
cmake --build "$build" -j"$(nproc)" --target fuzz_loader

fuzzer="$build/tests/fuzz/fuzz_loader"
seeds="$build/tests/fuzz/seeds"
corpus="$build/fuzz-corpus"      # grows across runs; the seeds stay as they are
artifacts="$build/fuzz-artifacts/"
log="$build/fuzz-smoke.log"
mkdir -p "$corpus" "$artifacts"

echo "smoke.sh: fuzzing for ${seconds}s (log: $log)"
set +e
"$fuzzer" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=1024 -print_final_stats=1 \
  -dict="$src/tests/fuzz/pacer.dict" -artifact_prefix="$artifacts" ${FUZZ_FLAGS:-} \
  "$corpus" "$seeds" >"$log" 2>&1
rc=$?
set -e

grep -E '^(stat::|Done )' "$log" || true
if [ "$rc" -ne 0 ]; then
  echo "smoke.sh: the fuzzer failed (exit $rc):" >&2
  grep -E 'ERROR: |SUMMARY: |invariant broken|runtime error|inside one library call|Test unit written' "$log" >&2 || tail -n 30 "$log" >&2
  exit 1
fi
echo "smoke.sh: no crash, leak or timeout in ${seconds}s"

# The kiosk configuration loader, a third of the time again, seeded from tests/fuzz/kiosk_corpus.
kseconds=$(( (seconds + 2) / 3 ))
cmake --build "$build" -j"$(nproc)" --target fuzz_kiosk_config
kcorpus="$build/fuzz-corpus-kiosk"
klog="$build/fuzz-smoke-kiosk.log"
mkdir -p "$kcorpus"
echo "smoke.sh: fuzzing the kiosk configuration for ${kseconds}s (log: $klog)"
set +e
"$build/tests/fuzz/fuzz_kiosk_config" -max_total_time="$kseconds" -timeout=5 -rss_limit_mb=1024 \
  -print_final_stats=1 -dict="$src/tests/fuzz/pacer.dict" -artifact_prefix="$artifacts" ${FUZZ_FLAGS:-} \
  "$kcorpus" "$src/tests/fuzz/kiosk_corpus" >"$klog" 2>&1
rc=$?
set -e
grep -E '^(stat::|Done )' "$klog" || true
if [ "$rc" -ne 0 ]; then
  echo "smoke.sh: the kiosk configuration fuzzer failed (exit $rc):" >&2
  grep -E 'ERROR: |SUMMARY: |invariant broken|runtime error|Test unit written' "$klog" >&2 || tail -n 30 "$klog" >&2
  exit 1
fi
echo "smoke.sh: kiosk configuration: no crash, leak or timeout in ${kseconds}s"

# The recording checker and decoders (fuzz_recording), for the same time, from the seeds in
# tests/fuzz/recordings; its log is BUILD_DIR/fuzz-smoke-recording.log.
cmake --build "$build" -j"$(nproc)" --target fuzz_recording
rcorpus="$build/fuzz-corpus-recording"
rlog="$build/fuzz-smoke-recording.log"
mkdir -p "$rcorpus"
echo "smoke.sh: fuzzing recordings for ${seconds}s (log: $rlog)"
set +e
"$build/tests/fuzz/fuzz_recording" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=1024 -print_final_stats=1 \
  -artifact_prefix="$artifacts" ${FUZZ_FLAGS:-} "$rcorpus" "$src/tests/fuzz/recordings" >"$rlog" 2>&1
rc=$?
set -e
grep -E '^(stat::|Done )' "$rlog" || true
if [ "$rc" -ne 0 ]; then
  echo "smoke.sh: the recording fuzzer failed (exit $rc):" >&2
  grep -E 'ERROR: |SUMMARY: |invariant broken|runtime error|Test unit written' "$rlog" >&2 || tail -n 30 "$rlog" >&2
  exit 1
fi
echo "smoke.sh: no crash, leak or timeout in the recordings in ${seconds}s"
