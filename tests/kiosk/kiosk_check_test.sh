#!/usr/bin/env bash
# kiosk_check_test.sh PACER - `pacer kiosk --check` refuses what would leave staff locked out
# or the kiosk unable to read its files, and the kiosk says the same at start (no display
# needed: the configuration is read and its problems printed before the window opens).
#
#   PIN hashes: extreme Argon2 costs (m=4194304,t=4294967295), a plain PIN ("1234"), another
#   algorithm (argon2i, bcrypt), bad base64, a huge p=, a missing t=: --check exits 1 with
#   FILE:LINE and the reason; the kiosk starts with no PIN in force and says why on stderr.
#   A hash made by --hash-pin checks clean.
#   Paths: a mode-000 sessions folder, a sessions "folder" that is a file, a folder behind a
#   mode-000 parent, a mode-000 configuration: --check exits 1 and says why (also as root,
#   whom permissions do not stop but the kiosk's own user would be).
set -u
pacer=${1:?usage: kiosk_check_test.sh PACER}
work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-kcheck-XXXXXX") || exit 1
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy PACER_NO_SPEECH=1
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
export PACER_SESSIONS="$work/default_sessions"
mkdir -p "$PACER_SESSIONS" "$work/s"
printf 'return session { title = "A", wait { 60 } }\n' >"$work/s/a.lua"
cp "$work/s/a.lua" "$PACER_SESSIONS/"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

good=$(echo 2468 | "$pacer" kiosk --hash-pin) || { echo "FAIL: --hash-pin"; exit 1; }
salt=${good#*p=1\$}
salt=${salt%%\$*}
tag=${good##*\$}

# pin_config FILE HASH: the hash on line 3
pin_config() { printf 'return kiosk {\n  sessions = "s",\n  pin_hash = "%s",\n}\n' "$2" >"$1"; }

# refused NAME REGEX: --check exits 1 and prints REGEX (the folder part of paths removed)
refused() {
  local out st
  out=$("$pacer" kiosk --check "$work/$1.lua" 2>&1)
  st=$?
  out=${out//"$work/"/}
  [ "$st" -eq 1 ] || fail "--check $1.lua exited $st, not 1: $out"
  printf '%s\n' "$out" | grep -Eq "$2" || fail "--check $1.lua printed '$out', not /$2/"
  echo "ok: --check $1.lua: status $st: $out"
}

# the PIN hashes: name|hash|what --check must say
while IFS='|' read -r name hash re; do
  pin_config "$work/$name.lua" "$hash"
  refused "$name" "^$name\\.lua:3: $re.*no staff PIN is in force"
  # at start: the same reason on stderr, and no PIN in force (then no display here: status 3)
  "$pacer" kiosk --config "$work/$name.lua" >"$work/start.log" 2>&1
  st=$?
  grep -Eq "^pacer kiosk: .*$name\\.lua:3: $re" "$work/start.log" ||
    fail "the kiosk started with $name.lua did not say why: $(head -n 2 "$work/start.log")"
  grep -q "safe defaults" "$work/start.log" && fail "with $name.lua the whole configuration was dropped, not only the PIN"
  [ "$st" -eq 3 ] || fail "the kiosk with $name.lua and no display exited $st, not 3"
done <<EOF
extreme|\$argon2id\$v=19\$m=4194304,t=4294967295,p=1\$$salt\$$tag|pin_hash asks for m=4194304 KiB
passes|\$argon2id\$v=19\$m=65536,t=4294967295,p=1\$$salt\$$tag|pin_hash asks for t=4294967295 passes
plain|1234|pin_hash is a plain number, not a hash
argon2i|\$argon2i\$v=19\$m=65536,t=2,p=1\$$salt\$$tag|pin_hash is argon2i, not Argon2id
bcrypt|\$2y\$10\$abcdefghijklmnopqrstuuYQ6gGQ8JaQkzQ1s0o4yO3KxgGJ7v1DC|pin_hash is not an Argon2id hash
base64|\$argon2id\$v=19\$m=65536,t=2,p=1\$$salt\$${tag%?}*|pin_hash's hash is not 32 bytes of base64
lanes|\$argon2id\$v=19\$m=65536,t=2,p=4294967295\$$salt\$$tag|pin_hash asks for p=4294967295 lanes
fields|\$argon2id\$v=19\$m=65536,p=1\$$salt\$$tag|pin_hash has no 't='
EOF

pin_config "$work/good.lua" "$good"
out=$("$pacer" kiosk --check "$work/good.lua" 2>&1)
st=$?
[ "$st" -eq 0 ] && [ "$out" = "$work/good.lua: ok" ] || fail "a hash made by --hash-pin: status $st, '$out'"
echo "ok: a hash made by --hash-pin checks clean"

# unreadable paths
mkdir -p "$work/closed" "$work/up/s"
chmod 000 "$work/closed"
printf 'return kiosk { sessions = "closed" }\n' >"$work/closed_folder.lua"
refused closed_folder "^closed_folder\\.lua: the sessions folder .*closed' cannot be read \\(mode 000\\)"
printf 'return kiosk { sessions = "s/a.lua" }\n' >"$work/file_folder.lua"
refused file_folder "^file_folder\\.lua: the sessions folder .*a\\.lua' is not a folder"
chmod 000 "$work/up"
printf 'return kiosk { sessions = "up/s" }\n' >"$work/closed_parent.lua"
refused closed_parent "^closed_parent\\.lua: the sessions folder .*up/s' cannot be reached: nobody may enter the folder '.*up' above it"
chmod 755 "$work/up"
printf 'return kiosk { sessions = "s" }\n' >"$work/closed_config.lua"
chmod 000 "$work/closed_config.lua"
refused closed_config "closed_config\\.lua: .*cannot be read"
chmod 644 "$work/closed_config.lua"

[ "$failures" -eq 0 ] || exit 1
echo PASS
