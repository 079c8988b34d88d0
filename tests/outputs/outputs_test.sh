#!/usr/bin/env bash
# outputs_test.sh - everything pacer writes: standard output, rendered files, pictures,
# starter sessions; and the command line's messages about them.
#
#   outputs_test.sh PACER CASE
#
# One case per ctest test (see CMakeLists.txt); `outputs_test.sh ... list` names them. Each
# case works in a fresh temporary folder, with speech off (the cases are about files, not
# sound), and fails on the first broken expectation with a line saying which. Every pacer
# run must exit below 128 (no signal, no crash) and print no sanitizer report. A case that
# needs what this machine lacks (root for a tmpfs mount, another user) exits 77: skipped.
set -u

pacer=$1 case=$2

work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-outputs.XXXXXX")
mounted=""
bg_pids=()
cleanup() {
  # the case's background processes first: they hold files and the test's output open
  [ ${#bg_pids[@]} -gt 0 ] && kill "${bg_pids[@]}" 2>/dev/null && wait "${bg_pids[@]}" 2>/dev/null
  [ -n "$mounted" ] && umount "$mounted" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
export PACER_NO_SPEECH=1 PACER_NO_PLUGINS=1 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
cd "$work" || exit 1

fail() {
  echo "FAIL [$case]: $*" >&2
  for f in out err; do
    if [ -s "$work/$f" ]; then
      echo "--- std$f of the last run:" >&2
      head -c 4000 "$work/$f" >&2
    fi
  done
  exit 1
}
note() { echo "[$case] $*"; }
skip() {
  echo "SKIP [$case]: $*"
  exit 77
}

sanitizer_free() {
  if grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$work/err"; then
    fail "sanitizer report from: $*"
  fi
}

# run RC CMD...: CMD with stdout in ./out and stderr in ./err (stdin empty); the exit status
# must be RC, below 128, and stderr free of sanitizer reports.
run() {
  local want=$1 rc
  shift
  "$@" >"$work/out" 2>"$work/err" </dev/null
  rc=$?
  sanitizer_free "$@"
  [ "$rc" -lt 128 ] || fail "killed by signal $((rc - 128)): $*"
  [ "$rc" -eq "$want" ] || fail "exit status $rc, expected $want: $*"
}

# run_to TARGET RC CMD...: as run, with stdout sent to TARGET (/dev/full, a file...).
run_to() {
  local target=$1 want=$2 rc
  shift 2
  "$@" >"$target" 2>"$work/err" </dev/null
  rc=$?
  : >"$work/out"
  sanitizer_free "$@"
  [ "$rc" -lt 128 ] || fail "killed by signal $((rc - 128)): $*"
  [ "$rc" -eq "$want" ] || fail "exit status $rc, expected $want: $*"
}

# The last line of stderr must match the pattern (an extended regex), and no other line may
# be an error of pacer's own.
last_err() {
  tail -n 1 "$work/err" | grep -qE -- "$1" || fail "stderr does not end with /$1/: $(cat "$work/err")"
}
one_line_err() {
  local n
  n=$(wc -l <"$work/err")
  [ "$n" -eq 1 ] || fail "expected one line on stderr, got $n"
  grep -qE -- "$1" "$work/err" || fail "stderr does not match /$1/: $(cat "$work/err")"
}
# The line must be on stderr, exactly (fixed string, whole line).
exact_err() { grep -qxF -- "$1" "$work/err" || fail "stderr does not say '$1': $(cat "$work/err")"; }

# No temporary of pacer's in the folder (the current one by default).
no_temporaries() {
  local dir=${1:-.}
  if find "$dir" -maxdepth 1 \( -name '.pacer-*' -o -name '*.partial-*' \) | grep -q .; then
    fail "temporaries left in $dir: $(find "$dir" -maxdepth 1 \( -name '.pacer-*' -o -name '*.partial-*' \))"
  fi
}

# A short session (1.5 s: tones only, no speech) and one of MINUTES of breathing.
write_short() {
  cat >"$work/short.lua" <<'EOF'
return session {
  title = "Short",
  beep(),
  wait(1),
  bell(),
}
EOF
}
write_long() {
  local left=$2 m
  {
    printf 'return session {\n  title = "Long",\n'
    while [ "$left" -gt 0 ]; do # a breathe step lasts at most 60 minutes
      m=$((left > 60 ? 60 : left))
      printf '  breathe { inhale = 4, exhale = 6, minutes = %d, speak_cycles = 0 },\n' "$m"
      left=$((left - m))
    done
    printf '  bell(),\n}\n'
  } >"$work/$1.lua"
}

# Is there a temporary of pacer's (matching the glob, .pacer-* by default) here?
has_temporary() { compgen -G "${1:-.pacer-*}" >/dev/null; }

# A process id no process has now (and, being above the default limit, soon).
dead_pid() {
  local pid max
  max=$(cat /proc/sys/kernel/pid_max 2>/dev/null || echo 32768)
  for pid in $((max - 1)) $((max - 2)) $((max - 3)) $((max - 4)); do
    kill -0 "$pid" 2>/dev/null || { echo "$pid"; return; }
  done
  fail "no free process id found"
}

# A tmpfs of KiB at ./DIR, or skip (77) where it cannot be mounted (not root, a container).
small_disk() {
  local dir=$1 kib=$2
  mkdir -p "$dir"
  mount -t tmpfs -o "size=${kib}k,mode=0777" tmpfs "$dir" 2>/dev/null || skip "cannot mount a tmpfs (needs root)"
  mounted="$work/$dir"
}
# Fills the file system of DIR up to the last byte.
fill_up() { head -c 100000000 /dev/zero >"$1/filler" 2>/dev/null; }

STDOUT_LOST="pacer: cannot write to standard output: No space left on device"

case $case in
list)
  sed -n 's/^\([a-z_]*\))$/\1/p' "$0"
  ;;

stdout_full)
  # Every command that prints, its standard output on a full device: exit 3 and one line
  # saying so (before, they exited 0 with nothing written).
  write_short
  mkdir sessions && cp short.lua sessions/
  printf 'return kiosk {\n  sessions = "sessions",\n  idle_minutes = 1,\n}\n' >kiosk.lua
  while IFS= read -r cmd; do
    # shellcheck disable=SC2086
    run_to /dev/full 3 "$pacer" $cmd
    last_err "^$STDOUT_LOST\$"
    note "pacer $cmd > /dev/full: exit 3, '$STDOUT_LOST'"
  done <<'EOF'
check short.lua
check short.lua short.lua short.lua
timeline short.lua
timeline --json short.lua
list sessions
api-reference
api-reference --luals
kiosk --check kiosk.lua
kiosk --reference
plugins
--version
--help
render --help
EOF
  # the PIN's hash: its only copy would be lost
  echo 1234 | "$pacer" kiosk --hash-pin >/dev/full 2>"$work/err"
  rc=$?
  [ "$rc" -eq 3 ] || fail "kiosk --hash-pin > /dev/full: exit $rc, expected 3"
  last_err "^$STDOUT_LOST\$"
  # pacer new writes its file, then its message is lost: the status says so
  run_to /dev/full 3 "$pacer" new fresh
  last_err "^$STDOUT_LOST\$"
  "$pacer" check fresh.lua >/dev/null 2>&1 || fail "the starter session written with a full stdout does not check clean"
  # the terminal view of a session
  run_to /dev/full 3 "$pacer" play --audio-only --no-audio short.lua
  last_err "^pacer: cannot write to standard output: "
  ;;

stdout_large)
  # Output far larger than stdio's buffer (a 3-hour session's timeline, half a megabyte of JSON):
  # the first failed write is reported with its reason, once.
  write_long long 180
  run 0 "$pacer" timeline --json long.lua
  size=$(stat -c %s "$work/out")
  [ "$size" -gt 100000 ] || fail "the JSON timeline is only $size bytes: not a large output"
  for args in "timeline --json long.lua" "timeline long.lua"; do
    # shellcheck disable=SC2086
    run_to /dev/full 3 "$pacer" $args
    [ "$(grep -c "cannot write to standard output" "$work/err")" -eq 1 ] || fail "not one report: $(cat "$work/err")"
    last_err "^$STDOUT_LOST\$"
  done
  note "timeline --json of $size bytes to /dev/full: exit 3, one line"
  # a reader that goes away, with SIGPIPE ignored (as some parents leave it): a write error
  bash -c 'trap "" PIPE; exec "$0" timeline --json long.lua' "$pacer" 2>"$work/err" | head -c 1 >/dev/null
  rc=${PIPESTATUS[0]}
  [ "$rc" -eq 3 ] || fail "timeline --json into a closed pipe, SIGPIPE ignored: exit $rc, expected 3"
  last_err "^pacer: cannot write to standard output: Broken pipe$"
  # many files to check, the output lost after the first rows: stops early, says why
  for i in $(seq 1 100); do cp long.lua "many_$i.lua"; done
  run_to /dev/full 3 "$pacer" check many_*.lua
  last_err "^$STDOUT_LOST\$"
  ;;

