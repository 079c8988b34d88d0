#!/usr/bin/env bash
# bundle_test.sh PACER ZIPGEN CASE - session bundles through the real binary. One ctest per
# CASE:
#
#   copied   a shipped session copied to another folder checks and lists (its include of
#            lib/common.lua is found among the shipped sessions)
#   pack     a session with an include and a recording packs into a zip holding the script,
#            the included file, the recording and the manifest; packing again gives the same
#            bytes; a session with a question: the manifest's length is the way nobody
#            answering plays, its frames count both branches, and it imports; a session with
#            errors packs nothing
#   import   the bundle installs into $XDG_DATA_HOME/pacer/sessions and `pacer list` shows it;
#            importing it again is fine; a file there with other content refuses the import
#            and nothing is written; a shipped session packed alone imports and plays
#   play     `pacer play --audio-only --no-audio NAME.pacer` plays it to its end and leaves no
#            private folder behind; a bad bundle does not play
#   bad      each bad bundle is refused with its reason and nothing is written (no sessions
#            folder, no private folder left): '..', an absolute path, a symlink,
#            a declared size over the limit (forged, and real), files that
#            unpack past the total limit (a zip bomb), a
#            truncated archive, random bytes, no manifest, a script that fails the check, a
#            file changed after packing, a file the manifest does not list, a listed file
#            missing, a manifest whose title lies
set -u
pacer=$1 zipgen=$2 case=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config"
export XDG_CACHE_HOME="${XDG_CACHE_HOME:-$work/cache}" PACER_NO_SPEECH=1
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"
sessions="$XDG_DATA_HOME/pacer/sessions"

fail() { echo "[$case] FAIL: $*"; exit 1; }
need_sox() { command -v sox >/dev/null || { echo "[$case] skipped: no sox"; exit 77; }; }

# A session in src/ with an include and a recording.
make_session() {
  need_sox
  mkdir -p src/lib src/clips
  printf 'return { welcome = "Welcome to the bundle test." }\n' > src/lib/words.lua
  sox -n -r 48000 -c 1 -b 16 src/clips/bell.wav synth 0.5 sine 660 vol 0.5 2>/dev/null || fail "sox failed"
  cat > src/shared.lua <<'LUA'
local W = include "lib/words.lua"
return session {
  title = "Shared session",
  say(W.welcome),
  say { "A bell.", file = "clips/bell.wav" },
  bell(),
}
LUA
}

# expect_refused BUNDLE WORDS: import and play refuse it, saying WORDS; nothing is written.
expect_refused() {
  local b=$1 words=$2 out
  out=$("$pacer" import "$b" 2>&1) && fail "$b: imported: $out"
  grep -qF -- "$words" <<<"$out" || fail "$b: the refusal does not say '$words': $out"
  [ "$(wc -l <<<"$out")" -le 3 ] || fail "$b: more than a few lines: $out"
  out=$("$pacer" play --audio-only --no-audio "$b" 2>&1 </dev/null) && fail "$b: played"
  grep -qF -- "$words" <<<"$out" || fail "$b: play's refusal does not say '$words': $out"
  [ ! -e "$sessions" ] || fail "$b: something was written: $(find "$sessions")"
  [ -z "$(ls -A "$TMPDIR")" ] || fail "$b: a private folder was left: $(ls -A "$TMPDIR")"
  echo "[$case] refused $b: $(head -1 <<<"$out")"
}

case $case in
copied)
  mkdir elsewhere
  cp "$root/sessions/daily_routine.lua" elsewhere/
  "$pacer" check elsewhere/daily_routine.lua || fail "a copied shipped session does not check"
  "$pacer" list elsewhere | grep -q "Daily routine" || fail "a copied shipped session does not list"
  ;;
