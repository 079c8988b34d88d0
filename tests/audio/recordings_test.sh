#!/usr/bin/env bash
# recordings_test.sh - malformed recordings of every format Pacer reads (WAV, Ogg Vorbis,
# FLAC, MP3), made here, through the real pacer binary.
#
#   recordings_test.sh PACER RECGEN CASE
#
# Each malformed file must make `pacer check` exit 1 with exactly one line on stderr: an
# error naming the file as the session wrote it and the reason; never a signal, never a hang
# (every run has a generous timeout as a guard only). Good files of the same kinds must pass.
# One ctest per CASE; `recordings_test.sh - - list` names them. Needs sox (Ogg and FLAC).
set -u

pacer=$1 recgen=$2 case=$3

case_list() { declare -F | sed -n 's/^declare -f case_//p'; }
if [ "$case" = list ]; then
  case_list
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-recordings.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="${PACER_AUDIO_TEST_CACHE:-$work/cache}" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
export SDL_AUDIODRIVER=dummy SDL_VIDEODRIVER=dummy LC_ALL=C
unset PACER_NO_SPEECH
mkdir -p "$work/s/sounds"
cd "$work/s" || exit 2

fail() {
  echo "FAIL [$case]: $*" >&2
  for f in out err; do
    [ -s "$work/$f" ] && { echo "--- std$f of the last run:" >&2; head -c 3000 "$work/$f" >&2; }
  done
  exit 1
}

# run RC CMD...: the exit status must be RC (below 128: no signal; 124: the hang guard).
run() {
  local want=$1 rc
  shift
  timeout -k 5 120 "$@" >"$work/out" 2>"$work/err" </dev/null
  rc=$?
  grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$work/err" &&
    fail "sanitizer report from: $*"
  [ "$rc" -ne 124 ] || fail "hung (ended by the guard after 120 s): $*"
  [ "$rc" -lt 128 ] || fail "killed by signal $((rc - 128)): $*"
  [ "$rc" -eq "$want" ] || fail "exit status $rc, expected $want: $*"
}

gen() { "$recgen" "$@" || fail "recgen $* failed"; }

# session FILE: s.lua says a cue with FILE (a path inside sounds/) as its recording.
session() {
  printf 'return session {\n  title = "Recording",\n  say { "Spoken instead.", file = "%s" },\n  beep(),\n}\n' \
    "$1" >"$work/s/s.lua"
}

# refused NAME REASON: sounds/NAME makes check fail with one line naming it and the reason
# (an extended regex).
refused() {
  local name=$1 reason=$2
  session "sounds/$name"
  run 1 "$pacer" check s.lua
  [ "$(wc -l <"$work/err")" -eq 1 ] || fail "$name: expected one line on stderr, got $(wc -l <"$work/err")"
  grep -qE "^s.lua:3:3: error: say: the recording 'sounds/$name' cannot be used \\($reason\\); its text will be spoken instead$" \
    "$work/err" || fail "$name: not refused as /$reason/: $(cat "$work/err")"
}

# accepted NAME: sounds/NAME passes check and plays as a recording.
accepted() {
  session "sounds/$1"
  run 0 "$pacer" check s.lua
  [ ! -s "$work/err" ] || fail "$1: check printed something: $(cat "$work/err")"
  run 0 "$pacer" timeline s.lua
  grep -qE "recording (\./)?sounds/$1\$" "$work/out" || fail "$1: not played as a recording"
}

need_sox() { command -v sox >/dev/null || { echo "[$case] skipped: no sox"; exit 77; }; }

