#!/bin/sh
# run_bad.sh - runs one case of the script corpus through the real pacer binary.
#
#   run_bad.sh PACER bad/NAME            bad/NAME.lua must fail: exit status 1, stderr exactly
#                                        bad/NAME.expect, nothing on stdout; the same again
#                                        through 'pacer timeline'
#   run_bad.sh PACER good/NAME           good/NAME.lua must pass: 'check' and 'timeline' exit 0
#                                        with nothing on stderr, and every line of good/NAME.expect
#                                        appears verbatim in their output
#   run_bad.sh PACER gen/NAME OUTDIR     writes a script too big to commit as OUTDIR/bad/NAME.lua
#                                        (or OUTDIR/good/NAME.lua), then checks it from OUTDIR
#                                        against generated/NAME.expect
#
# Run it from tests/scripts. Every run is under 'timeout 300', a guard against a hang only: the
# sandbox's own limits count the script's processor time, so a script that loops without end
# is stopped after 2 s of its own work however busy the machine is, and such a run may take
# far longer than 2 s on the clock. A case fails on a time-out, on a crash (status 128 and up),
# on any sanitizer report, and on a raw ESC byte (0x1b) in stdout or stderr: text from a
# script must never reach the terminal unescaped.
set -u

if [ $# -lt 2 ]; then
    echo "usage: $0 PACER bad/NAME | good/NAME | gen/NAME OUTDIR" >&2
    exit 2
fi
pacer=$1
case_id=$2
case $pacer in
/*) ;;
*/*) pacer=$(pwd)/$pacer ;;
esac
kind=${case_id%%/*}
name=${case_id#*/}

# Messages from the C library (strerror) in one language, whatever the caller's locale.
LC_ALL=C
export LC_ALL
# In a sanitizer build, leaks are reported too (unless the caller chose its own options).
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
export ASAN_OPTIONS UBSAN_OPTIONS

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pacer-corpus.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# A private cache and data folder: the cases never read or leave a user's files.
XDG_CACHE_HOME=$tmp/cache
XDG_DATA_HOME=$tmp/data
export XDG_CACHE_HOME XDG_DATA_HOME

esc=$(printf '\033')
failures=0

# show: copies stdin to stderr with ESC bytes made visible, so a failure report cannot drive
# the terminal either.
show() {
    LC_ALL=C sed "s/$esc/\\\\x1B/g" >&2
}

fail() {
    echo "FAIL $case_id: $*" >&2
    failures=$((failures + 1))
}

# run LABEL ARGS...: runs pacer with ARGS; leaves $tmp/LABEL.out, $tmp/LABEL.err and $rc.
run() {
    label=$1
    shift
    timeout 300 "$pacer" "$@" >"$tmp/$label.out" 2>"$tmp/$label.err"
    rc=$?
    if [ "$rc" -eq 124 ]; then
        fail "pacer $* did not finish within 300 s"
    elif [ "$rc" -ge 128 ]; then
        fail "pacer $* crashed (exit status $rc, signal $((rc - 128)))"
    fi
    if grep -E -q 'Sanitizer|runtime error:|==[0-9]+==(ERROR|WARNING)' "$tmp/$label.err"; then
        fail "pacer $* produced a sanitizer report:"
        show <"$tmp/$label.err"
    fi
    for stream in out err; do
        if LC_ALL=C grep -q "$esc" "$tmp/$label.$stream"; then
            fail "pacer $* wrote a raw ESC byte to std$stream"
        fi
    done
}

# expect_bad LABEL EXPECT_FILE ARGS...: the run must fail with exactly the expected stderr.
expect_bad() {
    label=$1
    expect=$2
    shift 2
    run "$label" "$@"
    if [ "$rc" -ne 1 ]; then
        fail "pacer $* exited with status $rc; expected 1 (errors in the session)"
    fi
    if [ -s "$tmp/$label.out" ]; then
        fail "pacer $* wrote to stdout:"
        show <"$tmp/$label.out"
    fi
    if ! cmp -s "$expect" "$tmp/$label.err"; then
        fail "pacer $*: stderr differs from $expect:"
        diff -u "$expect" "$tmp/$label.err" | sed -n '3,$p' | show
    fi
}