pack)
  make_session
  out=$("$pacer" pack src/shared.lua -o shared.pacer) || fail "pack failed: $out"
  grep -q '"Shared session"' <<<"$out" || fail "pack does not name the session: $out"
  names=$("$zipgen" cat shared.pacer pacer-bundle.txt | sed -n 's/^file: [0-9a-f]* [0-9]* //p' | sort | tr '\n' ' ')
  [ "$names" = "clips/bell.wav lib/words.lua shared.lua " ] || fail "the manifest lists: $names"
  "$zipgen" cat shared.pacer clips/bell.wav | cmp - src/clips/bell.wav || fail "the recording is not the same bytes"
  "$zipgen" cat shared.pacer pacer-bundle.txt | grep -qx 'title: Shared session' || fail "no title in the manifest"
  "$zipgen" cat shared.pacer pacer-bundle.txt | grep -qx 'api: 1' || fail "no api in the manifest"
  "$zipgen" cat shared.pacer pacer-bundle.txt | grep -q '^hash: [0-9a-f]\{64\}$' || fail "no hash in the manifest"
  "$pacer" pack src/shared.lua -o again.pacer >/dev/null || fail "pack again failed"
  cmp shared.pacer again.pacer || fail "packing twice gives other bytes"
  # a session with a question: the manifest's length is the way it plays when nobody answers
  # (a few seconds), its frames count both branches (over a minute)
  printf '%s\n' 'return session { title = "Asks", ask { "Again?", timeout = 2, default = "no",' \
    '  yes = { wait(60) }, no = { wait(1) } } }' > src/asks.lua
  out=$("$pacer" pack src/asks.lua -o asks.pacer) || fail "pack of a session with a question failed: $out"
  man=$("$zipgen" cat asks.pacer pacer-bundle.txt)
  grep -qx 'length: 00:0[0-9]' <<<"$man" || fail "the manifest's length is not the default way's: $man"
  frames=$(sed -n 's/^frames: //p' <<<"$man")
  [ "${frames:-0}" -gt $((60 * 48000)) ] || fail "the manifest's frames do not count both branches: $man"
  grep -q '"Asks", 00:0[0-9], ' <<<"$out" || fail "pack does not say the default way's length: $out"
  "$pacer" import asks.pacer >/dev/null || fail "a bundle of a session with a question does not import"
  printf 'return session { title = "Broken", say { "x", seconds = "y" } }\n' > src/broken.lua
  "$pacer" pack src/broken.lua -o broken.pacer 2>/dev/null && fail "a session with errors packed"
  [ ! -e broken.pacer ] || fail "a bundle was written for a session with errors"
  ;;
import)
  make_session
  "$pacer" pack src/shared.lua -o shared.pacer >/dev/null || fail "pack failed"
  out=$("$pacer" import shared.pacer) || fail "import failed: $out"
  cmp "$sessions/shared.lua" src/shared.lua && cmp "$sessions/lib/words.lua" src/lib/words.lua &&
    cmp "$sessions/clips/bell.wav" src/clips/bell.wav || fail "the installed files differ"
  "$pacer" list | grep -q "Shared session" || fail "pacer list does not show the imported session"
  "$pacer" import shared.pacer >/dev/null || fail "importing the same bundle again failed"
  echo "-- mine" >> "$sessions/lib/words.lua"
  before=$(cd "$sessions" && find . -type f -exec md5sum {} + | sort)
  out=$("$pacer" import shared.pacer 2>&1) && fail "a conflicting file was overwritten"
  grep -q "already exists with other content" <<<"$out" || fail "the conflict is not said: $out"
  after=$(cd "$sessions" && find . -type f -exec md5sum {} + | sort)
  [ "$before" = "$after" ] || fail "a refused import changed the sessions folder"
  rm -rf "$sessions"
  "$pacer" pack "$root/sessions/diaphragmatic_breathing.lua" -o belly.pacer >/dev/null || fail "a shipped session did not pack"
  "$zipgen" cat belly.pacer lib/common.lua | cmp - "$root/sessions/lib/common.lua" || fail "lib/common.lua is not in the bundle"
  "$pacer" import belly.pacer >/dev/null || fail "the shipped session's bundle did not import"
  "$pacer" check "$sessions/diaphragmatic_breathing.lua" >/dev/null || fail "the imported shipped session does not check"
  ;;
play)
  make_session
  "$pacer" pack src/shared.lua -o shared.pacer >/dev/null || fail "pack failed"
  out=$("$pacer" play --audio-only --no-audio shared.pacer 2>&1 </dev/null) || fail "play failed: $out"
  grep -q "Shared session" <<<"$out" || fail "the session did not play: $out"
  grep -q "A bell" <<<"$out" || fail "the session did not reach its recording: $out"
  [ -z "$(ls -A "$TMPDIR")" ] || fail "a private folder was left: $(ls -A "$TMPDIR")"
  [ ! -e "$sessions" ] || fail "play in place installed something"
  "$zipgen" bad.pacer --from shared.pacer text:shared.lua='return session { title = "Other" }' || fail zipgen
  "$pacer" play --audio-only --no-audio bad.pacer </dev/null >/dev/null 2>&1 && fail "a changed bundle played"
  ;;