case_wav() {
  cd sounds || exit 2
  gen wav good.wav 1 1 44100 16 2 22050
  gen wav stereo.wav 1 2 22050 16 4 11025
  gen wav zero_channels.wav 1 0 44100 16 2 1000
  gen wav nine_channels.wav 1 9 44100 16 18 100
  gen wav rate_0.wav 1 1 0 16 2 100
  gen wav rate_1.wav 1 1 1 16 2 100
  gen wav rate_huge.wav 1 1 4294967295 16 2 100
  gen wav bits_0.wav 1 1 44100 0 2 100
  gen wav bits_12.wav 1 1 44100 12 2 100
  gen wav block_0.wav 1 1 44100 16 0 100
  gen wav block_lies.wav 1 2 44100 16 3 100
  gen wav adpcm.wav 2 1 44100 4 256 10
  gen wav float_odd.wav 3 1 44100 16 2 100
  gen wav no_samples.wav 1 1 44100 16 2 0
  head -c 10 good.wav >cut_10.wav
  head -c 30 good.wav >cut_in_fmt.wav
  head -c 36 good.wav >no_data.wav
  # data chunk size far beyond the file: what is there plays
  cp good.wav data_lies.wav && gen patch data_lies.wav 40 f0ffffff
  # RIFF size lying: ignored
  cp good.wav riff_lies.wav && gen patch riff_lies.wav 4 ffffffff
  # fmt chunk size 8, and fmt size beyond the file
  cp good.wav fmt_small.wav && gen patch fmt_small.wav 16 08000000
  cp good.wav fmt_huge.wav && gen patch fmt_huge.wav 16 ffffff7f
  # the data chunk first, the fmt chunk after it
  cp good.wav data_first.wav && gen patch data_first.wav 12 64617461
  # a chunk before fmt running past the end of the file
  cp good.wav list_past_end.wav && gen patch list_past_end.wav 12 4c495354ffffff00
  # garbage after a valid RIFF/WAVE header
  { head -c 12 good.wav; head -c 4000 good.wav | tr '\000-\377' '\245-\377\000-\244'; } >garbage.wav
  printf 'RIFX\0\0\0\0WAVE' >rifx.wav
  : >empty.wav
  echo "a shopping list, not a recording" >text.wav
  # float WAV holding NaN and infinity: silence, no crash
  gen wav nan.wav 3 1 44100 32 4 100 && gen patch nan.wav 44 0000c07f0000807f000080ff
  cd .. || exit 2

  accepted good.wav
  accepted stereo.wav
  accepted data_lies.wav
  accepted riff_lies.wav
  accepted nan.wav
  refused zero_channels.wav "it has 0 channels"
  refused nine_channels.wav "it has 9 channels; recordings may have at most 8"
  refused rate_0.wav "its sample rate, 0 Hz, is outside 8000 to 96000 Hz"
  refused rate_1.wav "its sample rate, 1 Hz, is outside 8000 to 96000 Hz"
  refused rate_huge.wav "its sample rate, 4294967295 Hz, is outside 8000 to 96000 Hz"
  refused bits_0.wav "its samples have 0 bits; PCM WAV files may have 8, 16, 24 or 32"
  refused bits_12.wav "its samples have 12 bits; PCM WAV files may have 8, 16, 24 or 32"
  refused block_0.wav "its header says blocks of 0 bytes for 1 channels of 16 bits"
  refused block_lies.wav "its header says blocks of 3 bytes for 2 channels of 16 bits"
  refused adpcm.wav "its samples are encoded in a way Pacer does not read \\(WAV format 0x0002\\); save it as PCM WAV"
  refused float_odd.wav "its float samples have 16 bits; they may have 32 or 64"
  refused no_samples.wav "it holds no sound \\(no samples\\)"
  refused cut_10.wav "it is cut short inside its header"
  refused cut_in_fmt.wav "its fmt chunk is cut short"
  refused no_data.wav "it has no sample data \\(no data chunk\\)"
  refused fmt_small.wav "its fmt chunk is too small \\(8 bytes\\)"
  refused fmt_huge.wav "its fmt chunk is cut short"
  refused data_first.wav "its sample data comes before its fmt chunk"
  refused list_past_end.wav "its chunk 'LIST' runs past the end of the file"
  refused garbage.wav "its chunk '.*' runs past the end of the file|it has no sample data \\(no data chunk\\)"
  refused rifx.wav "it is a RIFX file; Pacer reads plain \\(RIFF\\) WAV files"
  refused empty.wav "it is an empty file"
  refused text.wav "it is not a recording Pacer reads \\(WAV, Ogg Vorbis, FLAC or MP3\\)"
}

