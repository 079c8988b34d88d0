# ctest-counts.sh - sourced by scripts/test.sh (and its test, tests/support/ctest_counts.sh).
#
# ctest_counts LOG: prints "PASSED FAILED SKIPPED" read off ctest's one line per test in LOG. A
# test that exits with its SKIP_RETURN_CODE or matches its SKIP_REGULAR_EXPRESSION
# ("***Skipped") or is disabled ("***Not Run (Disabled)") is skipped; any other result but
# "Passed" (Failed, Timeout, Exception, a missing program's "Not Run") is a failure. ctest's
# own "N% tests passed" line counts skipped tests as passed, so it is not used.
ctest_counts() {
  awk '/^ *[0-9]+\/[0-9]+ +Test +#[0-9]+: / {
         if ($0 ~ /\*\*\*Skipped|\*\*\*Not Run \(Disabled\)/) s++
         else if ($0 ~ / Passed +[0-9.]+ sec/) p++
         else f++
       }
       END { printf "%d %d %d\n", p, f, s }' "$1"
}
