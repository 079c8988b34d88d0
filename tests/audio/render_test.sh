#!/usr/bin/env bash
# render_test.sh - the real pacer binary, rendering and playing sessions with real speech.
#
#   render_test.sh PACER WAVCHECK SOURCE_DIR CASE
#
# One case per ctest test (see CMakeLists.txt); `render_test.sh ... list` names them. Each
# case works in a fresh temporary folder and fails on the first broken expectation with a
# line saying which. Speech is cached in PACER_AUDIO_TEST_CACHE when set (ctest sets a
# folder in the build tree, shared by the cases: the cache is safe for concurrent use),
# else in the temporary folder. PACER_AUDIO_TEST_QUICK=1 (set for sanitizer builds)
# renders three of the shipped sessions instead of all of them. Every pacer run must exit below 128 (no
# signal, no crash) and print no sanitizer report; a failed render must leave no file behind,
# neither the output nor its .pacer-* temporary (OUT.partial-* in earlier versions).
#
# Nothing here depends on how busy the machine is: work is measured in processor time, a
# lower bound on a play's length is timed from before pacer starts (a late clock reading
# cannot shorten it), and an upper bound only guards against a play that does not end.
# Exits 77 (skipped) without sox.
set -u

pacer=$1 wavcheck=$2 src=$3 case=$4

if ! command -v sox >/dev/null 2>&1 || ! command -v soxi >/dev/null 2>&1; then
  echo "SKIP: sox is not installed (scripts/install-deps.sh installs it)"
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-audio.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="${PACER_AUDIO_TEST_CACHE:-$work/cache}" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
unset PACER_NO_SPEECH
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