case_ogg() {
  need_sox
  cd sounds || exit 2
  sox -n -r 22050 -c 2 good.ogg synth 1 sine 440 vol 0.5 2>/dev/null || fail "sox cannot write Ogg"
  # The first page: 27 bytes, one lacing value, then the 30-byte identification header at 28.
  [ "$(head -c 35 good.ogg | tail -c 7)" = "$(printf '\001vorbis')" ] || fail "good.ogg is not laid out as expected"
  cp good.ogg channels_0.ogg && gen patch channels_0.ogg 39 00
  cp good.ogg channels_200.ogg && gen patch channels_200.ogg 39 c8
  cp good.ogg rate_0.ogg && gen patch rate_0.ogg 40 00000000
  cp good.ogg rate_huge.ogg && gen patch rate_huge.ogg 40 ffffffff
  cp good.ogg blocks.ogg && gen patch blocks.ogg 56 ee
  cp good.ogg version.ogg && gen patch version.ogg 4 01
  cp good.ogg opus.ogg && gen patch opus.ogg 28 4f707573486561640100
  cp good.ogg not_vorbis.ogg && gen patch not_vorbis.ogg 28 02
  head -c 20 good.ogg >cut_20.ogg
  head -c 50 good.ogg >cut_50.ogg
  # a valid first page, then garbage where the other headers belong
  { head -c 58 good.ogg; head -c 3000 /dev/zero | tr '\000' '\245'; } >garbage.ogg
  # the last page's position says far longer than the limit
  cp good.ogg granule_huge.ogg && gen ogg-last-granule granule_huge.ogg 100000000
  cd .. || exit 2

  accepted good.ogg
  refused channels_0.ogg "it has 0 channels"
  refused channels_200.ogg "it has 200 channels; recordings may have at most 8"
  refused rate_0.ogg "its sample rate, 0 Hz, is outside 8000 to 96000 Hz"
  refused rate_huge.ogg "its sample rate, 4294967295 Hz, is outside 8000 to 96000 Hz"
  refused blocks.ogg "its Vorbis block sizes \\(2\\^14, 2\\^14\\) are not valid"
  refused version.ogg "its Ogg page has version 1; only version 0 exists"
  refused opus.ogg "it is Ogg Opus; Pacer reads Ogg Vorbis, WAV, FLAC and MP3"
  refused not_vorbis.ogg "it is an Ogg file, but not Ogg Vorbis"
  refused cut_20.ogg "it is cut short inside its first Ogg page"
  refused cut_50.ogg "it is cut short inside its first Ogg page"
  refused garbage.ogg "it cannot be decoded \\(not a whole Ogg Vorbis stream\\)"
  refused granule_huge.ogg "it lasts 76 minutes; recordings may be at most 15 minutes"
}

case_flac() {
  need_sox
  cd sounds || exit 2
  sox -n -r 44100 -c 1 -b 16 good.flac synth 1 sine 440 vol 0.5 2>/dev/null || fail "sox cannot write FLAC"
  cp good.flac rate_0.flac && gen flac-info rate_0.flac rate 0
  cp good.flac rate_huge.flac && gen flac-info rate_huge.flac rate 655350
  cp good.flac minblk_0.flac && gen flac-info minblk_0.flac minblk 0
  cp good.flac not_streaminfo.flac && gen patch not_streaminfo.flac 4 01
  cp good.flac invalid_block.flac && gen patch invalid_block.flac 4 7f
  head -c 6 good.flac >cut_6.flac
  head -c 30 good.flac >cut_30.flac
  # the stream header alone, marked as the last metadata block: no audio
  { head -c 42 good.flac; } >no_frames.flac && gen patch no_frames.flac 4 80
  # a valid stream header, then garbage instead of frames
  { head -c 42 good.flac; head -c 5000 /dev/zero | tr '\000' '\245'; } >garbage.flac && gen patch garbage.flac 4 80
  # the header's total says two hours
  cp good.flac total_huge.flac && gen flac-info total_huge.flac total 317520000
  cd .. || exit 2

  accepted good.flac
  refused rate_0.flac "its sample rate, 0 Hz, is outside 8000 to 96000 Hz"
  refused rate_huge.flac "its sample rate, 655350 Hz, is outside 8000 to 96000 Hz"
  refused minblk_0.flac "its block sizes \\(0 to [0-9]+\\) are not valid"
  refused not_streaminfo.flac "its first metadata block is not a stream header \\(STREAMINFO\\)"
  refused invalid_block.flac "it has a metadata block of the invalid type 127"
  refused cut_6.flac "it is cut short inside its metadata"
  refused cut_30.flac "it is cut short inside its metadata"
  refused no_frames.flac "it holds no sound \\(no audio frames\\)"
  refused garbage.flac "it holds no sound \\(nothing could be decoded\\)"
  refused total_huge.flac "it lasts 120 minutes; recordings may be at most 15 minutes"
}

