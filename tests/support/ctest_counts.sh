#!/usr/bin/env bash
# ctest_counts.sh CMAKE CTEST SOURCE_DIR - scripts/test.sh's counting of a ctest run, checked
# on a real one: a small project whose tests pass, fail, time out, crash, miss their program,
# skip by exit code 77 and by output, and are disabled. The counts must be 1 passed, 4 failed,
# 3 skipped: a skipped test is never counted as passed.
set -u
cmake=${1:?usage: ctest_counts.sh CMAKE CTEST SOURCE_DIR}
ctest=${2:?usage: ctest_counts.sh CMAKE CTEST SOURCE_DIR}
src=${3:?usage: ctest_counts.sh CMAKE CTEST SOURCE_DIR}

work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-ctest-counts.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/src"
cat >"$work/src/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(counts NONE)
enable_testing()
add_test(NAME passes COMMAND true)
add_test(NAME fails COMMAND false)
add_test(NAME skips_77 COMMAND sh -c "exit 77")
set_tests_properties(skips_77 PROPERTIES SKIP_RETURN_CODE 77)
add_test(NAME skips_by_output COMMAND sh -c "echo 'SKIP: no tool'")
set_tests_properties(skips_by_output PROPERTIES SKIP_REGULAR_EXPRESSION "SKIP: ")
add_test(NAME disabled COMMAND true)
set_tests_properties(disabled PROPERTIES DISABLED TRUE)
add_test(NAME no_program COMMAND /nonexistent/pacer-test-program)
add_test(NAME crashes COMMAND sh -c "kill -SEGV $$")
# never finishes: the timeout ends it, however fast or slow the machine is
add_test(NAME hangs COMMAND sleep 600)
set_tests_properties(hangs PROPERTIES TIMEOUT 1)
CMAKE
"$cmake" -S "$work/src" -B "$work/build" >"$work/configure.log" 2>&1 || {
  cat "$work/configure.log"
  echo "FAIL: the small project does not configure"
  exit 1
}
"$ctest" --test-dir "$work/build" -j2 >"$work/ctest.log" 2>&1
source "$src/scripts/ctest-counts.sh"
got=$(ctest_counts "$work/ctest.log")
if [ "$got" != "1 4 3" ]; then
  cat "$work/ctest.log"
  echo "FAIL: counted '$got' (passed failed skipped); expected '1 4 3'"
  exit 1
fi
echo "ok: 1 passed, 4 failed, 3 skipped"
