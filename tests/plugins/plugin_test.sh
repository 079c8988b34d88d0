#!/usr/bin/env bash
# plugin_test.sh - plugins, good and bad, through the real pacer binary.
#
#   plugin_test.sh PACER BINDIR SRCDIR PNGDIFF CASE
#
# BINDIR is this folder in the build tree (the bad plugins are in BINDIR/bad, the good test
# plugins in BINDIR/good), SRCDIR this folder in the sources, PNGDIFF the picture comparer.
# One case per ctest test (see CMakeLists.txt); `plugin_test.sh - - - - list` names them.
#
# Each case works in a fresh temporary folder with its own XDG data and cache folders (no
# user plugin or cache is read or written) and fails on the first broken expectation with a
# line saying which. Every pacer run must exit below 128 (no signal, no crash) with the exit
# status expected and print no sanitizer report.
set -u

if [ $# -ne 5 ]; then
  echo "usage: $0 PACER BINDIR SRCDIR PNGDIFF CASE" >&2
  exit 2
fi
pacer=$1 bin=$2 src=$3 pngdiff=$4 case=$5

# The case's folder and environment (not for `list`).
setup() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/pacer-plugins.XXXXXX") || exit 2
  trap 'rm -rf "$work"' EXIT
  export XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" LC_ALL=C
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
  unset PACER_NO_PLUGINS PACER_SESSIONS
  # No speech unless a case asks for it: timings are then estimated, the same on every machine.
  export PACER_NO_SPEECH=1
  # Real paths: the loader reports dlopen's errors with the file's real path.
  bad=$(cd "$bin/bad" && pwd -P) || exit 2
  good=$(cd "$bin/good" && pwd -P) || exit 2
  sessions="$src/sessions"
  shipped=$(cd "$(dirname "$pacer")/plugins" && pwd -P) || exit 2
  cd "$work" || exit 2
}

fail() {
  echo "FAIL [$case]: $*" >&2
  for f in out err; do
    if [ -s "$work/$f" ]; then
      echo "--- std$f of the last run:" >&2
      head -c 4000 "$work/$f" | LC_ALL=C sed "s/$(printf '\033')/\\\\x1B/g" >&2
    fi
  done
  exit 1
}
note() { echo "[$case] $*"; }

# run RC CMD...: runs CMD with stdout in ./out and stderr in ./err; the exit status must be
# RC, below 128, and stderr free of sanitizer reports.
run() {
  local want=$1 rc
  shift
  "$@" >"$work/out" 2>"$work/err" </dev/null
  rc=$?
  if grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$work/err"; then
    fail "sanitizer report from: $*"
  fi
  [ "$rc" -lt 128 ] || fail "killed by signal $((rc - 128)): $*"
  [ "$rc" -eq "$want" ] || fail "exit status $rc, expected $want: $*"
}

# err_is LINE...: stderr is exactly these lines.
err_is() {
  printf '%s\n' "$@" >"$work/want"
  diff -u "$work/want" "$work/err" >"$work/diff" || fail "stderr is not as expected:
$(cat "$work/diff")"
}
err_empty() { [ ! -s "$work/err" ] || fail "stderr is not empty"; }
out_has() { grep -qF -- "$1" "$work/out" || fail "stdout does not say '$1'"; }
out_lacks() { ! grep -qF -- "$1" "$work/out" || fail "stdout says '$1'"; }
no_esc() {
  local f
  for f in "$@"; do
    ! grep -q "$(printf '\033')" "$work/$f" || fail "a raw ESC byte reached std$f"
  done
}

# The three shipped plugins are loaded from the plugins folder beside the program, whatever
# else was refused.
shipped_listed() {
  out_has "pmr 1.0.0  "
  out_has "resonance 1.0.0  "
  out_has "walk 1.0.0  "
  out_has "  step types: resonance"
}

# refused FILE LINE...: FILE is refused with exactly these lines on stderr, and pacer runs on:
# `pacer plugins` lists the shipped plugins but not FILE and exits 1; `pacer check` of a
# session that does not use FILE passes.
refused() {
  local file=$1
  shift
  run 1 "$pacer" --plugin "$file" plugins
  err_is "$@"
  shipped_listed
  out_lacks "$file"
  run 0 "$pacer" --plugin "$file" check "$sessions/unaffected.lua"
  err_is "$@"
  out_has "unaffected.lua: ok, "
  # a plugin given after it still loads
  run 1 "$pacer" --plugin "$file" --plugin "$good/tide.so" plugins
  err_is "$@"
  out_has "tide 0.1.0  $good/tide.so"
}

# refused_as FILE REASON: the one-line refusal "pacer: plugin FILE refused: REASON".
refused_as() { refused "$1" "pacer: plugin $1 refused: $2"; }