stdout_closed)
  # Standard output closed: the commands that print fail (Bad file descriptor), and no file
  # pacer opens takes descriptor 1 (a render's or a starter session's bytes stay intact).
  write_short
  "$pacer" check short.lua >&- 2>"$work/err"
  rc=$?
  [ "$rc" -eq 3 ] || fail "check with stdout closed: exit $rc, expected 3"
  last_err "^pacer: cannot write to standard output: Bad file descriptor$"
  "$pacer" new closed >&- 2>"$work/err"
  [ $? -eq 3 ] || fail "new with stdout closed: not exit 3"
  ! grep -q "Wrote" closed.lua || fail "the message went into closed.lua"
  "$pacer" check closed.lua >/dev/null 2>&1 || fail "closed.lua does not check clean"
  "$pacer" render short.lua -o closed.wav >&- 2>"$work/err"
  rc=$?
  sanitizer_free render
  [ "$rc" -eq 0 ] || fail "render with stdout closed (prints nothing there): exit $rc: $(cat "$work/err")"
  "$pacer" render short.lua -o open.wav >/dev/null 2>&1 || fail "render"
  cmp -s closed.wav open.wav || fail "the render with stdout closed differs from the one without"
  # a full file system behind standard output: the hash of a PIN to a file
  small_disk disk 64
  fill_up disk
  echo 1234 | "$pacer" kiosk --hash-pin >disk/pin.txt 2>"$work/err"
  rc=$?
  [ "$rc" -eq 3 ] || fail "kiosk --hash-pin > (a full disk): exit $rc, expected 3"
  last_err "^$STDOUT_LOST\$"
  ;;

