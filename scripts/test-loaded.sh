#!/usr/bin/env bash
# test-loaded.sh [RUNS] [LOG_DIR] - the README's test command (scripts/test.sh), RUNS times in a
# row (default 2), each in a fresh clone of this checkout's HEAD while `stress-ng --cpu N` keeps
# every core busy: no test may depend on how fast the machine is. Each run's log and a one-line
# result per run go to LOG_DIR (default: a new folder under /tmp), outside the clones, so a later
# run never removes an earlier one's. Exits non-zero when any run failed.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-2}
logs=${2:-$(mktemp -d "${TMPDIR:-/tmp}/pacer-loaded.XXXXXX")}
mkdir -p "$logs"
command -v stress-ng >/dev/null || bash scripts/install-deps.sh test >/dev/null
commit=$(git rev-parse --short HEAD)
cores=$(nproc 2>/dev/null || echo 2)
failed=0
for i in $(seq 1 "$runs"); do
  clone=$(mktemp -d "${TMPDIR:-/tmp}/pacer-loaded-clone.XXXXXX")
  # as a checkout usually is: open to others (as root, some tests run pacer as nobody)
  chmod 755 "$clone"
  git clone -q . "$clone"
  stress-ng --cpu "$cores" --timeout 0 >/dev/null 2>&1 &
  stress=$!
  start=$SECONDS rc=0
  bash "$clone/scripts/test.sh" >"$logs/run$i.log" 2>&1 || rc=$?
  kill "$stress" 2>/dev/null || true
  wait "$stress" 2>/dev/null || true
  line="run $i of $runs, commit $commit, stress-ng --cpu $cores: exit $rc in $((SECONDS - start)) s: $(tail -n 1 "$logs/run$i.log")"
  echo "$line" | tee -a "$logs/result.txt"
  [ "$rc" -eq 0 ] || failed=1
  rm -rf "$clone"
done
echo "logs in $logs"
exit "$failed"