# refused_step FILE REASON: the one line of a refused registration.
refused_step() { refused "$1" "pacer: plugin $1: step type refused: $2"; }

# not_a_step NAME FILE: after FILE was refused, NAME is no step type.
not_a_step() {
  printf 'return session {\n  title = "Gone",\n  %s(2),\n}\n' "$1" >"$work/gone.lua"
  run 1 "$pacer" --plugin "$2" check gone.lua
  grep -qxF "gone.lua:3:3: error: unknown name '$1'" "$work/err" ||
    fail "a step type of a refused plugin is still usable"
}

# ---- files that are not plugins for this machine ----
case_not_elf() { refused_as "$bad/notelf.so" "not a shared library (not an ELF file)"; }
case_empty_file() { refused_as "$bad/empty.so" "not a shared library (not an ELF file)"; }
case_truncated_elf() { refused_as "$bad/truncated.so" "not a shared library (not an ELF file)"; }
case_wrong_arch() {
  if [ "$(uname -m)" != x86_64 ]; then
    note "skipped: the expected message names x86-64"
    exit 77
  fi
  refused_as "$bad/arm64.so" "built for 64-bit ARM (aarch64); this machine is x86-64"
}
case_wrong_class() { refused_as "$bad/class32.so" "built for 32-bit programs; this Pacer is 64-bit"; }
case_elf_object() { refused_as "$bad/object.so" "not a shared library (an ELF object file)"; }
case_elf_program() { refused_as "$bad/program_exec.so" "not a shared library (an ELF program)"; }
case_elf_pie() {
  # A position-independent program is ET_DYN like a library; dlopen refuses it, in words
  # that vary with the C library.
  local f="$bad/program_pie.so"
  run 1 "$pacer" --plugin "$f" plugins
  [ "$(wc -l <"$work/err")" -eq 1 ] || fail "expected one line on stderr"
  grep -qE "^pacer: plugin $f refused: it cannot be loaded \($f: .+\)$" "$work/err" ||
    fail "not the refusal expected"
  shipped_listed
  run 0 "$pacer" --plugin "$f" check "$sessions/unaffected.lua"
  [ "$(wc -l <"$work/err")" -eq 1 ] || fail "expected one line on stderr"
  # it was never run: its main prints a line
  out_lacks "this is a program"
}
case_missing_file() { refused_as "$work/nothing.so" "cannot read it: No such file or directory"; }
case_undefined_symbol() {
  refused_as "$bad/undefined.so" \
    "it cannot be loaded ($bad/undefined.so: undefined symbol: pacer_test_symbol_that_does_not_exist)"
}

# ---- the entry symbol and the pacer_plugin description ----
case_no_entry() { refused_as "$bad/no_entry.so" "it has no pacer_plugin_entry_v1 (is it a Pacer plugin?)"; }
case_entry_v0() { refused_as "$bad/entry_v0.so" "it was built for the old plugin ABI 0; rebuild it against ABI 1"; }
case_entry_v2() { refused_as "$bad/entry_v2.so" "it was built for plugin ABI 2; this Pacer has ABI 1"; }
case_abi_major_2() { refused_as "$bad/major_2.so" "it was built for plugin ABI 2; this Pacer has ABI 1"; }
case_abi_minor_newer() {
  refused_as "$bad/minor_newer.so" "it needs plugin ABI 1.3; this Pacer has 1.2 (update Pacer)"
}
case_struct_too_small() { refused_as "$bad/too_small.so" "its description is too small for ABI 1"; }
case_entry_null() { refused_as "$bad/entry_null.so" "its description is missing"; }
case_null_init() { refused_as "$bad/null_init.so" "it has no init function"; }
case_bad_plugin_name() {
  refused_as "$bad/bad_name.so" "its name must be lowercase letters, digits, - or _"
}
case_init_fails() { refused_as "$bad/init_fails.so" "its init failed (-1)"; }
case_init_fails_late() {
  # It registered a step type before failing: that is taken back.
  refused_as "$bad/init_fails_late.so" "its init failed (-1)"
  not_a_step late_step "$bad/init_fails_late.so"
}
case_registers_nothing() {
  # Its log line comes first, under the plugin's name.
  refused "$bad/registers_nothing.so" "pacer: plugin bad: initialised, but with nothing to add" \
    "pacer: plugin $bad/registers_nothing.so refused: it registered no step types"
}