snapshot_full)
  # A snapshot onto a full disk or past a file size limit: exit 3, the file named, no
  # truncated PNG, an older picture kept as it was, no temporary.
  write_short
  run 3 bash -c 'ulimit -f 4; exec "$0" snapshot short.lua --at 0.5 -o limit.png' "$pacer"
  exact_err "pacer snapshot: cannot write limit.png: File too large"
  [ ! -e limit.png ] || fail "a truncated limit.png was left"
  echo "an older picture" >old.png
  run 3 bash -c 'ulimit -f 4; exec "$0" snapshot short.lua --at 0.5 -o old.png' "$pacer"
  [ "$(cat old.png)" = "an older picture" ] || fail "a failed snapshot changed old.png"
  no_temporaries
  small_disk disk 64
  fill_up disk
  run 3 "$pacer" snapshot short.lua --at 0.5 -o disk/full.png
  exact_err "pacer snapshot: cannot write disk/full.png: No space left on device"
  [ ! -e disk/full.png ] || fail "a truncated disk/full.png was left"
  no_temporaries disk
  rm disk/filler
  run 0 "$pacer" snapshot short.lua --at 0.5 -o disk/full.png
  [ "$(head -c 8 disk/full.png | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] || fail "disk/full.png is not a PNG"
  no_temporaries disk
  note "snapshot onto a full disk: exit 3, nothing left; with room again: a PNG"
  ;;

render_full)
  # Render onto a full tmpfs and under a file size limit, WAV and Ogg: exit 3, the file
  # named in full even when its path is long, nothing left behind.
  write_long ten 10
  for ext in wav ogg; do
    run 3 bash -c "ulimit -f 100; exec \"\$0\" render ten.lua -o limit.$ext" "$pacer"
    exact_err "pacer render: cannot write limit.$ext: File too large; nothing was written"
    [ ! -e "limit.$ext" ] || fail "limit.$ext was left"
  done
  no_temporaries
  # a path of more than 512 bytes: the message is not cut
  deep=$(printf 'd%.0s' $(seq 1 200))/$(printf 'e%.0s' $(seq 1 200))/$(printf 'f%.0s' $(seq 1 200))
  mkdir -p "$deep"
  run 3 bash -c "ulimit -f 100; exec \"\$0\" render ten.lua -o \"$deep/out.wav\"" "$pacer"
  exact_err "pacer render: cannot write $deep/out.wav: File too large; nothing was written"
  no_temporaries "$deep"
  note "a ${#deep}-byte folder: the message names the whole path"
  small_disk disk 64
  fill_up disk
  for ext in wav ogg; do
    run 3 "$pacer" render ten.lua -o "disk/full.$ext"
    exact_err "pacer render: cannot write disk/full.$ext: No space left on device; nothing was written"
    [ ! -e "disk/full.$ext" ] || fail "disk/full.$ext was left"
    no_temporaries disk
  done
  ;;

