# common.sh - sourced by the audio benchmarks: the build, the pacer binary, a 30-minute
# session and a description of the machine. Set BUILD to use another build folder.
set -euo pipefail

src="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${BUILD:-$src/build-bench}"
pacer="$build/pacer"

# Builds pacer and the benchmarks in Release once (bench/run.sh uses the same folder).
ensure_build() {
  if [ ! -x "$pacer" ] || [ ! -x "$build/bench/bench_audio" ] || [ ! -x "$build/bench/speech_level" ] || [ "${REBUILD:-0}" = 1 ]; then
    cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPACER_TESTS=OFF >/dev/null
    cmake --build "$build" -j"$(nproc)" --target benchmarks >/dev/null
  fi
}

# A scratch folder removed on exit, with its own speech cache unless one is given.
scratch="$(mktemp -d "${TMPDIR:-/tmp}/pacer-bench-audio.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
export XDG_CACHE_HOME="${BENCH_CACHE:-$scratch/cache}" XDG_DATA_HOME="$scratch/data"

# The 30-minute benchmark session, as bench_audio writes it.
write_bench_session() { "$build/bench/bench_audio" --write-session "$1"; }

machine() {
  local cc
  cc="$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null)"
  echo "machine:  $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)," \
    "$(free -h 2>/dev/null | awk '/^Mem:/ {print $2}') memory, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "build:    $(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null)," \
    "$("${cc:-cc}" --version | head -n 1)"
  echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?')"
}

# Elapsed wall seconds of a command (its output discarded).
wall() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}

# The sessions shipped with pacer in one language: sessions_in CODE (en, es).
sessions_in() {
  local s
  for s in "$src"/sessions/*.lua; do
    case "$("$pacer" timeline --json "$s" 2>/dev/null | sed -n 1p)" in
    *"\"language\":\"$1\""*) echo "$s" ;;
    esac
  done
}

# The English sessions shipped with pacer (language "en", the default).
english_sessions() { sessions_in en; }