# ---- registrations ----
case_taken_builtin() {
  refused_step "$bad/taken_builtin.so" "step type 'hold' is already registered"
  # the built-in hold is still the built-in
  run 0 "$pacer" --plugin "$bad/taken_builtin.so" timeline "$sessions/unaffected.lua"
  grep -qE '^00:00\.000 +1 hold +phase +hold' "$work/out" || fail "hold is not the built-in hold"
}
case_taken_plugin() {
  refused_step "$bad/taken_plugin.so" "step type 'resonance' is already registered"
  run 1 "$pacer" --plugin "$bad/taken_plugin.so" plugins
  out_has "resonance 1.0.0  $shipped/resonance.so"
}
case_default_range() {
  refused_step "$bad/default_range.so" "step type 'reg_step': field 'seconds' has a default outside its range"
}
case_enum_no_choices() {
  refused_step "$bad/enum_no_choices.so" "step type 'reg_step': enum field 'sound' has no choices"
}
case_enum_default() {
  refused_step "$bad/enum_default.so" \
    "step type 'reg_step': field 'sound' has a default that is not one of its choices"
}
case_field_name() { refused_step "$bad/field_name.so" "step type 'reg_step': a field has an invalid name"; }
case_dup_field() { refused_step "$bad/dup_field.so" "step type 'reg_step': field 'seconds' is declared twice"; }
case_field_doc() { refused_step "$bad/field_doc.so" "step type 'reg_step': field 'seconds' has no doc line"; }
case_type_small() {
  # sizeof(pacer_step_type) on a 64-bit machine
  refused_step "$bad/type_small.so" "a step type declaration is smaller than this Pacer's (64 bytes)"
}
case_step_name() {
  refused_step "$bad/step_name.so" "a step type has an invalid name (lowercase letters, digits and _ only)"
}
case_step_doc() { refused_step "$bad/step_doc.so" "step type 'reg_step' has no doc line"; }
case_no_expand() { refused_step "$bad/no_expand.so" "step type 'reg_step' has no expand function"; }
case_bad_range() { refused_step "$bad/bad_range.so" "step type 'reg_step': field 'seconds' has an invalid range"; }
case_field_type() { refused_step "$bad/field_type.so" "step type 'reg_step': field 'colour' has an unknown type 99"; }

# The same moment drawn with and without the plugin: identical pictures.
same_picture() {
  local plugin=$1 at=$2
  run 0 "$pacer" snapshot "$sessions/unaffected.lua" --at "$at" -o "$work/without.png"
  run 0 "$pacer" --plugin "$plugin" snapshot "$sessions/unaffected.lua" --at "$at" -o "$work/with.png"
  cmp -s "$work/without.png" "$work/with.png" || fail "a refused draw hook changed the picture at $at s"
}
case_draw_builtin() {
  local f="$bad/draw_builtin.so"
  refused "$f" "pacer: plugin $f: a draw hook for 'hold' refused: it may draw only its own step types"
  not_a_step reg_step "$f"
  same_picture "$f" 1 # during the hold
}
case_draw_plugin() {
  local f="$bad/draw_plugin.so"
  refused "$f" "pacer: plugin $f: a draw hook for 'resonance' refused: it may draw only its own step types"
  not_a_step reg_step "$f"
  same_picture "$f" 5 # during resonance
}
case_draw_null() {
  # A NULL draw function for its own step type. (The reason given, "it may draw only its own
  # step types", is not the real one; the line is checked up to the reason.)
  local f="$bad/draw_null.so"
  run 1 "$pacer" --plugin "$f" plugins
  [ "$(wc -l <"$work/err")" -eq 1 ] || fail "expected one line on stderr"
  grep -qE "^pacer: plugin $f: a draw hook for 'reg_step' refused: " "$work/err" || fail "not the refusal expected"
  shipped_listed
  not_a_step reg_step "$f"
}
case_same_twice() {
  refused_step "$bad/same_twice.so" "step type 'reg_step' is already registered"
  not_a_step reg_step "$bad/same_twice.so"
}

# ---- invalid events from a plugin that loads fine ----
case_events_load() {
  run 0 "$pacer" --plugin "$bad/events.so" plugins
  err_empty
  out_has "badevents 0.0.1  $bad/events.so"
  out_has "  step types: neg_length nan_pitch past_end"
  shipped_listed
  run 0 "$pacer" --plugin "$bad/events.so" check --werror "$sessions/unaffected.lua"
  err_empty
}