# expect_lines EXPECT_FILE OUTPUT_FILE: every line of EXPECT_FILE must appear verbatim (as a
# fixed string) in some line of OUTPUT_FILE.
expect_lines() {
    while IFS= read -r line || [ -n "$line" ]; do
        [ -n "$line" ] || continue
        if ! grep -F -q -e "$line" "$2"; then
            fail "no output line contains: $line"
        fi
    done <"$1"
}

case $kind in
bad)
    script=bad/$name.lua
    expect=bad/$name.expect
    [ -f "$script" ] || { echo "$0: no such case: $script" >&2; exit 2; }
    [ -f "$expect" ] || { echo "$0: $script has no expectation file $expect" >&2; exit 2; }
    expect_bad check "$expect" check "$script"
    # After a time-out, a second run would only time out again.
    [ "$rc" -eq 124 ] || expect_bad timeline "$expect" timeline "$script"
    ;;
gen)
    [ $# -ge 3 ] || { echo "$0: gen/NAME needs the output folder" >&2; exit 2; }
    expect=$(pwd)/generated/$name.expect
    [ -f "$expect" ] || { echo "$0: no expectation file $expect" >&2; exit 2; }
    outdir=$3
    # A valid session padded with comment lines to an exact size. want: the exit status
    # expected; 1 is a bad case (stderr must equal the expectation), 0 a good one (stderr stays
    # empty, every line of the expectation appears in the output of check).
    case $name in
    huge_10mb) size=10485760 want=1 ;;     # 10 MB
    over_4mb_by_1) size=4194305 want=1 ;;  # the 4 MB limit, plus one byte
    at_4mb_limit) size=4194304 want=0 ;;   # exactly the limit: accepted
    *) echo "$0: no generator for $name" >&2; exit 2 ;;
    esac
    if [ "$want" -eq 0 ]; then dir=good; else dir=bad; fi
    mkdir -p "$outdir/$dir" || exit 2
    script=$dir/$name.lua
    {
        printf 'return session { title = "Big", say "Hello" }\n'
        yes -- '-- padding padding padding padding padding padding padding padding padding padding'
    } 2>/dev/null | head -c "$size" >"$outdir/$script"
    actual=$(wc -c <"$outdir/$script")
    if [ "$actual" -ne "$size" ]; then
        echo "$0: could not write $outdir/$script ($actual of $size bytes)" >&2
        exit 2
    fi
    cd "$outdir" || exit 2
    if [ "$want" -eq 1 ]; then
        expect_bad check "$expect" check "$script"
        [ "$rc" -eq 124 ] || expect_bad timeline "$expect" timeline "$script"
    else
        run check check "$script"
        if [ "$rc" -ne 0 ]; then
            fail "pacer check $script exited with status $rc; expected 0"
        fi
        if [ -s "$tmp/check.err" ]; then
            fail "pacer check $script wrote to stderr:"
            show <"$tmp/check.err"
        fi
        expect_lines "$expect" "$tmp/check.out"
    fi
    rm -f "$script"
    ;;
good)
    script=good/$name.lua
    expect=good/$name.expect
    [ -f "$script" ] || { echo "$0: no such case: $script" >&2; exit 2; }
    [ -f "$expect" ] || { echo "$0: $script has no expectation file $expect" >&2; exit 2; }
    : >"$tmp/all.out"
    for mode in check timeline json; do
        case $mode in
        check) run "$mode" check "$script" ;;
        timeline) run "$mode" timeline "$script" ;;
        json) run "$mode" timeline --json "$script" ;;
        esac
        if [ "$rc" -ne 0 ]; then
            fail "pacer $mode $script exited with status $rc; expected 0"
        fi
        if [ -s "$tmp/$mode.err" ]; then
            fail "pacer $mode $script wrote to stderr:"
            show <"$tmp/$mode.err"
        fi
        cat "$tmp/$mode.out" >>"$tmp/all.out"
    done
    expect_lines "$expect" "$tmp/all.out"
    if [ "$failures" -ne 0 ]; then
        echo "--- output of check, timeline and timeline --json:" >&2
        show <"$tmp/all.out"
    fi
    ;;
*)
    echo "$0: unknown case kind '$kind' (bad, good or gen)" >&2
    exit 2
    ;;
esac

if [ "$failures" -ne 0 ]; then
    exit 1
fi
echo "ok $case_id"
exit 0