# children_cpu: sets cpu to the processor time (user + system, in seconds) of every finished
# child of this shell. Call it directly: in a $(...) subshell `times` would count only the
# subshell's own children.
cpu=0
children_cpu() {
  times >"$work/times"
  cpu=$(awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' \
    "$work/times")
}

# run RC CMD...: runs CMD with stdout in ./out and stderr in ./err; the exit status must be
# RC, below 128, and stderr free of sanitizer reports. last_cpu is the processor time it used.
last_cpu=0
run() {
  local want=$1 c0 rc
  shift
  children_cpu
  c0=$cpu
  "$@" >"$work/out" 2>"$work/err" </dev/null
  rc=$?
  children_cpu
  last_cpu=$(echo "$cpu - $c0" | bc)
  if grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$work/err"; then
    fail "sanitizer report from: $*"
  fi
  [ "$rc" -lt 128 ] || fail "killed by signal $((rc - 128)): $*"
  [ "$rc" -eq "$want" ] || fail "exit status $rc, expected $want: $*"
}

# run_play RC CMD...: as run, for `pacer play`. play_seconds is the time from the line
# "Playing: ..." to the exit (start-up and speech preparation left out): that line is stamped
# when it is read, which a busy machine can delay, so play_seconds is for upper bounds and
# notes. run_seconds is the time from before pacer starts to its exit: never shorter than the
# play, so lower bounds use it.
play_seconds=0 run_seconds=0
run_play() {
  local want=$1 rc t_end t_start t_run
  shift
  t_run=$(date +%s.%N)
  "$@" 2>"$work/err" </dev/null | while IFS= read -r line; do
    printf '%s %s\n' "$(date +%s.%N)" "$line"
  done >"$work/out_ts"
  rc=${PIPESTATUS[0]}
  t_end=$(date +%s.%N)
  sed 's/^[0-9.]* //' "$work/out_ts" >"$work/out"
  if grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$work/err"; then
    fail "sanitizer report from: $*"
  fi
  [ "$rc" -lt 128 ] || fail "killed by signal $((rc - 128)): $*"
  [ "$rc" -eq "$want" ] || fail "exit status $rc, expected $want: $*"
  t_start=$(grep -m 1 ' Playing: ' "$work/out_ts" | cut -d' ' -f1)
  [ -n "$t_start" ] || fail "no 'Playing:' line"
  play_seconds=$(echo "$t_end - $t_start" | bc)
  run_seconds=$(echo "$t_end - $t_run" | bc)
}

# The one line of stderr must match the pattern (an extended regex).
one_line_err() {
  local n
  n=$(wc -l <"$work/err")
  [ "$n" -eq 1 ] || fail "expected one line on stderr, got $n"
  grep -qE -- "$1" "$work/err" || fail "stderr does not match /$1/: $(cat "$work/err")"
}
has_out() { grep -qE -- "$1" "$work/out" || fail "stdout does not say /$1/"; }
has_err() { grep -qE -- "$1" "$work/err" || fail "stderr does not say /$1/"; }

# No file under the output's name, and no temporary beside it.
nothing_left() {
  local out=$1
  [ ! -e "$out" ] || fail "$out was left behind"
  local dir base
  dir=$(dirname "$out") base=$(basename "$out")
  if [ -d "$dir" ] && ls -a "$dir" | grep -qE "^($base\.partial-|\.pacer-)"; then
    fail "a temporary was left in $dir: $(ls -a "$dir" | grep -E "^($base\.partial-|\.pacer-)")"
  fi
}
no_partials() {
  if find "$work" \( -name '*.partial-*' -o -name '.pacer-*' \) | grep -q .; then
    fail "temporaries left behind: $(find "$work" \( -name '*.partial-*' -o -name '.pacer-*' \))"
  fi
}

# A valid WAV that matches its session's timeline to the sample.
check_wav() {
  local wav=$1 session=$2 frames
  sox --i "$wav" >"$work/soxi" 2>&1 || fail "sox cannot read $wav: $(cat "$work/soxi")"
  grep -qE 'Channels *: 1$' "$work/soxi" || fail "$wav is not mono"
  grep -qE 'Sample Rate *: 48000$' "$work/soxi" || fail "$wav is not 48 kHz"
  grep -qE 'Precision *: 16-bit$' "$work/soxi" || fail "$wav is not 16-bit"
  "$wavcheck" info "$wav" >"$work/info" 2>&1 || fail "bad WAV header: $(cat "$work/info")"
  frames=$(sed -n 's/^frames //p' "$work/info")
  [ "$(soxi -s "$wav")" = "$frames" ] || fail "sox counts $(soxi -s "$wav") samples, the header $frames"
  "$pacer" timeline --json "$session" >"$work/tl.json" 2>/dev/null || fail "pacer timeline failed on $session"
  "$wavcheck" timeline "$wav" "$work/tl.json" >"$work/check" 2>&1 || fail "$(cat "$work/check")"
  note "$(basename "$session"): $(tail -n 1 "$work/check")"
}

# A short session with speech, every tone shape and quiet between them.
write_short() {
  cat >"$work/short.lua" <<'EOF'
return session {
  title = "Short test",
  say "Breathe in slowly.",
  beep(),
  tone { hz = 660, ms = 300, level = 0.4, shape = "chime" },
  wait(0.5),
  tone { hz = 300, ms = 120, shape = "tick" },
  wait(0.2),
  breathe { inhale = 1.5, exhale = 1.5, cycles = 1, speak_cycles = 0 },
  bell(),
}
EOF
}

# A session of about four seconds for live play: a cue, one breath, a beep.
write_play() {
  cat >"$work/play.lua" <<'EOF'
return session {
  title = "Play test",
  say { "Breathe in slowly.", gap = 0.2 },
  breathe { inhale = 1, exhale = 1, cycles = 1, speak_cycles = 0 },
  beep(),
}
EOF
}

# A session whose only cue is a recording, with its text to speak when it cannot be used.
write_recording_session() {
  cat >"$work/rec.lua" <<EOF
return session {
  title = "Recording test",
  say { "This text is spoken instead.", file = "$1" },
  beep(),
}
EOF
}

# A recording that cannot be used: check warns (a missing file) or fails with an error (a
# file there but refused: SEVERITY error), render speaks its text instead and writes a
# valid file; the timeline has a speak event and no play event.
bad_recording() {
  local file=$1 reason=$2 severity=${3:-warning}
  write_recording_session "$file"
  local warn="^rec.lua:3:3: $severity: say: the recording '$file' cannot be used \\($reason\\); its text will be spoken instead$"
  if [ "$severity" = error ]; then
    run 1 "$pacer" check rec.lua
  else
    run 0 "$pacer" check rec.lua
    has_out "1 warning"
  fi
  one_line_err "$warn"
  run 0 "$pacer" render rec.lua -o rec.wav
  one_line_err "$warn"
  [ -s rec.wav ] || fail "no rec.wav written"
  no_partials
  check_wav rec.wav rec.lua
  grep -q '"kind":"speak".*"text":"This text is spoken instead."' "$work/tl.json" || fail "the text is not spoken"
  ! grep -q '"kind":"play"' "$work/tl.json" || fail "the recording is still played"
  rm -f rec.wav
}

# Seconds as a float comparison: within LO HI.
within() {
  local v=$1 lo=$2 hi=$3
  [ "$(echo "$v >= $lo && $v <= $hi" | bc)" -eq 1 ]
}

session_seconds() {
  "$pacer" timeline --json "$1" 2>/dev/null | sed -n 's/.*"seconds":\([0-9.]*\),"title".*/\1/p' | head -n 1
}

# After the last sound pacer waits 0.3 s plus two buffers (512 frames) for the speakers.
END_WAIT=0.32
# How much longer than the session a play may take before it counts as one that does not end
# (a hang guard: a busy machine delays the audio thread and the line stamps).
SLACK=30

case $case in
list)
  sed -n 's/^\([a-z_]*\))$/\1/p' "$0"
  ;;