# event STEP MESSAGE: a session using STEP fails to compile, at the step's line, under check,
# timeline and render; render leaves no file.
event() {
  local step=$1 msg=$2 body="$1 {}"
  case $step in small_scope | bad_set) body="$step { wait(1) }" ;; esac
  printf 'return session {\n  title = "Bad event",\n  hold(1),\n  %s,\n  bell(),\n}\n' "$body" >"$work/ev.lua"
  local want="ev.lua:4:3: error: $step: $msg"
  run 1 "$pacer" --plugin "$bad/events.so" check ev.lua
  err_is "$want"
  [ ! -s "$work/out" ] || fail "check printed a result for a session that failed"
  run 1 "$pacer" --plugin "$bad/events.so" timeline ev.lua
  err_is "$want"
  run 1 "$pacer" --plugin "$bad/events.so" render ev.lua -o "$work/ev.wav"
  grep -qxF "$want" "$work/err" || fail "render does not give the error"
  [ ! -e "$work/ev.wav" ] || fail "render wrote a file for a session that failed"
}
case_event_neg_length() {
  event neg_length "a phase's length must be a finite number of seconds, not negative (got -1)"
}
case_event_nan_pitch() { event nan_pitch "a tone's pitch must be 20 to 8000 Hz (got nan)"; }
case_event_past_end() { event past_end "a tone event at 5.000 s reaches past the step's end at 1.000 s"; }
case_event_phase_past_end() {
  event phase_past_end "a phase event at 0.000 s reaches past the step's end at 2.000 s"
}
case_event_neg_advance() {
  event neg_advance "a step's length must be a finite number of seconds, not negative (got -1)"
}
case_event_inf_start() { event inf_start "a cue's start must be a finite number of seconds, not negative (got inf)"; }
case_event_neg_start() {
  event neg_start "a tone's start must be a finite number of seconds, not negative (got -0.5)"
}
case_event_huge_start() { event huge_start "a phase's start of 1e+09 s is longer than a session may be"; }
case_event_bad_phase_kind() { event bad_phase_kind "unknown phase kind 42"; }
case_event_bad_sound() { event bad_sound "unknown preset sound 99"; }
case_event_bad_shape() { event bad_shape "unknown tone shape 9"; }
case_event_small_tone() { event small_tone "a tone description is smaller than this Pacer's"; }
case_event_bad_rep() { event bad_rep "rep 3 of 2 is not a valid count"; }
case_event_no_file() { event no_file "a recording needs a file"; }
case_event_small_scope() { event small_scope "a scope description is smaller than this Pacer's"; }
case_event_bad_set() { event bad_set "set 3 of 2 is not a valid count"; }
case_event_fails() { event fails "the ceiling is out of reach"; }
case_event_fails_silently() { event fails_silently "the step could not be expanded (error -3)"; }
case_event_invalid_silently() { event invalid_silently "the step is not valid (error -5)"; }
case_event_odd_fields() {
  # Field indexes out of range read as 0 / NULL: the step is fine.
  printf 'return session {\n  title = "Odd fields",\n  odd_fields {},\n}\n' >"$work/odd.lua"
  run 0 "$pacer" --plugin "$bad/events.so" check --werror odd.lua
  err_empty
  out_has "odd.lua: ok, 00:01, 1 steps, 0 warnings"
}