render_signals)
  # SIGHUP (a closed terminal) ends a render like SIGINT and SIGTERM: exit 3, the temporary
  # removed. SIGKILL cannot be caught: its temporary is removed by the next render there.
  write_long long 120
  for sig in HUP TERM INT; do
    "$pacer" render long.lua -o long.ogg >"$work/out" 2>"$work/err" </dev/null &
    pid=$!
    bg_pids+=("$pid")
    for _ in $(seq 1 1000); do
      has_temporary && break
      sleep 0.01
    done
    has_temporary || fail "SIG$sig: no temporary appeared"
    kill -"$sig" "$pid"
    wait "$pid"
    rc=$?
    sanitizer_free render
    [ "$rc" -eq 3 ] || fail "SIG$sig: exit status $rc, expected 3"
    last_err "^pacer render: interrupted; nothing was written$"
    [ ! -e long.ogg ] || fail "SIG$sig: long.ogg was left"
    no_temporaries
  done
  "$pacer" render long.lua -o killed.ogg >/dev/null 2>&1 </dev/null &
  pid=$!
  bg_pids+=("$pid")
  for _ in $(seq 1 1000); do
    has_temporary && break
    sleep 0.01
  done
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null
  has_temporary ".pacer-$pid-*" || fail "SIGKILL left no temporary (the test did not kill it mid-render)"
  write_short
  run 0 "$pacer" render short.lua -o next.wav
  no_temporaries
  note "SIGHUP, SIGTERM, SIGINT: exit 3, nothing left; SIGKILL's temporary removed by the next render"
  ;;