render_exact)
  # Shipped sessions and a short one: valid WAV, length and every lone tone to the sample.
  write_short
  sessions=("$src"/sessions/*.lua)
  if [ "${PACER_AUDIO_TEST_QUICK:-0}" = 1 ]; then
    sessions=()
    for b in diaphragmatic_breathing ql_breathing_stretch si_joint_correction; do
      [ -f "$src/sessions/$b.lua" ] && sessions+=("$src/sessions/$b.lua")
    done
  fi
  [ ${#sessions[@]} -gt 0 ] || fail "no shipped sessions in $src/sessions"
  for s in "${sessions[@]}" "$work/short.lua"; do
    b=$(basename "$s" .lua)
    run 0 "$pacer" render "$s" -o "$b.wav"
    [ ! -s "$work/err" ] || fail "render of $b printed: $(cat "$work/err")"
    check_wav "$b.wav" "$s"
    tones=$(grep -c '^tone ' "$work/check")
    [ "$tones" -ge 5 ] || fail "only $tones tones checked in $b"
    # the short session's tone onsets by sample index: sample 0 silent, sound by 1 ms
    grep '^tone ' "$work/check" | while read -r _ at _ first; do
      [ $((first - at)) -ge 1 ] && [ $((first - at)) -le 48 ] || fail "$b: tone at $at first sounds at $first"
    done || exit 1
    rm -f "$b.wav"
  done
  no_partials
  ;;

render_bytes)
  # The same bytes whatever the run and the buffer size, for WAV and Ogg.
  write_short
  # every buffer size on the short session; on a shipped one, the extremes
  for s in "$work/short.lua" "$src/sessions/ql_breathing_stretch.lua"; do
    b=$(basename "$s" .lua)
    variants="2 1 17 4096 1048576"
    [ "$b" = short ] || variants="2 17"
    for ext in wav ogg; do
      run 0 "$pacer" render "$s" -o "$b-ref.$ext"
      for v in $variants; do
        if [ "$v" = 2 ]; then
          run 0 "$pacer" render "$s" -o "$b-$v.$ext"
        else
          run 0 "$pacer" render "$s" -o "$b-$v.$ext" --buffer "$v"
        fi
        cmp -s "$b-ref.$ext" "$b-$v.$ext" || fail "$b.$ext differs ($v): $(cmp "$b-ref.$ext" "$b-$v.$ext")"
      done
      sox --i "$b-ref.$ext" >"$work/soxi" 2>&1 || fail "sox cannot read $b-ref.$ext"
      frames=$("$pacer" timeline --json "$s" 2>/dev/null | sed -n 's/.*"frames":\([0-9]*\),.*/\1/p' | head -n 1)
      # Ogg Vorbis is written at 24 kHz: half the frames, rounded up
      [ "$ext" = wav ] || frames=$(((frames + 1) / 2))
      [ "$(soxi -s "$b-ref.$ext")" = "$frames" ] || fail "$b.$ext has $(soxi -s "$b-ref.$ext") samples, expected $frames"
      note "$b.$ext: $(stat -c %s "$b-ref.$ext") bytes, identical across two runs and buffers ${variants#2 }"
      rm -f "$b"-*."$ext"
    done
  done
  # the Ogg file is mono 24 kHz and decodes to the WAV's duration, every lone tone at its
  # exact frame and level: the short session and a shipped one
  for s in "$work/short.lua" "$src/sessions/diaphragmatic_breathing.lua"; do
    b=$(basename "$s" .lua)
    run 0 "$pacer" render "$s" -o "$b.ogg"
    run 0 "$pacer" render "$s" -o "$b.wav"
    sox --i "$b.ogg" >"$work/soxi" 2>&1 || fail "sox cannot read $b.ogg"
    grep -qE 'Channels *: 1$' "$work/soxi" || fail "$b.ogg is not mono"
    grep -qE 'Sample Rate *: 24000$' "$work/soxi" || fail "$b.ogg is not 24 kHz"
    sox -D "$b.ogg" -b 16 decoded.wav 2>/dev/null || fail "sox cannot decode $b.ogg"
    [ "$(soxi -s decoded.wav)" = "$((($(soxi -s "$b.wav") + 1) / 2))" ] ||
      fail "$b.ogg decodes to $(soxi -s decoded.wav) frames, the WAV has $(soxi -s "$b.wav")"
    "$pacer" timeline --json "$s" >"$work/tl.json" 2>/dev/null || fail "pacer timeline failed on $s"
    "$wavcheck" ogg decoded.wav "$work/tl.json" >"$work/check" 2>&1 || fail "$b.ogg: $(cat "$work/check")"
    note "$b.ogg: $(tail -n 1 "$work/check")"
    rm -f "$b.ogg" "$b.wav" decoded.wav
  done
  no_partials
  ;;

recording_ok)
  # A good recording plays at its frame; a cut-off Ogg plays what it holds.
  sox -n -r 44100 -c 2 good.ogg synth 1.5 sine 440 vol 0.5 2>/dev/null || fail "sox cannot make good.ogg"
  write_recording_session good.ogg
  run 0 "$pacer" check rec.lua
  [ ! -s "$work/err" ] || fail "check warned about a good recording: $(cat "$work/err")"
  run 0 "$pacer" render rec.lua -o rec.wav
  check_wav rec.wav rec.lua
  grep -q '"kind":"play"' "$work/tl.json" || fail "no play event"
  len=$(grep '"kind":"play"' "$work/tl.json" | sed -n 's/.*"len":\([0-9]*\),.*/\1/p')
  [ "$len" -ge 71900 ] && [ "$len" -le 72100 ] || fail "1.5 s at 44.1 kHz plays for $len frames"
  sox -n -r 48000 -c 1 long.ogg synth 20 pinknoise vol 0.3 2>/dev/null || fail "sox cannot make long.ogg"
  head -c $(($(stat -c %s long.ogg) * 6 / 10)) long.ogg >cut.ogg
  write_recording_session cut.ogg
  run 0 "$pacer" render rec.lua -o rec.wav
  check_wav rec.wav rec.lua
  len=$(grep '"kind":"play"' "$work/tl.json" | sed -n 's/.*"len":\([0-9]*\),.*/\1/p')
  [ -n "$len" ] && [ "$len" -gt 48000 ] && [ "$len" -lt 960000 ] || fail "a cut-off Ogg plays for '$len' frames"
  no_partials
  ;;

