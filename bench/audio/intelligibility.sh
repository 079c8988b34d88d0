#!/usr/bin/env bash
# (e) Intelligibility of the default voice: every distinct spoken cue of the shipped English
# sessions, cut out of the session's own render at its timeline frames (what the patient
# hears, tones included where they overlap), resampled to 16 kHz, transcribed by
# pocketsphinx (pocketsphinx_continuous, the US English model), and compared word by word
# with the cue's text. Word error rate = (substitutions + deletions + insertions) / words
# of the texts, over all cues (goal <= 25 %; <= 20 % on the new phrases); the per-cue mean and the worst cues are shown.
# sox runs with -R: its dither is then the same on every run, so the figures repeat exactly.
# ALONE=1 adds a control: each text rendered by itself in a one-cue session (same voice and
# rate, no tones around it), to tell the voice from what surrounds it in a session.
# SET=phrases measures instead the phrases of bench/audio/phrases.txt, written for this
# benchmark and never tuned to it, each rendered alone at RATE words a minute (default 150,
# the sessions' default). VOICE=engine:name (e.g. flite:rms) renders those phrases with another
# voice than the default, and in the sessions (copies of them that set it). With SET=phrases,
# REFERENCE=festival renders the phrases with Festival's HTS voice (festvox-us-slt-hts, through
# text2wave, at its own pace) instead of Pacer: a reference for the choice of voice, not Pacer.
# Every cue is brought to one standard speech level before the recognizer hears it: LEVEL dBov
# (default -26) of ITU-T P.56 active speech level (bench/speech_level.c), since pocketsphinx's
# score moves with its input level and voices compare fairly only at one level. LEVEL=asis
# keeps each cue at the level Pacer plays it.
# STREAM=1 plays the recognizer all the cues of the set as one recording, one after another
# with GAP seconds (default 1) between them, as a patient hears them in a session, instead of
# each cue to a recognizer of its own that has heard nothing before it.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_build
command -v pocketsphinx_continuous >/dev/null || { echo "pocketsphinx_continuous not found (Debian: pocketsphinx)"; exit 1; }
model=/usr/share/pocketsphinx/model/en-us
[ -d "$model" ] || { echo "$model not found (Debian: pocketsphinx-en-us)"; exit 1; }

cues="$scratch/cues"
mkdir -p "$cues"
n=0
: >"$scratch/seen"
# One text rendered by itself in a one-cue session: render_alone TEXT DIR ID LABEL
render_alone() {
  printf 'return session { title = "cue", rate = %s,%s say [[%s]] }\n' "${RATE:-150}" \
    "${VOICE:+ voice = \"$VOICE\",}" "$1" >"$2/$3.lua"
  "$pacer" render "$2/$3.lua" -o "$2/$3.48k.wav" 2>/dev/null
  sox -R "$2/$3.48k.wav" -r 16000 -b 16 "$2/$3.wav" pad 0.3 0.3
  printf '%s\n' "$1" >"$2/$3.ref"
  echo "$4" >"$2/$3.session"
  rm -f "$2/$3.48k.wav" "$2/$3.lua"
}
# One text rendered by Festival's HTS voice: festival_alone TEXT DIR ID
festival_alone() {
  printf '%s\n' "$1" | text2wave -eval '(voice_cmu_us_slt_arctic_hts)' -o "$2/$3.fest.wav" 2>/dev/null
  sox -R "$2/$3.fest.wav" -r 16000 -b 16 "$2/$3.wav" pad 0.3 0.3
  printf '%s\n' "$1" >"$2/$3.ref"
  echo festival >"$2/$3.session"
  rm -f "$2/$3.fest.wav"
}
if [ "${SET:-sessions}" = phrases ]; then
  if [ "${REFERENCE:-}" = festival ]; then
    command -v text2wave >/dev/null || { echo "text2wave not found (Debian: festival festvox-us-slt-hts)"; exit 1; }
  fi
  while IFS= read -r text; do
    [ -n "$text" ] || continue
    n=$((n + 1))
    if [ "${REFERENCE:-}" = festival ]; then
      festival_alone "$text" "$cues" "$(printf '%03d' "$n")"
    else
      render_alone "$text" "$cues" "$(printf '%03d' "$n")" phrases
    fi
  done <"$src/bench/audio/phrases.txt"
