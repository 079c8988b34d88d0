#!/usr/bin/env bash
# kiosk_unit_test.sh PACER UNIT LAUNCHER - the shipped systemd unit and launcher:
#
#   - `systemd-analyze verify` finds nothing wrong with the unit (its ExecStart pointed at the
#     launcher in the source tree, which is not installed here);
#   - `systemd-analyze security --offline=yes` rates it at most 2.0 (measured: 1.4 "OK"; the
#     unit before hardening rated 9.2 "UNSAFE");
#   - the unit keeps what the kiosk needs: the speech cache and data in CacheDirectory= and
#     StateDirectory= (a system user's home is /nonexistent), cage's TTY and logind session,
#     and RestartPreventExitStatus= equal to the status `pacer --help` gives "Exit kiosk";
#   - the launcher runs `cage -d -- pacer kiosk --config FILE` with SDL on Wayland, its runtime
#     folder the unit's own ($RUNTIME_DIRECTORY) when systemd made one (checked with a stand-in
#     cage that prints what it was given).
#
# Exits 77 (skipped) when systemd-analyze is missing or too old for --offline.
set -u
pacer=${1:?usage: kiosk_unit_test.sh PACER UNIT LAUNCHER}
unit=${2:?usage: kiosk_unit_test.sh PACER UNIT LAUNCHER}
launcher=${3:?usage: kiosk_unit_test.sh PACER UNIT LAUNCHER}
MAX_EXPOSURE=2.0

command -v systemd-analyze >/dev/null || { echo "SKIP: systemd-analyze is not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-unit-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

sed "s|^ExecStart=.*|ExecStart=$launcher|" "$unit" >"$work/pacer-kiosk.service"
out=$(systemd-analyze verify "$work/pacer-kiosk.service" 2>&1)
st=$?
[ "$st" -eq 0 ] && [ -z "$out" ] || fail "systemd-analyze verify: status $st: $out"
echo "ok: systemd-analyze verify: nothing to say"

out=$(systemd-analyze security --offline=yes "$work/pacer-kiosk.service" 2>&1)
if printf '%s\n' "$out" | grep -q "unrecognized option\|Unknown option"; then
  echo "SKIP: this systemd-analyze has no --offline"
  exit 77
fi
score=$(printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
[ -n "$score" ] || fail "systemd-analyze security gave no score: $(printf '%s\n' "$out" | tail -n 3)"
if [ -n "$score" ]; then
  awk -v s="$score" -v m="$MAX_EXPOSURE" 'BEGIN { exit !(s <= m) }' ||
    fail "systemd-analyze security rates the unit $score, above $MAX_EXPOSURE"
  echo "ok: systemd-analyze security: $score (at most $MAX_EXPOSURE)"
fi

# what the kiosk needs, as systemd reads the unit (the last value of each setting counts)
setting() {
  if [ "$1" = Environment ]; then # every Environment= line adds to the others
    sed -n "s/^$1=//p" "$unit" | tr '\n' ' '
  else
    sed -n "s/^$1=//p" "$unit" | tail -n 1
  fi
}
expect() { # expect KEY REGEX WHY
  local v
  v=$(setting "$1")
  printf '%s\n' "$v" | grep -Eq "$2" || fail "$1=$v: $3"
}
expect CacheDirectory '^pacer-kiosk$' "the speech cache must survive restarts"
expect StateDirectory '^pacer-kiosk$' "the kiosk's data must survive restarts"
expect Environment 'XDG_CACHE_HOME=%C/pacer-kiosk( |$)' "the speech cache must go to CacheDirectory="
expect Environment 'XDG_DATA_HOME=%S/pacer-kiosk( |$)' "data must go to StateDirectory="
expect ProtectSystem '^strict$' "the file system is read-only to the kiosk"
expect ProtectHome '^yes$' "homes are hidden"
expect NoNewPrivileges '^yes$' "no set-uid escalation"
expect PrivateTmp '^yes$' "a private /tmp"
expect UMask '^0077$' "files only for the kiosk's user"
expect PAMName '^login$' "cage needs a logind session"
expect TTYPath '^/dev/tty1$' "cage runs on the first virtual terminal"
expect StandardInput '^tty' "cage takes the terminal"
expect Restart '^always$' "a kiosk comes back whatever happens"
code=$(COLUMNS=200 "$pacer" --help | sed -n 's/^ *\([0-9][0-9]*\) .*Exit kiosk.*/\1/p')
[ -n "$code" ] || fail "pacer --help names no exit status for \"Exit kiosk\""
expect RestartPreventExitStatus "^${code:-none}$" "\"Exit kiosk\" ends with status ${code:-?}; the unit must not restart on it"
echo "ok: the unit keeps its cache and data, runs cage on tty1 in a login session, and stays down after \"Exit kiosk\" (status $code)"

# the launcher, with a stand-in cage
mkdir -p "$work/bin"
cat >"$work/bin/cage" <<'EOF'
#!/bin/sh
echo "XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR SDL_VIDEODRIVER=$SDL_VIDEODRIVER ARGS=$*"
EOF
chmod +x "$work/bin/cage"
out=$(env -i PATH="$work/bin:/usr/bin:/bin" RUNTIME_DIRECTORY=/run/pacer-kiosk XDG_RUNTIME_DIR=/run/user/999 \
  PACER_KIOSK_CONFIG=/etc/pacer/k.lua sh "$launcher")
want="XDG_RUNTIME_DIR=/run/pacer-kiosk SDL_VIDEODRIVER=wayland ARGS=-d -- pacer kiosk --config /etc/pacer/k.lua"
[ "$out" = "$want" ] || fail "the launcher under systemd ran cage as '$out', not '$want'"
out=$(env -i PATH="$work/bin:/usr/bin:/bin" XDG_RUNTIME_DIR=/run/user/999 sh "$launcher")
want="XDG_RUNTIME_DIR=/run/user/999 SDL_VIDEODRIVER=wayland ARGS=-d -- pacer kiosk --config /etc/pacer/kiosk.lua"
[ "$out" = "$want" ] || fail "the launcher outside systemd ran cage as '$out', not '$want'"
echo "ok: the launcher runs cage with the unit's runtime folder, or the session's outside systemd"

[ "$failures" -eq 0 ] || exit 1
echo PASS