bad_recording_missing)
  bad_recording nothere.ogg "No such file or directory"
  ;;

bad_recording_truncated_ogg)
  sox -n -r 48000 -c 1 whole.ogg synth 3 sine 440 vol 0.5 2>/dev/null || fail "sox cannot make whole.ogg"
  head -c 100 whole.ogg >trunc.ogg
  bad_recording trunc.ogg "it cannot be decoded \\(.*\\)" error
  # cut inside the codebooks: headers but no sound
  head -c 4000 whole.ogg >trunc.ogg
  bad_recording trunc.ogg "(it cannot be decoded \\(.*\\)|it holds no sound.*)" error
  ;;

bad_recording_not_audio)
  echo "This is a shopping list, not a recording." >notes.wav
  bad_recording notes.wav "it is not a recording Pacer reads \\(WAV, Ogg Vorbis, FLAC or MP3\\)" error
  : >empty.ogg
  bad_recording empty.ogg "it is an empty file" error
  mkdir folder.ogg
  bad_recording folder.ogg "it is a folder, not a file" error
  ;;

bad_recording_two_hours)
  # Headers claiming two hours, extended as sparse files: nothing is decoded.
  "$wavcheck" fake long48k.wav 48000 16 7200 || fail "cannot make long48k.wav"
  "$wavcheck" fake long8k.wav 8000 8 7200 || fail "cannot make long8k.wav"
  [ "$(soxi -D long8k.wav | cut -d. -f1)" = 7200 ] || fail "long8k.wav does not claim two hours"
  # refused from the header: far less processor time than decoding two hours would take
  bad_recording long48k.wav "it is 659 MB; recordings may be at most 64 MB" error
  [ "$last_cpu" != "" ] && within "$last_cpu" 0 5 || fail "refusing the big file used $last_cpu s of processor time"
  bad_recording long8k.wav "it lasts 120 minutes; recordings may be at most 15 minutes" error
  within "$last_cpu" 0 5 || fail "refusing the long file used $last_cpu s of processor time"
  note "the long file was refused in $last_cpu s of processor time"
  ;;