# ---- loading ----
case_same_file_twice() {
  # The same file by several names, and a shipped plugin again by its path: each loads once.
  ln -s "$good/tide.so" "$work/link.so"
  cd "$good" || fail "cannot enter $good"
  run 0 "$pacer" --plugin "$good/tide.so" --plugin ./tide.so --plugin "$work/link.so" \
    --plugin "$good/../good/tide.so" --plugin "$shipped/resonance.so" plugins
  cd "$work" || fail "cannot enter $work"
  err_empty
  [ "$(grep -c '^tide 0.1.0  ' "$work/out")" -eq 1 ] || fail "tide is not listed exactly once"
  [ "$(grep -c '^resonance 1.0.0  ' "$work/out")" -eq 1 ] || fail "resonance is not listed exactly once"
  out_has "tide 0.1.0  $good/tide.so"
  printf 'return session {\n  title = "Twice",\n  tide { breaths = 1 },\n}\n' >"$work/twice.lua"
  run 0 "$pacer" --plugin "$good/tide.so" --plugin "$work/link.so" check --werror twice.lua
  err_empty
}
case_side_by_side() {
  run 0 "$pacer" --plugin "$good/tide.so" --plugin "$good/ladder.so" plugins
  err_empty
  out_has "tide 0.1.0  $good/tide.so"
  out_has "  step types: tide"
  out_has "ladder 0.1.0  $good/ladder.so"
  out_has "  step types: ladder"
  shipped_listed
  cat >"$work/both.lua" <<'EOF'
return session {
  title = "Side by side",
  tide { breaths = 2 },
  ladder { rungs = 2, hold(2), tide { breaths = 1 } },
  resonance { minutes = 1, speak_cycles = 0 },
}
EOF
  run 0 "$pacer" --plugin "$good/tide.so" --plugin "$good/ladder.so" check --werror both.lua
  err_empty
  out_has "both.lua: ok, "
  run 0 "$pacer" --plugin "$good/tide.so" --plugin "$good/ladder.so" timeline --json both.lua
  # Each plugin uses its own pacer_test_shared_seconds (RTLD_LOCAL): tide rests 1 s, ladder 2 s.
  grep -q '"len":48000,"kind":"phase","step":[0-9]*,"phase":"rest","text":"Tide rest"' "$work/out" ||
    fail "tide's rest is not 1 s"
  grep -q '"len":96000,"kind":"phase","step":[0-9]*,"phase":"rest","text":"Ladder rest"' "$work/out" ||
    fail "ladder's rest is not 2 s: the plugins share a symbol"
  ! grep -q '"len":96000,"kind":"phase","step":[0-9]*,"phase":"rest","text":"Tide rest"' "$work/out" ||
    fail "tide's rest is 2 s: the plugins share a symbol"
  # ladder's children run as set 1 and 2 of 2
  grep -q '"kind":"phase","step":[0-9]*,"phase":"hold","rep":1,"reps":1,"set":2,"sets":2}' "$work/out" ||
    fail "ladder's second rung is not set 2 of 2"
  grep -q '"kind":"phase","step":[0-9]*,"phase":"inhale","rep":1,"reps":1,"set":2,"sets":2,"text":"Tide in"}' \
    "$work/out" || fail "tide inside ladder is not in set 2 of 2"
}
case_user_folder() {
  mkdir -p "$XDG_DATA_HOME/pacer/plugins"
  cp "$good/tide.so" "$XDG_DATA_HOME/pacer/plugins/"
  run 0 "$pacer" plugins
  err_empty
  out_has "tide 0.1.0  $(cd "$XDG_DATA_HOME/pacer/plugins" && pwd -P)/tide.so"
  shipped_listed
  printf 'return session {\n  title = "Mine",\n  tide { breaths = 2 },\n}\n' >"$work/mine.lua"
  run 0 "$pacer" check --werror mine.lua
  err_empty
  # and PACER_NO_PLUGINS loads none
  PACER_NO_PLUGINS=1 run 0 "$pacer" plugins
  out_has "No plugins loaded."
}
case_refused_in_folder() {
  local dir="$XDG_DATA_HOME/pacer/plugins"
  mkdir -p "$dir"
  cp "$bad/notelf.so" "$bad/taken_builtin.so" "$good/tide.so" "$dir/"
  run 1 "$pacer" plugins
  err_is "pacer: plugin $dir/notelf.so refused: not a shared library (not an ELF file)" \
    "pacer: plugin $dir/taken_builtin.so: step type refused: step type 'hold' is already registered"
  out_has "tide 0.1.0  "
  shipped_listed
  printf 'return session {\n  title = "Mine",\n  tide { breaths = 2 },\n  hold(1),\n}\n' >"$work/mine.lua"
  run 0 "$pacer" check mine.lua
  out_has "mine.lua: ok, "
}
case_misspelt_field() {
  printf 'return session {\n  title = "Misspelt",\n  resonance { rat = 6, minutes = 1 },\n}\n' >"$work/mis.lua"
  run 1 "$pacer" check mis.lua
  err_is "mis.lua:3:3: error: resonance: unknown field 'rat'; did you mean 'rate'?"
  # a plugin's checks: out of range, and its own validate
  printf 'return session {\n  title = "Range",\n  resonance { rate = 12 },\n}\n' >"$work/range.lua"
  run 1 "$pacer" check range.lua
  err_is "range.lua:3:3: error: resonance: 'rate' must be a number from 3 to 10, got 12"
  printf 'return session {\n  title = "Faster",\n  resonance { rate = 6, start_rate = 5 },\n}\n' >"$work/v.lua"
  run 1 "$pacer" check v.lua
  err_is "v.lua:3:3: error: resonance: 'start_rate' (5) must not be slower than 'rate' (6): the rate only slows down"
}
case_hostile_text() {
  # A plugin's labels, cues and cards with control sequences: escaped wherever pacer prints them.
  printf 'return session {\n  title = "Escapes",\n  escape_label {},\n}\n' >"$work/esc.lua"
  run 0 "$pacer" --plugin "$bad/events.so" check esc.lua
  no_esc out err
  run 0 "$pacer" --plugin "$bad/events.so" timeline esc.lua
  no_esc out err
  out_has "label"
  run 0 "$pacer" --plugin "$bad/events.so" timeline --json esc.lua
  no_esc out err
  # a failure message from a plugin
  printf 'return session {\n  title = "Escapes",\n  fails_escape {},\n}\n' >"$work/esc.lua"
  run 1 "$pacer" --plugin "$bad/events.so" check esc.lua
  no_esc out err
  grep -qE '^esc.lua:3:3: error: fails_escape: the .*ceiling.* is.*out of reach$' "$work/err" ||
    fail "the failure message is not one line at the step"
  [ "$(wc -l <"$work/err")" -eq 1 ] || fail "the failure message is not one line"
  # a plugin's log line
  run 0 "$pacer" --plugin "$bad/metadata.so" check "$sessions/unaffected.lua"
  no_esc out err
  # its log line (escaped, one line), then its refusal: a doc line with control characters
  [ "$(wc -l <"$work/err")" -eq 2 ] || fail "expected the log line and the refusal, one line each"
  grep -q "doc line that is not one line of plain text" "$work/err" || fail "the hostile doc line is not refused"
}
# A plugin's version and description are printed terminal-safe; its step type with a hostile
# doc line is refused, so the plugin is too.
case_hostile_plugin_list() {
  run 1 "$pacer" --plugin "$bad/metadata.so" plugins
  no_esc out err
  [ "$(grep -c '' "$work/out")" -eq 9 ] || fail "expected the three shipped plugins, three lines each"
  grep -q "metadata.so: step type refused: " "$work/err" || fail "the hostile plugin is not refused"
}
# Doc lines with control characters never reach the reference or the annotations.
case_hostile_reference() {
  run 0 "$pacer" --plugin "$bad/metadata.so" api-reference
  no_esc out err
  run 0 "$pacer" --plugin "$bad/metadata.so" api-reference --luals
  no_esc out err
  ! grep -q '^local injected' "$work/out" || fail "a plugin's doc line reached the annotations as Lua code"
}

