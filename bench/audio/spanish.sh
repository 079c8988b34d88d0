#!/usr/bin/env bash
# (f) The Spanish sessions' speech, measured without a Spanish recognizer: Debian 12 ships
# none (pocketsphinx has only its US English model, and no other recognizer is packaged), so
# no word error rate can be given for Spanish. What is measured instead, on each Spanish
# session's own render (what the patient hears) at its timeline frames:
#   - pace: words a minute over each cue's span (speech and the pauses that belong to it),
#     and syllables a second of voiced speech; beside them the same for the English session
#     it translates (English syllables: the vowels of each word in the CMU dictionary of
#     pocketsphinx-en-us; Spanish ones from the spelling, word by word: vowel groups, split
#     where two strong vowels or an accented i/u meet a vowel);
#   - pauses inside a cue: runs of 150 ms or more quieter than 40 dB under the cue's loudest
#     10 ms, between its first and last sound;
#   - that no cue is cut: each cue's sound ends before its span does (the silence left at
#     the end of the span), and the next cue starts after that span;
#   - the words: every spoken and shown text through hunspell's Spanish dictionary
#     (a wrong or missing accent changes where espeak-ng puts the stress).
# sox runs with -R, so the figures repeat exactly.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_build
for tool in sox hunspell; do
  command -v "$tool" >/dev/null || { echo "$tool not found (bash scripts/install-deps.sh bench)"; exit 1; }
done
dict=/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict
[ -f "$dict" ] || { echo "$dict not found (Debian: pocketsphinx-en-us)"; exit 1; }
[ -f /usr/share/hunspell/es_ES.dic ] || { echo "the Spanish dictionary is missing (Debian: hunspell-es)"; exit 1; }