bad_voice)
  # An unknown voice warns once and the default voice speaks: the same bytes.
  write_play
  sed 's/title = "Play test",/title = "Play test", voice = "flite:nope",/' play.lua >voice.lua
  warn="^voice.lua: warning: unknown voice 'flite:nope' \\(flite has .*\\); using flite:rms$"
  run 0 "$pacer" check voice.lua
  one_line_err "$warn"
  run 0 "$pacer" render voice.lua -o voice.wav
  one_line_err "$warn"
  run 0 "$pacer" render play.lua -o play.wav
  cmp -s voice.wav play.wav || fail "the unknown voice did not fall back to the default voice"
  SDL_AUDIODRIVER=dummy run 0 "$pacer" play --audio-only voice.lua
  one_line_err "$warn"
  has_out "finished$"
  ;;

bad_output)
  write_short
  for out in /nonexistent-folder/x.wav /proc/x.wav /proc/self/x.ogg; do
    run 3 "$pacer" render short.lua -o "$out"
    # (in /proc the kernel refuses a new file with ENOENT or EPERM, depending on the call)
    one_line_err "^pacer render: cannot write $out: (No such file or directory|Operation not permitted)$"
    nothing_left "$out"
  done
  # the output's name is taken by a folder: refused before the render
  mkdir taken.wav
  run 3 "$pacer" render short.lua -o taken.wav
  one_line_err "^pacer render: cannot write taken.wav: Is a directory$"
  [ -d taken.wav ] || fail "the folder taken.wav is gone"
  no_partials
  # not a format pacer writes
  run 2 "$pacer" render short.lua -o out.mp3
  one_line_err "^pacer render: the output must end in .wav or .ogg: out.mp3$"
  nothing_left out.mp3
  ;;

disk_full)
  # A file size limit of 100 KiB: the write fails part-way. pacer ignores SIGXFSZ, reports
  # the error, exits 3 and removes its temporary. The speech cache is filled first, so the
  # limit hits the output only.
  cat >"$work/long.lua" <<'EOF'
return session {
  title = "Ten minutes",
  say "Breathe slowly.",
  breathe { inhale = 4, exhale = 6, minutes = 10, speak_cycles = 1 },
  bell(),
}
EOF
  run 0 "$pacer" check long.lua
  for ext in wav ogg; do
    run 3 bash -c "ulimit -f 100; exec \"\$0\" render long.lua -o full.$ext" "$pacer"
    one_line_err "^pacer render: cannot write full.$ext: File too large; nothing was written$"
    nothing_left "full.$ext"
  done
  # a file already there is left as it was
  echo "an older render" >keep.ogg
  run 3 bash -c "ulimit -f 100; exec \"\$0\" render long.lua -o keep.ogg" "$pacer"
  [ "$(cat keep.ogg)" = "an older render" ] || fail "a failed render changed keep.ogg"
  no_partials
  ;;

interrupt)
  # SIGINT (and SIGTERM) while the file is being written: the temporary is removed.
  cat >"$work/long.lua" <<'EOF'