case_mp3() {
  cd sounds || exit 2
  gen mp3 good.mp3 1 0 9 100 -1
  gen mp3 mpeg2.mp3 2 1 8 100 -1
  gen mp3 mpeg25.mp3 25 2 1 100 -1
  gen mp3 xing_true.mp3 1 0 9 101 100
  gen mp3 free_format.mp3 1 0 0 20 -1
  gen mp3 one_xing_frame.mp3 1 0 9 1 0
  head -c 300 good.mp3 >cut_in_frame.mp3
  # junk in the middle: a resync would print libmpg123's notes
  { head -c 4170 good.mp3; head -c 600 /dev/zero | tr '\000' '\022'; tail -c +4171 good.mp3; } >junk.mp3
  # a frame of another sample rate after the first
  gen mp3 r48.mp3 1 1 9 10 -1
  cat good.mp3 r48.mp3 >rate_change.mp3
  # ID3 tags: size past the end, size bytes that are not syncsafe, a good one
  { printf 'ID3\003\000\000\177\177\177\177'; cat good.mp3; } >id3_past_end.mp3
  { printf 'ID3\003\000\000\000\000\200\000'; cat good.mp3; } >id3_not_syncsafe.mp3
  { printf 'ID3\003\000\000\000\000\000\012'; head -c 10 /dev/zero; cat good.mp3; } >id3_good.mp3
  { printf 'ID3\003\000\000\000\000\000\012'; head -c 10 /dev/zero; head -c 3000 /dev/zero | tr '\000' '\245'; } >id3_garbage.mp3
  # an ID3v1 tag at the end is fine
  { cat good.mp3; printf 'TAG'; head -c 125 /dev/zero; } >id3v1.mp3
  cd .. || exit 2

  accepted good.mp3
  accepted mpeg2.mp3
  accepted mpeg25.mp3
  accepted xing_true.mp3
  accepted id3_good.mp3
  accepted id3v1.mp3
  refused free_format.mp3 "it is not a recording Pacer reads \\(no MPEG audio frame where one must begin\\)"
  refused one_xing_frame.mp3 "it holds no sound \\(no whole MPEG audio frame\\)"
  refused cut_in_frame.mp3 "it holds no sound \\(no whole MPEG audio frame\\)"
  refused junk.mp3 "it holds bytes that are not MPEG audio at byte 4170"
  refused rate_change.mp3 "it changes its sample rate at byte 41700"
  refused id3_past_end.mp3 "its ID3 tag runs past the end of the file"
  refused id3_not_syncsafe.mp3 "its ID3 tag has a size that is not valid"
  refused id3_garbage.mp3 "it is not a recording Pacer reads \\(no MPEG audio frame where one must begin\\)"
}