stale_temporaries)
  # Only what is stale is swept: temporaries of processes that are gone (and old-style
  # TARGET.partial-PID of this target); never a live writer's, a locked one, a folder,
  # another user's, or another target's.
  write_short
  dead=$(dead_pid)
  sleep 600 >/dev/null 2>&1 &
  live=$!
  bg_pids+=("$live")
  echo x >".pacer-$dead-aaaaaa"
  echo x >"out.wav.partial-$dead"
  echo x >".pacer-$live-bbbbbb"
  echo x >"other.wav.partial-$dead"
  mkdir ".pacer-$dead-cccccc"
  echo x >".pacer-$dead-locked"
  flock_pid=""
  if command -v flock >/dev/null; then
    # a writer in another process namespace: its id means nothing here, its lock does
    bash -c 'exec 9>>"$0" && flock 9 && exec sleep 600' ".pacer-$dead-locked" </dev/null >/dev/null 2>&1 &
    flock_pid=$!
    bg_pids+=("$flock_pid")
    for _ in $(seq 1 200); do
      flock -n ".pacer-$dead-locked" true 2>/dev/null || break
      sleep 0.01
    done
  fi
  run 0 "$pacer" render short.lua -o out.wav
  [ ! -e ".pacer-$dead-aaaaaa" ] || fail "a dead process's temporary was not removed"
  [ ! -e "out.wav.partial-$dead" ] || fail "an old-style out.wav.partial-$dead was not removed"
  [ -e ".pacer-$live-bbbbbb" ] || fail "a live process's temporary was removed"
  [ -e "other.wav.partial-$dead" ] || fail "another target's old-style file was removed"
  [ -d ".pacer-$dead-cccccc" ] || fail "a folder was removed"
  if [ -n "$flock_pid" ]; then
    [ -e ".pacer-$dead-locked" ] || fail "a temporary locked by a live writer was removed"
    kill "$flock_pid"
    wait "$flock_pid" 2>/dev/null
    run 0 "$pacer" snapshot short.lua --at 0.5 -o out.png
    [ ! -e ".pacer-$dead-locked" ] || fail "a temporary no longer locked was not removed"
  fi
  if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
    echo x >".pacer-$dead-nobody"
    chown nobody ".pacer-$dead-nobody"
    run 0 "$pacer" render short.lua -o out.wav
    [ -e ".pacer-$dead-nobody" ] || fail "another user's temporary was removed"
  fi
  kill "$live"
  wait "$live" 2>/dev/null
  ;;

keep_mode)
  # Replacing a file keeps its permissions (and, as root, its owner and group); a new file
  # gets the umask's.
  write_short
  for cmd in "render short.lua -o F.wav" "render short.lua -o F.ogg" "snapshot short.lua --at 0.5 -o F.png"; do
    f=$(echo "$cmd" | sed 's/.* //')
    for mode in 600 640 444; do
      rm -f "$f"
      echo old >"$f"
      chmod "$mode" "$f"
      # shellcheck disable=SC2086
      run 0 "$pacer" $cmd
      [ "$(stat -c %a "$f")" = "$mode" ] || fail "pacer $cmd: the mode became $(stat -c %a "$f"), was $mode"
      ! cmp -s "$f" <(echo old) || fail "pacer $cmd: $f was not replaced"
    done
    # a symbolic link under the name is replaced, not followed
    rm -f "$f"
    echo "elsewhere" >elsewhere
    ln -s elsewhere "$f"
    # shellcheck disable=SC2086
    run 0 "$pacer" $cmd
    [ -f "$f" ] && [ ! -L "$f" ] || fail "pacer $cmd: the link $f is still a link"
    [ "$(cat elsewhere)" = elsewhere ] || fail "pacer $cmd wrote through the link $f"
    rm -f "$f"
    # shellcheck disable=SC2086
    (umask 027 && "$pacer" $cmd >/dev/null 2>&1) || fail "pacer $cmd"
    [ "$(stat -c %a "$f")" = 640 ] || fail "pacer $cmd under umask 027: a new file of mode $(stat -c %a "$f")"
    if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
      chown nobody:nogroup "$f" 2>/dev/null || chown nobody "$f"
      before=$(stat -c %U:%G "$f")
      # shellcheck disable=SC2086
      run 0 "$pacer" $cmd
      [ "$(stat -c %U:%G "$f")" = "$before" ] || fail "pacer $cmd: the owner became $(stat -c %U:%G "$f"), was $before"
    fi
  done
  no_temporaries
  ;;