# syllables LANG: one count a line for each text line read (es: vowel groups of the spelling,
# two strong vowels or an accented i/u beside a vowel split in two; en: the vowels of the CMU
# dictionary's pronunciation, or vowel groups for a word it lacks)
syllables() {
  awk -v lang="$1" -v dict="$dict" '
    BEGIN {
      if (lang == "en")
        while ((getline line < dict) > 0) {
          n = split(line, f, " "); w = f[1]; if (w ~ /\(/ || (w in cmu)) continue
          cmu[w] = 0
          for (i = 2; i <= n; i++) cmu[w] += f[i] ~ /^(AA|AE|AH|AO|AW|AY|EH|ER|EY|IH|IY|OW|OY|UH|UW)/
        }
    }
    function es_word(w,    n, i, c, prev, cls, pc) {
      n = 0; prev = ""
      w = tolower(w); gsub(/y$/, "i", w)
      # one byte per letter: the accented vowels to one of their own
      gsub(/á/, "A", w); gsub(/é/, "E", w); gsub(/ó/, "O", w); gsub(/í/, "I", w); gsub(/ú/, "U", w); gsub(/ü/, "u", w)
      pc = ""
      for (i = 1; i <= length(w); i++) {
        c = substr(w, i, 1)
        if (c ~ /[aeoAEO]/) cls = "s"; else if (c ~ /[IU]/) cls = "S"; else if (c ~ /[iu]/) cls = "w"; else cls = ""
        if (cls == "") { pc = ""; continue }
        # a new syllable unless a weak vowel meets a vowel (a diphthong); a stressed i/u or
        # two strong vowels are a hiatus
        if (pc == "" || (pc != "w" && cls != "w")) n++
        pc = cls
      }
      return n
    }
    function en_word(w,    n) {
      w = tolower(w); gsub(/[^a-z'"'"']/, "", w)
      if (w in cmu) return cmu[w]
      n = gsub(/[aeiouy]+/, "", w); return n ? n : 1
    }
    {
      t = $0; gsub(/[¿?¡!.,;:]/, " ", t); n = split(t, ws, " "); s = 0
      for (i = 1; i <= n; i++) s += (lang == "es") ? es_word(ws[i]) : en_word(ws[i])
      print s
    }'
}

# measure SESSION LANG: one line a distinct spoken cue: at len words syllables voiced_s
# pauses(>=150 ms, count) pause_sum_s pause_max_s lead_s tail_s next_gap_s text
measure() {
  local s=$1 lang=$2 b
  b=$(basename "$s" .lua)
  "$pacer" render "$s" -o "$scratch/$b.wav" 2>/dev/null
  # the spoken cues as the render plays them (a question takes its default way)
  "$pacer" timeline --json "$s" 2>/dev/null | awk -v text=1 -f "$src/tests/sessions/events.awk" |
    awk -F'\t' '{ split($1, f, " ") } f[3] == "speak" { print f[1] "\t" f[2] "\t" $2 }' >"$scratch/$b.cues"
  cut -f3 "$scratch/$b.cues" | syllables "$lang" >"$scratch/$b.syl"
  local n=0 at len text syl next
  while IFS=$'\t' read -r at len text; do
    n=$((n + 1))
    syl=$(sed -n "${n}p" "$scratch/$b.syl")
    next=$(sed -n "$((n + 1))p" "$scratch/$b.cues" | cut -f1)
    # the cue's span at 8 kHz, one line of od per 10 ms (80 samples)
    sox -R "$scratch/$b.wav" -t s16 -r 8000 -c 1 - trim "${at}s" "${len}s" 2>/dev/null |
      od -An -v -td2 -w160 |
      awk -v at="$at" -v len="$len" -v next_at="${next:-0}" -v syl="$syl" -v text="$text" '
        { s = 0; for (i = 1; i <= NF; i++) s += $i * $i; e[NR] = NF ? s / NF : 0; if (e[NR] > peak) peak = e[NR] }
        END {
          floor = peak * 1e-4   # 40 dB under the loudest 10 ms, in power
          first = 0; last = 0
          for (i = 1; i <= NR; i++) if (e[i] > floor) { if (!first) first = i; last = i }
          run = 0; np = 0; ps = 0; pm = 0
          for (i = first; i <= last; i++) {
            if (e[i] > floor) { if (run >= 15) { np++; ps += run; if (run > pm) pm = run }; run = 0 }
            else run++
          }
          voiced = 0; for (i = first; i <= last; i++) voiced++
          w = split(text, ws, " ")
          gap = next_at > 0 ? (next_at - at - len) / 48000 : -1
          printf "%d\t%d\t%d\t%d\t%.2f\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%s\n", at, len, w, syl, voiced / 100,
            np, ps / 100, pm / 100, (first - 1) / 100, len / 48000 - last / 100, gap, text
        }'
  done <"$scratch/$b.cues"
  rm -f "$scratch/$b.wav"
}

# summary LABEL FILE: the figures of one session's cues, each distinct text once
summary() {
  local med
  med=$(awk -F'\t' '!seen[$12]++ { print 60 * $3 / ($2 / 48000) }' "$2" | sort -g |
    awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  awk -F'\t' -v label="$1" -v med="$med" '
    !seen[$12]++ {
      k++; W += $3; S += $4; T += $2 / 48000; V += $5; P += $6; PS += $7; if ($8 > PM) PM = $8
      if (k == 1 || $10 < tail) tail = $10
    }
    $11 >= 0 && (gmin == "" || $11 < gmin) { gmin = $11 }
    END {
      printf "%-34s %4d %5d %8.0f %8.0f %6.2f %6d %6.2f %6.2f %7.2f %7.2f\n", label, k, W, 60 * W / T,
        med, S / V, P, P ? PS / P : 0, PM, tail, gmin == "" ? 0 : gmin
    }' "$2"
}

echo "== (f) Spanish speech: pace, pauses, cut cues, spelling (no Spanish recognizer in Debian 12)"
printf '%-34s %4s %5s %8s %8s %6s %6s %6s %6s %7s %7s\n' session cues words wpm wpm_med syl/s pauses mean_s max_s tail_s gap_s
: >"$scratch/all"
for s in $(sessions_in es); do
  b=$(basename "$s" .lua)
  measure "$s" es >"$scratch/$b.m"
  summary "$b" "$scratch/$b.m"
  cat "$scratch/$b.m" >>"$scratch/all"
  twin="$src/sessions/${b%_es}.lua"
  if [ -f "$twin" ]; then
    measure "$twin" en >"$scratch/$b.en.m"
    summary "  (English: $(basename "$twin" .lua))" "$scratch/$b.en.m"
  fi
done
echo "columns: distinct cues; their words; words a minute over the cues' spans (all, and the"
echo "median cue); syllables a second of voiced speech; pauses of 150 ms or more inside cues,"
echo "their mean and longest; the least silence left at the end of a cue's span; the least"
echo "gap from a span's end to the next cue"

echo "-- cues whose sound reaches the end of their span (cut), or that start late:"
awk -F'\t' '$10 < 0.02 || $9 > 0.3 { printf "  %s (lead %.2f s, tail %.2f s)\n", $12, $9, $10; bad++ }
  END { if (!bad) print "  none" }' "$scratch/all"

echo "-- the longest pauses inside a cue:"
sort -t$'\t' -k8,8gr "$scratch/all" | awk -F'\t' '!seen[$12]++ && n < 5 { printf "  %.2f s in \"%s\"\n", $8, $12; n++ }'

echo "-- words hunspell's Spanish dictionary does not know (spoken and shown texts):"
for s in $(sessions_in es); do
  # every way through a question (the texts hold no quote)
  "$pacer" timeline --json "$s" 2>/dev/null | grep -E '"kind":"(speak|card)"' | sed 's/.*"text":"\([^"]*\)".*/\1/'
done | sort -u | hunspell -d es_ES -l | sort | uniq -c | sort -rn | awk '{ printf "  %s (%d)\n", $2, $1 }'

awk -F'\t' '!seen[$12]++ { k++; W += $3; S += $4; T += $2 / 48000; V += $5 }
  END { printf "RESULT {\"bench\":\"audio_spanish\",\"cues\":%d,\"words\":%d,\"wpm\":%.1f,\"syllables_per_s\":%.2f}\n", k, W, 60 * W / T, S / V }' "$scratch/all"