# A FIFO named *.so in a plugin folder is refused without being opened for a blocking read.
case_fifo_plugin() {
  local dir="$XDG_DATA_HOME/pacer/plugins"
  mkdir -p "$dir"
  mkfifo "$dir/fifo.so" || fail "cannot make a FIFO"
  run 1 timeout 120 "$pacer" plugins # a hang guard: a blocking open never returns
  [ "$(wc -l <"$work/err")" -eq 1 ] || fail "expected one line on stderr"
  grep -qE "^pacer: plugin $dir/fifo.so refused: " "$work/err" || fail "the FIFO is not refused"
  shipped_listed
}
# Every --plugin is used, however many.
case_many_plugins() {
  local i args=()
  mkdir -p "$work/many"
  for i in $(seq 1 16); do
    cp "$bad/notelf.so" "$work/many/n$i.so"
    args+=(--plugin "$work/many/n$i.so")
  done
  run 1 "$pacer" "${args[@]}" --plugin "$good/tide.so" plugins
  [ "$(grep -c ' refused: ' "$work/err")" -eq 16 ] || fail "not 16 refusals"
  grep -qF "tide" "$work/out" "$work/err" || fail "the 17th --plugin, tide.so, is neither loaded nor named"
}

# ---- plugin steps through the whole program ----
case_timeline() {
  unset PACER_NO_SPEECH # the session speaks
  run 0 "$pacer" --plugin "$good/tide.so" timeline "$sessions/all_three.lua"
  err_empty
  grep -qE '^[0-9:.]+ +2 pmr +phase +hold +1/2 +Tense: hands and forearms$' "$work/out" || fail "no pmr phase"
  grep -qE '^[0-9:.]+ +4 resonance +phase +inhale +1/12 +6\.0 breaths a minute$' "$work/out" ||
    fail "no resonance phase"
  grep -qE '^[0-9:.]+ +7 walk +phase +hold +Walk$' "$work/out" || fail "no walk phase"
  grep -qE '^[0-9:.]+ +7 walk +speak +Start walking' "$work/out" || fail "no walk cue"
  run 0 "$pacer" timeline --json "$sessions/all_three.lua"
  for t in pmr resonance walk; do
    grep -q "\"type\":\"$t\"" "$work/out" || fail "the JSON timeline has no $t step"
  done
}
case_api_reference() {
  run 0 "$pacer" --plugin "$good/tide.so" api-reference
  err_empty
  for t in resonance pmr walk tide; do
    out_has "### \`$t\`"
  done
  out_has "(From the plugin \`tide\`.)"
  out_has "Even breaths with a soft tone at every phase, then a short rest"
  out_has "Number of breaths"
  out_has "Breaths per minute to settle at"
  run 0 "$pacer" --plugin "$good/tide.so" api-reference --luals
  out_has "function tide("
  out_has "function resonance("
  # without the plugin, no tide
  run 0 "$pacer" api-reference
  out_lacks "### \`tide\`"
}