# Item 11 of issue 12: headers that understate the length. The decoded length is counted as
# it goes and decoding stops at the limit: refused with little memory, whatever the header.
# The peak memory is measured with GNU time (a bound far below what decoding it all takes).
case_lying_lengths() {
  command -v /usr/bin/time >/dev/null || { echo "[$case] skipped: no /usr/bin/time"; exit 77; }
  cd sounds || exit 2
  # MPEG-2.5 layer III at 8 kbps: 72 ms a frame; 28,000 frames are 34 minutes in 2 MB, and
  # the Xing header says 10 frames.
  gen mp3 xing_lies.mp3 25 2 1 28000 10
  # a Xing header that lies, on a short file: plays, and libmpg123 prints nothing
  gen mp3 xing_lies_short.mp3 1 0 9 100 10
  if command -v sox >/dev/null; then
    # 20 minutes of silence whose FLAC header says 1 second
    sox -n -r 8000 -c 1 -b 16 long.flac trim 0 1200 2>/dev/null || fail "sox cannot write FLAC"
    gen flac-info long.flac total 8000
    # and with no total at all
    cp long.flac long_unknown.flac && gen flac-info long_unknown.flac total 0
    # 20 minutes of Ogg whose last page says 1 second
    sox -n -r 8000 -c 1 long.ogg trim 0 1200 2>/dev/null || fail "sox cannot write Ogg"
    gen ogg-last-granule long.ogg 8000
  fi
  cd .. || exit 2
  local f kb
  for f in sounds/*; do
    case $f in *xing_lies_short*) continue ;; esac
    session "$f"
    run 1 /usr/bin/time -f 'maxrss %M' -o "$work/time" "$pacer" check s.lua
    grep -qE "error: say: the recording '$f' cannot be used \\(it lasts more than 15 minutes; recordings may be at most 15 minutes\\)" \
      "$work/err" || fail "$f: not refused as too long: $(cat "$work/err")"
    kb=$(sed -n 's/^maxrss //p' "$work/time")
    echo "[$case] $f: refused, peak memory $((kb / 1024)) MB"
    # 15 minutes at 8 kHz decode to 29 MB of float; all of it would be 10 times more
    [ "$kb" -lt $((250 * 1024)) ] || fail "$f: $((kb / 1024)) MB of memory to refuse it"
  done
  accepted xing_lies_short.mp3
  run 0 "$pacer" render s.lua -o "$work/x.wav"
  ! grep -qiE 'note:|warning:|frankenstein|mpg123' "$work/err" || fail "libmpg123 printed: $(cat "$work/err")"
}

# Not regular files, and links out of the session's folder (include's rule): refused, never
# opened, never a hang. The ambience follows the same rule.
case_fifo_and_links() {
  mkfifo sounds/fifo.wav || fail "cannot make a FIFO"
  refused fifo.wav "it is a pipe \\(FIFO\\), not a file"
  mkdir sounds/folder.wav
  refused folder.wav "it is a folder, not a file"
  ln -s /etc/passwd sounds/passwd.wav
  refused passwd.wav "it leads outside the session's folder"
  "$recgen" wav "$work/outside.wav" 1 1 44100 16 2 4410 || fail "recgen"
  ln -s "$work/outside.wav" sounds/outside.wav
  refused outside.wav "it leads outside the session's folder"
  ln -s ../../outside.wav sounds/relative.wav
  refused relative.wav "it leads outside the session's folder"
  # a folder on the way that is a link out
  mkdir -p "$work/elsewhere"
  cp "$work/outside.wav" "$work/elsewhere/x.wav"
  ln -s "$work/elsewhere" sounds/away
  refused away/x.wav "it leads outside the session's folder"
  # a link that stays inside is fine
  "$recgen" wav sounds/inside.wav 1 1 44100 16 2 4410 || fail "recgen"
  ln -s inside.wav sounds/link_inside.wav
  accepted link_inside.wav
  # missing: a warning only (not recorded yet), with the reason
  session sounds/nothere.wav
  run 0 "$pacer" check s.lua
  grep -qxF "s.lua:3:3: warning: say: the recording 'sounds/nothere.wav' cannot be used (No such file or directory); its text will be spoken instead" \
    "$work/err" || fail "missing file: $(cat "$work/err")"
  # the ambience
  for f in fifo.wav passwd.wav outside.wav; do
    printf 'return session {\n  title = "Ambience",\n  ambience = "sounds/%s",\n  say "Breathe.",\n}\n' "$f" >a.lua
    run 1 "$pacer" check a.lua
    grep -qE "^a.lua: error: session: the ambience 'sounds/$f' cannot be used \\(.+\\); the session plays without it$" \
      "$work/err" || fail "ambience $f: $(cat "$work/err")"
    [ "$(wc -l <"$work/err")" -eq 1 ] || fail "ambience $f: more than one line"
  done
}

# The SIGFPE of issue 12: a WAV with 0 channels, as a recording and as the ambience, through
# every command that reads recordings. None may die of a signal; each reports the file.
case_every_command() {
  "$recgen" wav sounds/zero.wav 1 0 44100 16 2 1000 || fail "recgen"
  session sounds/zero.wav
  printf 'return session {\n  title = "Ambience",\n  ambience = "sounds/zero.wav",\n  say "Breathe.",\n}\n' >a.lua
  local s
  for s in s.lua a.lua; do
    run 1 "$pacer" check "$s"
    run 0 "$pacer" render "$s" -o "$work/out.wav"
    grep -q "zero.wav' cannot be used (it has 0 channels)" "$work/err" || fail "render $s: $(cat "$work/err")"
    run 0 "$pacer" render "$s" -o "$work/out.ogg"
    run 0 "$pacer" timeline "$s"
    run 0 "$pacer" timeline --json "$s"
    run 0 "$pacer" snapshot "$s" --at 1 -o "$work/out.png"
    run 0 "$pacer" play --audio-only "$s"
    grep -q "zero.wav' cannot be used (it has 0 channels)" "$work/err" || fail "play $s: $(cat "$work/err")"
  done
}

declare -F "case_$case" >/dev/null || { echo "unknown case '$case'" >&2; exit 2; }
"case_$case"
echo "[$case] ok"