long_name)
  # A name of 255 bytes, the most a file system takes: the temporary's name is short.
  write_short
  base=$(printf 'n%.0s' $(seq 1 251))
  run 0 "$pacer" render short.lua -o "$base.wav"
  [ -s "$base.wav" ] || fail "no $base.wav"
  run 0 "$pacer" snapshot short.lua --at 0.5 -o "$base.png"
  [ -s "$base.png" ] || fail "no $base.png"
  run 0 "$pacer" new "$base"
  [ -s "$base.lua" ] || fail "no $base.lua"
  run 0 "$pacer" check "$base.lua"
  no_temporaries
  # one byte more: refused before anything is done, with the reason
  run 3 "$pacer" render short.lua -o "${base}n.wav"
  exact_err "pacer render: cannot write ${base}n.wav: File name too long"
  ;;

wav_too_long)
  # A 13-hour session as WAV: refused before a byte is written (under a 1 KiB file size
  # limit the message is still about the length), with the limit and what to do instead.
  write_long thirteen 780
  run 3 bash -c 'ulimit -f 1; exec "$0" render thirteen.lua -o t.wav' "$pacer"
  last_err "^pacer render: the session is 13:00:0[0-9] long, too long for a WAV file \\(at most 12:25:39\\); write \\.ogg instead$"
  [ ! -e t.wav ] || fail "t.wav was left"
  no_temporaries
  ;;

output_refused_first)
  # An output that cannot be written is refused before the session is even loaded (a
  # session whose load warns shows it: no warning is printed).
  write_long long 70
  run 0 "$pacer" check long.lua
  grep -q "longer than 60 minutes" "$work/err" || fail "the test session does not warn"
  mkdir folder.wav folder.png
  mkfifo fifo.wav fifo.png
  for spec in "render|folder.wav|Is a directory" "render|fifo.wav|it is not a regular file (a device, a pipe or a socket)" \
    "render|missing/x.wav|No such file or directory" "render|/dev/zero.wav|Permission denied" \
    "snapshot|folder.png|Is a directory" "snapshot|fifo.png|it is not a regular file (a device, a pipe or a socket)" \
    "snapshot|missing/x.png|No such file or directory"; do
    IFS='|' read -r cmd out why <<<"$spec"
    [ "$out" = /dev/zero.wav ] && [ "$(id -u)" -eq 0 ] && continue # root may write anywhere
    if [ "$cmd" = render ]; then
      run 3 "$pacer" render long.lua -o "$out"
    else
      run 3 "$pacer" snapshot long.lua --at 1 -o "$out"
    fi
    one_line_err "^pacer $cmd: cannot write $out: "
    exact_err "pacer $cmd: cannot write $out: $why"
  done
  [ -d folder.wav ] && [ -p fifo.wav ] || fail "the folder or the FIFO was changed"
  run 3 "$pacer" snapshot long.lua --at 1 -o ''
  exact_err "pacer snapshot: cannot write a file without a name (the file name is empty)"
  no_temporaries
  ;;