# same_length WAV JSON: the render is as long as the timeline, to the frame.
same_length() {
  local frames
  frames=$(sed -n 's/^{"sample_rate":48000,"frames":\([0-9]*\),.*/\1/p' "$2")
  [ -n "$frames" ] || fail "no length in the timeline"
  [ "$(soxi -s "$1")" = "$frames" ] || fail "$(basename "$1") is not $frames frames long"
}

# rms WAV FRAME FRAMES: the RMS amplitude of FRAMES frames from FRAME.
rms() { sox "$1" -n trim "${2}s" "${3}s" stat 2>&1 | awk '/^RMS +amplitude/ {print $3}'; }

# sound_at_phases WAV JSON STEPTYPE [quiet]: sound right after every phase start of the step
# type; with "quiet", silence in the middle of every phase longer than 1.5 s too.
sound_at_phases() {
  local wav=$1 json=$2 type=$3 want_quiet=${4:-} steps n=0 frame len loud quiet
  steps=$(sed -n "s/^{\"index\":\([0-9]*\),.*\"type\":\"$type\".*/\1/p" "$json" | tr '\n' ' ')
  [ -n "$steps" ] || fail "no $type step in the timeline"
  for s in $steps; do
    while read -r frame len; do
      loud=$(rms "$wav" "$frame" 4800)
      awk -v v="$loud" 'BEGIN { exit !(v > 0.02) }' ||
        fail "$type: no sound at the phase start, frame $frame (RMS $loud)"
      if [ -n "$want_quiet" ] && [ "$len" -gt 72000 ]; then
        quiet=$(rms "$wav" $((frame + 48000)) 12000)
        awk -v v="$quiet" 'BEGIN { exit !(v < 0.001) }' ||
          fail "$type: sound in the middle of a phase, frame $((frame + 48000)) (RMS $quiet)"
      fi
      n=$((n + 1))
    done < <(sed -n "s/^{\"frame\":\([0-9]*\),.*\"len\":\([0-9]*\),\"kind\":\"phase\",\"step\":$s,.*/\1 \2/p" "$json")
  done
  [ $n -gt 0 ] || fail "$type: no phases"
  note "$type: sound at all $n phase starts"
}
case_render() {
  command -v sox >/dev/null || { note "skipped: no sox"; exit 77; }
  unset PACER_NO_SPEECH # pmr and walk speak
  cat >"$work/render.lua" <<'EOF'
return session {
  title = "Render",
  tide { breaths = 2, inhale = 3, exhale = 4 },
  resonance { rate = 6, minutes = 1, speak_cycles = 0 },
  pmr { "hands", "shoulders", tense = 4, release = 6, countdown = 0 },
  walk { minutes = 1, beat = false },
}
EOF
  run 0 "$pacer" --plugin "$good/tide.so" render render.lua -o "$work/render.wav"
  err_empty
  run 0 "$pacer" --plugin "$good/tide.so" timeline --json render.lua
  cp "$work/out" "$work/render.json"
  same_length "$work/render.wav" "$work/render.json"
  # tide and resonance (no speech) are silent between their tones
  sound_at_phases "$work/render.wav" "$work/render.json" tide quiet
  sound_at_phases "$work/render.wav" "$work/render.json" resonance quiet
  sound_at_phases "$work/render.wav" "$work/render.json" pmr
  sound_at_phases "$work/render.wav" "$work/render.json" walk
}
case_snapshot_visual() {
  # The same moment of two sessions alike but for the step: resonance (its own visual) and
  # a built-in breathe of the same timing. Only the visual's area may differ, and it must.
  cat >"$work/res.lua" <<'EOF'
return session {
  title = "Visual",
  resonance { rate = 6, ratio = 1.5, minutes = 1, speak_cycles = 0 },
}
EOF
  cat >"$work/br.lua" <<'EOF'
return session {
  title = "Visual",
  breathe { inhale = 4, exhale = 6, cycles = 6, speak_cycles = 0 },
}
EOF
  local at
  for at in 1.5 7; do
    run 0 "$pacer" snapshot res.lua --at $at --size 1280x720 -o "$work/res.png"
    run 0 "$pacer" snapshot br.lua --at $at --size 1280x720 -o "$work/br.png"
    run 0 "$pngdiff" "$work/res.png" "$work/br.png" 0 60 740 480
    read -r _ inside _ outside <"$work/out"
    [ "$inside" -gt 5000 ] || fail "at $at s the resonance visual looks like breathe's ($inside pixels differ)"
    [ "$outside" -eq 0 ] || fail "at $at s $outside pixels differ outside the visual"
  done
  # reduced motion: the plugin's bar, not breathe's
  run 0 "$pacer" snapshot res.lua --at 3 --reduced-motion -o "$work/res.png"
  run 0 "$pacer" snapshot br.lua --at 3 --reduced-motion -o "$work/br.png"
  run 0 "$pngdiff" "$work/res.png" "$work/br.png" 0 60 740 480
  read -r _ inside _ outside <"$work/out"
  [ "$inside" -gt 500 ] || fail "with reduced motion the resonance visual looks like breathe's"
  [ "$outside" -eq 0 ] || fail "with reduced motion $outside pixels differ outside the visual"
  # and the plugin draws over time: two moments of one inhale differ
  run 0 "$pacer" snapshot res.lua --at 1 -o "$work/a.png"
  run 0 "$pacer" snapshot res.lua --at 3 -o "$work/b.png"
  ! cmp -s "$work/a.png" "$work/b.png" || fail "the resonance visual does not move"
}
case_sessions_werror() {
  # with real speech: cue lengths decide the warnings
  unset PACER_NO_SPEECH
  local f n=0
  for f in "$sessions"/*.lua; do
    run 0 "$pacer" check --werror "$f"
    err_empty
    grep -qE "^.*$(basename "$f"): ok, [0-9:]+( \([0-9:]+ to [0-9:]+ by the answers\))?, [0-9]+ steps, 0 warnings$" "$work/out" || fail "$f is not ok"
    run 0 "$pacer" timeline "$f"
    n=$((n + 1))
  done
  [ $n -ge 4 ] || fail "only $n sessions"
  note "$n sessions check clean"
}

# ---- the installed SDK ----
case_sdk() {
  command -v sox >/dev/null || { note "skipped: no sox"; exit 77; }
  command -v cc >/dev/null || { note "skipped: no cc"; exit 77; }
  local build prefix pc
  build=$(dirname "$pacer")
  prefix="$work/prefix"
  cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 ||
    fail "cmake --install failed: $(tail -5 "$work/install.log")"
  pc=$(find "$prefix" -name pacer-plugin.pc | head -n 1)
  [ -n "$pc" ] || fail "no pacer-plugin.pc installed"
  [ "$pc" = "$prefix/share/pkgconfig/pacer-plugin.pc" ] || note "pacer-plugin.pc is at $pc"
  [ -x "$prefix/bin/pacer" ] || fail "no installed pacer"
  # Out of the tree: the plugin's source alone in an empty folder, the SDK through pkg-config.
  mkdir -p "$work/outside"
  cp "$src/sdk/sigh.c" "$work/outside/"
  local cflags
  cflags=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --cflags pacer-plugin) || fail "pkg-config knows no pacer-plugin"
  case $cflags in *"$src"* | *"$build"*) fail "the SDK's flags point into the source or build tree: $cflags" ;; esac
  (cd "$work/outside" && cc -fPIC -fvisibility=hidden $cflags -std=c17 -Wall -Wextra -Werror -shared -o sigh.so sigh.c) >"$work/cc.log" 2>&1 ||
    fail "the plugin does not build against the installed SDK: $(cat "$work/cc.log")"
  mkdir -p "$XDG_DATA_HOME/pacer/plugins"
  cp "$work/outside/sigh.so" "$XDG_DATA_HOME/pacer/plugins/"
  local installed="$prefix/bin/pacer"
  run 0 "$installed" plugins
  err_empty
  out_has "sigh 1.0.0  $(cd "$XDG_DATA_HOME/pacer/plugins" && pwd -P)/sigh.so"
  out_has "  step types: sigh"
  # the installed program finds the installed shipped plugins, not the build tree's
  out_has "resonance 1.0.0  $(cd "$prefix" && pwd -P)/lib"
  out_lacks "$build/plugins"
  cat >"$work/sigh_session.lua" <<'EOF'
return session {
  title = "Sighs",
  sigh { cycles = 2, exhale = 6 },
  bell(),
}
EOF
  run 0 "$installed" check --werror sigh_session.lua
  err_empty
  out_has "sigh_session.lua: ok, 00:20, 2 steps, 0 warnings"
  run 0 "$installed" render sigh_session.lua -o "$work/sigh.wav"
  err_empty
  run 0 "$installed" timeline --json sigh_session.lua
  cp "$work/out" "$work/sigh.json"
  same_length "$work/sigh.wav" "$work/sigh.json"
  sound_at_phases "$work/sigh.wav" "$work/sigh.json" sigh quiet
}

if [ "$case" = list ]; then
  declare -F | sed -n 's/^declare -f case_//p'
  exit 0
fi
if ! declare -F "case_$case" >/dev/null; then
  echo "unknown case '$case'" >&2
  exit 2
fi
setup
"case_$case"
note "ok"
exit 0
