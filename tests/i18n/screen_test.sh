#!/usr/bin/env bash
# The screen speaks the session's language, whatever the desktop's: `pacer snapshot` of a
# Spanish and a German session under C.UTF-8 and en_US (no es_ES or de_DE locale needed), the
# expected words found in the picture as the player's font draws them (pngcheck findtext);
# an English session on a German desktop stays English. Menus, messages and --help follow
# the user's language: LANGUAGE, LANG, or the settings' "language".
# Usage: screen_test.sh PACER PNGCHECK
set -uo pipefail
pacer=$1 png=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# a clean environment of the user's language, then the given variables
as() { env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$@"; }

cat >"$work/es.lua" <<'LUA'
return session { title = "Estiramiento", language = "es",
  sides { hold { seconds = 10, reps = 2, rest = 3 } },
  breathe { cycles = 2 },
}
LUA
sed -e 's/"es"/"de"/' -e 's/Estiramiento/Dehnung/' "$work/es.lua" >"$work/de.lua"
sed -e 's/"es"/"en"/' -e 's/Estiramiento/Stretch/' "$work/es.lua" >"$work/en.lua"

TEXT=$("$png" theme default text)
W=1280 H=720
WORD_PX=$((H / 10)) STATUS_PX=$((H * 9 / 125)) # the phase words and the side line: S/10 and S*9/125 of the shorter side S (core/ui/scene.c)
# shows DESKTOP_ENV SESSION WORD STATUS: the frame at 1 s (a hold) shows both texts
shows() {
  local desk=$1 s=$2 word=$3 status=$4 out="$work/$2.png"
  rm -f "$out"
  if ! as $desk "$pacer" snapshot "$work/$s.lua" --at 1 --size ${W}x$H -o "$out" 2>"$work/err"; then
    cat "$work/err"
    fail "$s under '$desk': snapshot failed"
    return
  fi
  "$png" findtext "$out" "$word" $WORD_PX 1 "$TEXT" >/dev/null || fail "$s under '$desk': '$word' is not on screen"
  "$png" findtext "$out" "$status" $STATUS_PX 0 "$TEXT" >/dev/null || fail "$s under '$desk': '$status' is not on screen"
}
for desk in "LANG=C.UTF-8" "LANG=en_US.UTF-8" "LANG=C.UTF-8 LANGUAGE=de" "LC_ALL=C"; do
  shows "$desk" es "Mantén" "Lado izquierdo"
  shows "$desk" de "Halten" "Linke Seite"
done
shows "LANG=C.UTF-8 LANGUAGE=de" en "Hold" "Left side"
shows "LANG=de_DE.UTF-8" en "Hold" "Left side"
# the check can fail: English words are not in the Spanish picture
as LANG=C.UTF-8 "$pacer" snapshot "$work/es.lua" --at 1 --size ${W}x$H -o "$work/es.png" 2>/dev/null &&
  ! "$png" findtext "$work/es.png" "Hold" $WORD_PX 1 "$TEXT" >/dev/null || fail "'Hold' found in the Spanish picture"

# the default cues are said in the session's language
as LANG=C.UTF-8 "$pacer" timeline "$work/es.lua" >"$work/es.txt" 2>/dev/null || fail "timeline of es.lua failed"
grep -q "speak .*Inspira" "$work/es.txt" && grep -q "speak .*Suelta el aire" "$work/es.txt" ||
  fail "the Spanish session does not say its default cues in Spanish"

# and a plugin's own words too (host->words): walk and pmr, in a German session
printf 'return session { title = "Gehen", language = "de",\n  walk { minutes = 4 },\n  pmr { tense = 5, release = 6 },\n}\n' >"$work/walk.lua"
as LANG=C.UTF-8 "$pacer" timeline "$work/walk.lua" >"$work/walk.txt" 2>/dev/null || fail "timeline of walk.lua failed"
for said in "Geh los, in einem leichten Tempo, im Takt." "Spann die Hände und Unterarme an." "Und loslassen."; do
  grep -qF "$said" "$work/walk.txt" || fail "the German walk and pmr session does not say '$said'"
done

# --help and messages in the user's language
help_starts() { # help_starts ENV WORD
  local first
  first=$(as $1 "$pacer" --help | sed -n 1p)
  case $first in "$2: pacer "*) ;; *) fail "--help under '$1' starts '$first', not '$2: pacer ...'" ;; esac
}
help_starts "LANG=C.UTF-8 LANGUAGE=de" Aufruf
help_starts "LANGUAGE=de" Aufruf
help_starts "LANG=de_DE.UTF-8" Aufruf
help_starts "LC_MESSAGES=es_ES.UTF-8 LANG=de_DE.UTF-8" Uso
help_starts "LANG=C.UTF-8" Usage
help_starts "LC_ALL=C LANGUAGE=es" Uso
as LANGUAGE=de "$pacer" --help >"$work/help.txt"
grep -q "^Befehle:" "$work/help.txt" || fail "--help under LANGUAGE=de has no 'Befehle:'"
err=$(as LANGUAGE=de "$pacer" list "$work/no such folder" 2>&1 >/dev/null)
case $err in *"der Ordner kann nicht gelesen werden"*) ;; *) fail "pacer list under LANGUAGE=de said: $err" ;; esac
as LANGUAGE=de "$pacer" list "$work" >"$work/list.txt" || fail "pacer list under LANGUAGE=de failed"
grep -q "Estiramiento" "$work/list.txt" || fail "pacer list under LANGUAGE=de lists no session"

# the settings' language is over the environment's
mkdir -p "$XDG_CONFIG_HOME/pacer"
printf 'return settings {\n  language = "es",\n}\n' >"$XDG_CONFIG_HOME/pacer/settings.lua"
help_starts "LANGUAGE=de" Uso
as LANGUAGE=de "$pacer" settings >"$work/settings.txt"
grep -q "^language  *es " "$work/settings.txt" || fail "pacer settings does not show language = es"
printf 'return settings {\n  language = "en",\n}\n' >"$XDG_CONFIG_HOME/pacer/settings.lua"
help_starts "LANGUAGE=de" Usage
rm -f "$XDG_CONFIG_HOME/pacer/settings.lua"

[ "$fails" -eq 0 ] || exit 1
echo "ok: Spanish and German screens on any desktop; --help and messages in the user's language"