new_file)
  # pacer new: never over an existing file (nor through a dangling link), written whole,
  # any name kept whole and made safe inside the file.
  echo "a therapist's session" >mine.lua
  run 3 "$pacer" new mine
  exact_err "pacer new: cannot write mine.lua: it exists already"
  [ "$(cat mine.lua)" = "a therapist's session" ] || fail "mine.lua was changed"
  ln -s nowhere/target.lua link.lua
  run 3 "$pacer" new link
  exact_err "pacer new: cannot write link.lua: it exists already"
  [ ! -e nowhere ] || fail "new wrote through a dangling link"
  # a long folder (over 1 KB): the file is written where named, not under a cut name
  deep=$(printf 'd%.0s' $(seq 1 250))/$(printf 'e%.0s' $(seq 1 250))/$(printf 'f%.0s' $(seq 1 250))/$(printf 'g%.0s' $(seq 1 250))/$(printf 'h%.0s' $(seq 1 100))
  mkdir -p "$deep"
  run 0 "$pacer" new "$deep/deep"
  [ -s "$deep/deep.lua" ] || fail "the file is not at $deep/deep.lua"
  run 0 "$pacer" check "$deep/deep.lua"
  # a name with a newline and quotes: the file still checks clean
  run 0 "$pacer" new "$(printf 'two\nlines"q')"
  run 0 "$pacer" check "$(printf 'two\nlines"q').lua"
  no_temporaries
  small_disk disk 64
  fill_up disk
  run 3 "$pacer" new disk/full
  exact_err "pacer new: cannot write disk/full.lua: No space left on device"
  [ ! -e disk/full.lua ] || fail "a partial disk/full.lua was left"
  no_temporaries disk
  ;;

options)
  # Numbers on the command line: whole, in range, or refused with the range and the value;
  # play and snapshot take the same sizes.
  write_short
  SIZE="--size takes WxH, each side from 200 to 8192 pixels, e.g. 1280x720"
  for bad in 100x100 199x720 720x199 8193x720 1280 1280x 1280x720x3 x720 ' 1280x720' 1280x720abc '' 1e3x720 \
    -1280x720 99999999999999999999x720; do
    run 2 "$pacer" snapshot short.lua --at 0 --size "$bad" -o s.png
    exact_err "pacer snapshot: $SIZE, not '$bad'"
    run 2 "$pacer" play --audio-only --no-audio --size "$bad" short.lua
    exact_err "pacer play: $SIZE, not '$bad'"
  done
  run 0 "$pacer" snapshot short.lua --at 0 --size 200x200 -o min.png
  run 0 "$pacer" snapshot short.lua --at 0 --size 200x8192 -o tall.png
  AT="--at takes seconds from 0 to 86400, e.g. 12.5"
  for bad in '' 1e300 -1 nan inf 0x10 ' 5' '5 ' 12abc 86400.5 1e5 . e5 +; do
    run 2 "$pacer" snapshot short.lua --at "$bad" -o s.png
    exact_err "pacer snapshot: $AT, not '$bad'"
  done
  [ ! -e s.png ] || fail "a refused snapshot wrote s.png"
  for good in 0 0.5 .5 5. 1e0 86400; do
    run 0 "$pacer" snapshot short.lua --at "$good" -o good.png
  done
  for bad in 12abc '' 0 1048577 -5 1.5 ' 64' 0x100 99999999999999999999; do
    run 2 "$pacer" render short.lua --buffer "$bad" -o r.wav
    exact_err "pacer render: --buffer takes 1 to 1048576 frames, not '$bad'"
  done
  for bad in 12abc '' 63 65537; do
    run 2 "$pacer" play --audio-only --no-audio --buffer "$bad" short.lua
    exact_err "pacer play: --buffer takes 64 to 65536 frames, not '$bad'"
  done
  run 0 "$pacer" render short.lua --buffer 1 -o one.wav
  run 0 "$pacer" render short.lua --buffer 1048576 -o big.wav
  cmp -s one.wav big.wav || fail "--buffer 1 and 1048576 render different bytes"
  # control characters in a refused value are shown escaped, not sent to the terminal
  run 2 "$pacer" snapshot short.lua --at "$(printf '1\033[2J')" -o s.png
  ! grep -q "$(printf '\033')" "$work/err" || fail "an escape character reached stderr"
  ;;

*)
  echo "unknown case $case" >&2
  exit 2
  ;;
esac
exit 0
