#!/usr/bin/env bash
# speech_level_test.sh SPEECH_LEVEL - the P.56 active level that the intelligibility benchmark
# brings every voice to (bench/speech_level.c), on signals whose level is known: a steady sine
# of amplitude 0.5 has an RMS of 0.3536, -9.03 dBov; silence around it must not change its
# active level (only its activity factor); 20 dB less amplitude reads 20 dB lower; silence
# alone is "silent". Skipped (77) without sox.
set -u
level=$1
command -v sox >/dev/null || { echo "SKIP: sox is not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-level.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# measure SOX_ARGS...: "LEVEL ACTIVITY" of a 16 kHz signal made by sox
measure() { sox -R -n -r 16000 -b 16 -c 1 -t raw -e signed - "$@" | "$level" 16000; }
# near A B TOLERANCE
near() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; exit !(d <= t && d >= -t) }'; }

read -r steady act_steady <<<"$(measure synth 10 sine 440 vol 0.5)"
near "$steady" -9.03 0.1 || fail "a 10 s sine of amplitude 0.5 reads $steady dBov, not -9.03"
near "$act_steady" 1 0.01 || fail "a steady sine is active for $act_steady of its samples, not all"
read -r padded act_padded <<<"$(measure synth 10 sine 440 vol 0.5 pad 5 5)"
near "$padded" -9.03 0.2 || fail "with 10 s of silence around it the sine reads $padded dBov, not -9.03"
near "$act_padded" 0.51 0.02 || fail "the padded sine's activity is $act_padded, not about half"
read -r quiet _ <<<"$(measure synth 10 sine 440 vol 0.05)"
near "$quiet" -29.03 0.1 || fail "a sine of amplitude 0.05 reads $quiet dBov, not -29.03"
out=$(measure trim 0 2)
[ "$out" = silent ] || fail "two seconds of silence read '$out', not 'silent'"
"$level" </dev/null >/dev/null 2>&1 && fail "no rate given, and it did not fail"
echo "sine $steady dBov (activity $act_steady), padded $padded ($act_padded), 20 dB lower $quiet, silence: $out"
