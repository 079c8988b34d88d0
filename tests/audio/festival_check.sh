#!/usr/bin/env bash
# festival_check.sh PACER - a session that names festival:slt, through the real pacer binary:
# where Festival is not installed (a PATH without it) `pacer check` fails with one error line
# naming the voice and the Debian packages; where it is, the session checks clean and renders
# speech. Skipped (77) where Festival is not installed.
set -u
pacer=$1
command -v text2wave >/dev/null && [ -d /usr/share/festival/voices/us/cmu_us_slt_arctic_hts ] ||
  { echo "SKIP: festival or festvox-us-slt-hts is not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-festival.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
export SDL_AUDIODRIVER=dummy SDL_VIDEODRIVER=dummy LC_ALL=C
unset PACER_NO_SPEECH
mkdir -p "$work/empty"
cat >"$work/s.lua" <<'LUA'
return session {
  title = "Festival",
  voice = "festival:slt",
  say [[Say "(exit)" \ and rest.]],
}
LUA
fail() { echo "FAIL: $*" >&2; exit 1; }

PATH="$work/empty" "$pacer" check "$work/s.lua" >"$work/out" 2>"$work/err"
rc=$?
[ "$rc" = 1 ] || fail "without Festival: exit $rc, not 1: $(cat "$work/err")"
[ "$(wc -l <"$work/err")" = 1 ] || fail "without Festival: not one line: $(cat "$work/err")"
grep -q "s.lua: error: voice 'festival:slt' .*Debian: festival festvox-us-slt-hts" "$work/err" ||
  fail "without Festival: $(cat "$work/err")"

"$pacer" check "$work/s.lua" >"$work/out" 2>"$work/err" || fail "with Festival: $(cat "$work/out" "$work/err")"
grep -q "0 warnings" "$work/out" || fail "with Festival: $(cat "$work/out" "$work/err")"
"$pacer" render "$work/s.lua" -o "$work/s.wav" 2>"$work/err" || fail "render: $(cat "$work/err")"
[ -s "$work/s.wav" ] || fail "render wrote nothing"
# speech, not silence: more than a second of it above -30 dBFS (sox when there is one)
if command -v sox >/dev/null; then
  peak=$(sox "$work/s.wav" -n stat 2>&1 | awk '/Maximum amplitude/ {print $3}')
  awk -v p="$peak" 'BEGIN { exit !(p > 0.5) }' || fail "render's peak is $peak"
fi
echo "ok"