bad)
  make_session
  "$pacer" pack src/shared.lua -o good.pacer >/dev/null || fail "pack failed"
  z() { "$zipgen" "$@" || fail "zipgen $*"; }
  z dotdot.pacer --from good.pacer text:../evil.lua=x
  expect_refused dotdot.pacer "'..' in its name"
  z deep.pacer --from good.pacer text:lib/../../evil.lua=x
  expect_refused deep.pacer "'..' in its name"
  z absolute.pacer --from good.pacer text:/tmp/evil.lua=x
  expect_refused absolute.pacer "is an absolute path"
  z symlink.pacer --from good.pacer link:lib/passwd=/etc/passwd
  expect_refused symlink.pacer "is a link"
  z declared.pacer --from good.pacer declare:clips/huge.wav=2000000000
  expect_refused declared.pacer "declares 2000000000 bytes"
  z big.pacer --from good.pacer zeros:clips/zeros.wav=$((70 * 1024 * 1024))
  expect_refused big.pacer "declares 73400320 bytes"
  mb50=$((50 * 1024 * 1024))
  z bomb.pacer --from good.pacer zeros:clips/a.wav=$mb50 zeros:clips/b.wav=$mb50 zeros:clips/c.wav=$mb50
  [ "$(stat -c %s bomb.pacer)" -lt 1000000 ] || fail "the bomb is not small"
  expect_refused bomb.pacer "unpacks to more than 128 MiB"
  head -c $(($(stat -c %s good.pacer) / 2)) good.pacer > truncated.pacer
  expect_refused truncated.pacer "damaged"
  head -c 5000 /dev/urandom > random.pacer
  expect_refused random.pacer "not a session bundle"
  z nomanifest.pacer --from good.pacer drop:pacer-bundle.txt
  expect_refused nomanifest.pacer "has no pacer-bundle.txt"
  z changed.pacer --from good.pacer text:lib/words.lua='return { welcome = "Changed." }'
  expect_refused changed.pacer "the file was changed after it was packed"
  z extra.pacer --from good.pacer text:lib/extra.lua='return 1'
  expect_refused extra.pacer "which its manifest does not list"
  z missing.pacer --from good.pacer drop:clips/bell.wav
  expect_refused missing.pacer "which the bundle does not hold"
  "$zipgen" cat good.pacer pacer-bundle.txt | sed 's/^title: .*/title: A better session/' > lying.txt
  z lying.pacer --from good.pacer file:pacer-bundle.txt=lying.txt
  expect_refused lying.pacer "the manifest does not describe its session"
  # a script that fails the check, with a manifest that tells the truth about its bytes
  mkdir failing && printf 'return session { title = "Failing", say "Hello", bell() }\n' > failing/f.lua
  "$pacer" pack failing/f.lua -o f.pacer >/dev/null || fail "pack failed"
  printf 'return session { title = "Failing", say { "Hello", seconds = -4 } }\n' > failing/f.lua
  "$pacer" check failing/f.lua >/dev/null 2>&1 && fail "the failing script checks"
  size=$(stat -c %s failing/f.lua)
  hash=$(b2sum -l 256 failing/f.lua | cut -d' ' -f1)
  # the content hash: each file (here one) as its name, NUL, its length in 8 bytes little
  # endian, its bytes
  le=$(printf '\\%03o' $((size & 255)) $((size >> 8 & 255)) 0 0 0 0 0 0)
  content=$({ printf 'f.lua\0'; printf "$le"; cat failing/f.lua; } | b2sum -l 256 | cut -d' ' -f1)
  "$zipgen" cat f.pacer pacer-bundle.txt |
    sed -e "s/^file: .* f.lua\$/file: $hash $size f.lua/" -e "s/^hash: .*/hash: $content/" > m.txt
  z fails.pacer --from f.pacer file:f.lua=failing/f.lua file:pacer-bundle.txt=m.txt
  expect_refused fails.pacer "its session fails the check"
  ;;
*) fail "unknown case" ;;
esac
echo "[$case] ok"