fi
sessions=$( [ "${SET:-sessions}" = phrases ] || english_sessions)
if [ -n "${VOICE:-}" ] && [ -n "$sessions" ]; then
  cp -r "$src/sessions" "$scratch/sessions"
  sed -i "s/^return \(.*\)session {\$/&\n  voice = \"$VOICE\",/" "$scratch"/sessions/*.lua
  sessions=$(for s in $sessions; do echo "$scratch/sessions/$(basename "$s")"; done)
fi
for s in $sessions; do
  b=$(basename "$s" .lua)
  "$pacer" render "$s" -o "$scratch/$b.wav" 2>/dev/null
  # Each cue the render speaks, at its frame in the render (a question takes its default
  # way: tests/sessions/events.awk), as "FRAME LEN TEXT".
  "$pacer" timeline --json "$s" 2>/dev/null | awk -v text=1 -f "$src/tests/sessions/events.awk" |
    awk -F'\t' '{ split($1, f, " ") } f[3] == "speak" { print f[1], f[2], $2 }' >"$scratch/$b.speak" || true
  while read -r at len text; do
    grep -qxF -- "$text" "$scratch/seen" && continue
    echo "$text" >>"$scratch/seen"
    n=$((n + 1))
    id=$(printf '%03d' "$n")
    sox -R "$scratch/$b.wav" -r 16000 -b 16 "$cues/$id.wav" trim "${at}s" "${len}s" pad 0.3 0.3
    printf '%s\n' "$text" >"$cues/$id.ref"
    printf '%s\n' "$b" >"$cues/$id.session"
  done <"$scratch/$b.speak"
  rm -f "$scratch/$b.wav"
done

# the control: each text alone in a one-cue session
if [ "${ALONE:-0}" = 1 ]; then
  mkdir -p "$scratch/alone"
  for ref in "$cues"/*.ref; do
    render_alone "$(cat "$ref")" "$scratch/alone" "$(basename "${ref%.ref}")" alone
  done
fi

# to_level FILE: FILE brought to LEVEL dBov active speech level (a silent file is left as it is)
to_level() {
  local lv gain
  lv=$(sox "$1" -t raw -e signed -b 16 -c 1 - | "$build/bench/speech_level" 16000 | cut -d' ' -f1)
  [ "$lv" != silent ] || return 0
  gain=$(awk -v l="$lv" -v t="$LEVEL" 'BEGIN { printf "%.2f", t - l }')
  sox -R "$1" "${1%.wav}.leveled.wav" gain "$gain" && mv "${1%.wav}.leveled.wav" "$1"
}
LEVEL=${LEVEL:--26}
[ "$LEVEL" = asis ] || [ -x "$build/bench/speech_level" ] ||
  { echo "$build/bench/speech_level not found (cmake --build $build --target benchmarks)"; exit 1; }

# stream DIR: DIR's cues, in order, as one recording with GAP seconds between them (each cue
# keeps its 0.3 s of silence at each end; GAP default 1), transcribed in one pocketsphinx run
# with word times; each word goes to the cue whose span holds its middle (a cue's span reaches
# halfway into the gaps on either side).
stream() {
  local gap=${GAP:-1} f list=() spans="$1/stream.spans"
  : >"$spans"
  for f in "$1"/*.wav; do
    list+=("$f")
    printf '%s %s\n' "$(basename "${f%.wav}")" "$(soxi -s "$f")" >>"$spans"
  done
  # silence between cues: the gap less the 0.6 s the cues already carry
  sox -R -D -n -r 16000 -b 16 -c 1 "$1/gap.wav" trim 0 "$(awk -v g="$gap" 'BEGIN { printf "%.3f", (g > 0.6 ? g - 0.6 : 0) }')"
  local args=() i
  for i in "${!list[@]}"; do
    [ "$i" -eq 0 ] || args+=("$1/gap.wav")
    args+=("${list[$i]}")
  done
  sox -R "${args[@]}" "$1/stream.wav"
  pocketsphinx_continuous -infile "$1/stream.wav" -hmm "$model/en-us" -lm "$model/en-us.lm.bin" \
    -dict "$model/cmudict-en-us.dict" -time yes -logfn /dev/null 2>/dev/null >"$1/stream.out"
  local gapn
  gapn=$(soxi -s "$1/gap.wav")
  awk -v dir="$1" -v gapn="$gapn" '
    FNR == NR { id[++n] = $1; start[n] = at; at += $2; stop[n] = at; at += gapn; next }
    NF == 4 && $2 ~ /^[0-9.]+$/ && $3 ~ /^[0-9.]+$/ && $1 !~ /^[<[]/ {
      w = $1; sub(/\([0-9]+\)$/, "", w); mid = ($2 + $3) / 2 * 16000
      for (k = 1; k < n && mid >= (stop[k] + start[k + 1]) / 2; k++) ;
      hyp[k] = hyp[k] (hyp[k] == "" ? "" : " ") w
    }
    END { for (k = 1; k <= n; k++) print hyp[k] > (dir "/" id[k] ".hyp") }' "$spans" "$1/stream.out"
  rm -f "$1/stream.wav" "$1/gap.wav"
}

# transcribe, one process per core (STREAM=1: all cues in one recording, as a listener hears
# a session: see stream)
transcribe() {
  if [ "$LEVEL" != asis ]; then
    for f in "$1"/*.wav; do to_level "$f"; done
  fi
  if [ "${STREAM:-0}" = 1 ]; then stream "$1"; return; fi
  ls "$1"/*.wav | xargs -P "$(nproc)" -I{} sh -c \
    'pocketsphinx_continuous -infile "$1" -hmm "$2/en-us" -lm "$2/en-us.lm.bin" -dict "$2/cmudict-en-us.dict" \
       -logfn /dev/null 2>/dev/null | tr "\n" " " >"${1%.wav}.hyp"' _ {} "$model"
}

score() {
  local dir=$1 label=$2
  for ref in "$dir"/*.ref; do
    id=${ref%.ref}
    printf '%s\t%s\t%s\n' "$(cat "$id.session")" "$(cat "$ref")" "$(cat "$id.hyp")"
  done | awk -F'\t' -v label="$label" -v worst="${3:-8}" -v goal="${4:-0.25}" '
  function norm(s) { s = tolower(s); gsub(/[^a-z'"'"' ]+/, " ", s); gsub(/  +/, " ", s); sub(/^ /, "", s); sub(/ $/, "", s); return s }
  function dist(a, b,    na, nb, x, y, i, j, d, c) {
    na = split(a, x, " "); nb = split(b, y, " ")
    for (i = 0; i <= na; i++) d[i, 0] = i
    for (j = 0; j <= nb; j++) d[0, j] = j
    for (i = 1; i <= na; i++)
      for (j = 1; j <= nb; j++) {
        c = d[i - 1, j - 1] + (x[i] != y[j])
        if (d[i - 1, j] + 1 < c) c = d[i - 1, j] + 1
        if (d[i, j - 1] + 1 < c) c = d[i, j - 1] + 1
        d[i, j] = c
      }
    words = na
    return d[na, nb]
  }
  {
    r = norm($2); h = norm($3); e = dist(r, h)
    E += e; W += words; k++; rate = words ? e / words : 0; S += rate
    line[k] = sprintf("%5.1f%%  %s\n        heard: %s", 100 * rate, $2, h == "" ? "(nothing)" : h); key[k] = rate
  }
  END {
    printf "%s: word error rate %.1f%% (%d errors in %d words), mean per cue %.1f%% (goal <= %g%%: %s)\n",
      label, 100 * E / W, E, W, 100 * S / k, 100 * goal, E / W <= goal ? "met" : "NOT met"
    if (worst > 0) print "worst cues:"
    for (t = 1; t <= worst && t <= k; t++) {
      best = 0
      for (i = 1; i <= k; i++) if (!(i in used) && (best == 0 || key[i] > key[best])) best = i
      used[best] = 1; print "  " line[best]
    }
    printf "RESULT {\"bench\":\"audio_intelligibility\",\"set\":\"%s\",\"cues\":%d,\"words\":%d,\"errors\":%d,\"wer\":%.4f,\"mean_cue_wer\":%.4f}\n", label, k, W, E, E / W, S / k
  }'
}

echo "== (e) intelligibility: pocketsphinx word error rate, ${VOICE:-default voice}, $n distinct cues," \
  "level $([ "$LEVEL" = asis ] && echo 'as played' || echo "$LEVEL dBov (P.56)")," \
  "$([ "${STREAM:-0}" = 1 ] && echo "in one stream, ${GAP:-1} s apart" || echo 'each cue to a recognizer of its own')"
transcribe "$cues"
if [ "${SET:-sessions}" = phrases ]; then
  score "$cues" "new phrases at ${RATE:-150} wpm" "${WORST:-8}" 0.20 # the goal for cues never tuned
else
  score "$cues" "in the sessions"
fi
if [ "${ALONE:-0}" = 1 ]; then
  transcribe "$scratch/alone"
  score "$scratch/alone" "each alone" 0
fi