return session {
  title = "Two hours",
  say "Breathe slowly.",
  breathe { inhale = 4, exhale = 6, minutes = 60, speak_cycles = 1 },
  breathe { inhale = 4, exhale = 6, minutes = 60, speak_cycles = 1 },
  bell(),
}
EOF
  run 0 "$pacer" check long.lua
  for sig in INT TERM; do
    "$pacer" render long.lua -o long.ogg >"$work/out" 2>"$work/err" </dev/null &
    pid=$!
    # the temporary appears once speech is ready and the render starts: wait for it (the
    # limit only guards against a hang; a busy machine makes the start slow)
    t_end=$(($(date +%s) + 120))
    until ls -a | grep -q '^\.pacer-'; do
      kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$t_end" ] || break
      sleep 0.01
    done
    ls -a | grep -q '^\.pacer-' || fail "no temporary appeared"
    sleep 0.2
    kill -"$sig" "$pid"
    wait "$pid"
    rc=$?
    [ "$rc" -eq 3 ] || fail "SIG$sig: exit status $rc, expected 3"
    grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$work/err" && fail "sanitizer report"
    grep -v 'longer than 60 minutes' "$work/err" >"$work/err2"
    mv "$work/err2" "$work/err"
    one_line_err "^pacer render: interrupted; nothing was written$"
    nothing_left long.ogg
  done
  ;;

play_dummy)
  # Live play on SDL's dummy driver: the whole session, every phase, about on time (the
  # dummy driver's clock runs a few per cent fast).
  write_play
  len=$(session_seconds play.lua)
  run 0 "$pacer" check play.lua
  SDL_AUDIODRIVER=dummy run_play 0 "$pacer" play --audio-only play.lua
  [ ! -s "$work/err" ] || fail "play printed: $(cat "$work/err")"
  has_out "^Playing: Play test \\(00:0[0-9]\\) on dummy$"
  has_out "Breathe in slowly"
  has_out "Breathe in [0-9]+s \\| Breath 1 of 1"
  has_out "Breathe out [0-9]+s \\| Breath 1 of 1"
  has_out "finished$"
  ! grep -q "Stopped at" "$work/out" || fail "the session was stopped"
  within "$run_seconds" "$(echo "$len * 0.9" | bc)" 1000000 || fail "a $len s session played in $run_seconds s"
  within "$play_seconds" 0 "$(echo "$len + $END_WAIT + $SLACK" | bc)" || fail "a $len s session played in $play_seconds s"
  note "a $len s session played in $play_seconds s"
  ;;

play_no_device)
  # No usable device: one line says so, and the system clock paces the whole session.
  write_play
  len=$(session_seconds play.lua)
  run 0 "$pacer" check play.lua
  SDL_AUDIODRIVER=nonexistent run_play 0 "$pacer" play --audio-only play.lua
  one_line_err "^pacer: no audio: .*; playing without sound, paced by the system clock$"
  has_out "^Playing: Play test \\(00:0[0-9]\\), no sound$"
  has_out "Breathe out [0-9]+s \\| Breath 1 of 1"
  has_out "finished$"
  within "$run_seconds" "$len" 1000000 || fail "a $len s session played in $run_seconds s without a device"
  within "$play_seconds" 0 "$(echo "$len + $END_WAIT + $SLACK" | bc)" ||
    fail "a $len s session played in $play_seconds s without a device"
  note "a $len s session played in $play_seconds s without a device"
  ;;

play_device_lost | play_device_lost_message)
  # SDL's disk driver writes the sound to a file; a file size limit makes its writes fail
  # after about a second (48 kHz float mono is 192 KB/s), and SDL marks the device lost.
  # SIGXFSZ is ignored as a real device would not send it. The session must still end on
  # time. (SDL 2.26 keeps calling the callback of a lost device at the buffer rate; pacer
  # notices the device-removed event and says so: play_device_lost_message.)
  write_play
  len=$(session_seconds play.lua)
  run 0 "$pacer" check play.lua
  SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$work/device.raw" \
    run_play 0 bash -c "trap '' XFSZ; ulimit -f 200; exec \"\$0\" play --audio-only play.lua" "$pacer"
  size=$(stat -c %s "$work/device.raw")
  [ "$size" -eq $((200 * 1024)) ] || fail "the device file has $size bytes: the limit was not reached"
  has_out "finished$"
  within "$run_seconds" "$(echo "$len + $END_WAIT - 0.5" | bc)" 1000000 ||
    fail "a $len s session took $run_seconds s after the device was lost"
  within "$play_seconds" 0 "$(echo "$len + $END_WAIT + $SLACK" | bc)" ||
    fail "a $len s session took $play_seconds s after the device was lost"
  note "a $len s session took $play_seconds s; the device was lost after $size bytes"
  if [ "$case" = play_device_lost_message ]; then
    has_err "the audio device stopped"
  fi
  ;;

*)
  echo "render_test.sh: unknown case '$case'" >&2
  exit 2
  ;;
esac
echo "[$case] passed"
