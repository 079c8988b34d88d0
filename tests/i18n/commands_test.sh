#!/usr/bin/env bash
# The patient's commands speak the user's language: a journal seeded with sessions and
# check-ins (imported as CSV, as the journal tests seed one), then `pacer history`, `pacer
# today` of a program set with --set, `pacer journal`, `pacer remind --at` with a bad time,
# `pacer today --date` with a bad date, a CSV import with a bad row and the import of a file
# that is no bundle (the reasons the journal and the bundle reader give), under LANGUAGE=es
# and LANGUAGE=de, and once with the settings' language: the expected Spanish and German
# words are there and the English ones are not. English stays as it was. What tools read (--json, --csv, the exported files) is
# the same bytes in every language.
# Usage: commands_test.sh PACER SOURCE_DIR
set -uo pipefail
pacer=${1:?usage: commands_test.sh PACER SOURCE_DIR}
src=${2:?usage: commands_test.sh PACER SOURCE_DIR}
pacer=$(cd "$(dirname "$pacer")" && pwd)/$(basename "$pacer")

source "$src/tests/support/xtest.sh"
make_work i18n-commands
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

export SDL_AUDIODRIVER=dummy SDL_VIDEODRIVER=dummy PACER_NO_SPEECH=1
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
export XDG_CONFIG_HOME="$work/config"
# a clean environment of the user's language, then the given variables
as() { env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$@"; }

# the journal: three sessions (two rated), and fourteen days of check-ins, enough for the
# tags (walking on the good days, sitting long on the bad ones)
day() { date -d "-$1 day" +%F; }
{
  echo "started,file,title,seconds,outcome,pain_before,pain_after"
  echo "$(day 2)T07:00:00,/s/a.lua,Breathing,600,finished,5,3"
  echo "$(day 1)T08:00:00,/s/b.lua,Walk,900,stopped,,"
  echo "$(day 0)T09:00:00,/s/c.lua,Stretch,300,finished,6,4"
} >"$work/sessions.csv"
{
  echo "date,pain,sleep_hours,helped,worse,note"
  for i in $(seq 1 14); do
    if [ "$i" -le 6 ]; then echo "$(day "$i"),2,8,walking,,"; else echo "$(day "$i"),7,5,,sitting,Größe"; fi
  done
} >"$work/checkins.csv"
as "$pacer" history --import "$work/sessions.csv" >/dev/null || fail "importing the sessions"
as "$pacer" history --import "$work/checkins.csv" >/dev/null || fail "importing the check-ins"
program="$src/sessions/programs/back_care_first_four_weeks.lua"
as "$pacer" today --set "$program" >"$work/set.en.out" || fail "today --set"
plan_date=2026-12-07 # a day in the past or the future: the plan is printed, nothing plays

# run LANG_ENV NAME ARGS...: stdout and stderr of `pacer ARGS` under LANG_ENV into $work/NAME.out
run() {
  local env=$1 name=$2
  shift 2
  as $env "$pacer" "$@" >"$work/$name.out" 2>&1
}
# has NAME TEXT... / lacks NAME TEXT...: each TEXT is (not) in $work/NAME.out
has() {
  local name=$1 t
  shift
  for t in "$@"; do grep -qF -- "$t" "$work/$name.out" || fail "$name: '$t' is missing:$(printf '\n%s' "$(cat "$work/$name.out")")"; done
}
lacks() {
  local name=$1 t
  shift
  for t in "$@"; do grep -qF -- "$t" "$work/$name.out" && fail "$name: English '$t' is still there"; done
}

# the English words each output must lose
en_history=("Last 7 days:" "Last 30 days:" "Streak:" "days practised" "Minutes" "Ended" "finished" "stopped"
  "Session" "on average" "better days" "worse days" "against" "sitting long")
en_today=("Today," "[done]" "A day of rest")
en_journal=("Date" "Pain" "Sleep" "Helped" "Worse" "Note")

check_lang() { # check_lang NAME ENV
  local l=$1 env=$2
  run "$env" "history.$l" history
  run "$env" "today.$l" today --date "$plan_date"
  run "$env" "journal.$l" journal
  run "$env" "date.$l" today --date tomorrow
  run "$env" "remind.$l" remind --at 25:00
  run "$env" "csv.$l" history --import "$work/bad.csv"
  run "$env" "bundle.$l" import "$work/bad.pacer"
  lacks "history.$l" "${en_history[@]}"
  lacks "today.$l" "${en_today[@]}"
  lacks "journal.$l" "${en_journal[@]}"
  lacks "date.$l" "takes a date"
  lacks "remind.$l" "is not a time of day"
  lacks "csv.$l" "is not finished, stopped or unfinished" "nothing was imported"
  lacks "bundle.$l" "not a session bundle"
}
# the reasons the journal and the bundle reader give: a row with an unknown outcome, a file
# that is no bundle
printf 'started,file,title,seconds,outcome,pain_before,pain_after\n%sT07:00:00,/s/a.lua,Breathing,600,maybe,5,3\n' \
  "$(day 3)" >"$work/bad.csv"
echo "not a bundle" >"$work/bad.pacer"

check_lang es LANGUAGE=es
has history.es "Fecha" "Minutos" "Estado" "Dolor" "Sesión" "terminado" "detenido" "Últimos 7 días:" \
  "Últimos 30 días:" "Racha:" "3 días" "de 7 días con práctica" "por debajo del objetivo de 20-30" \
  "2 sesiones valoradas antes y después" "Etiquetas:" "caminar" "estar mucho rato sentado" "mejores días" \
  "peores días" "frente a"
has today.es "Hoy, $plan_date: Back care, first four weeks" "   7 min  "
has journal.es "Fecha" "Dolor" "Sueño" "Ayudó" "Empeoró" "Nota" "Größe"
has date.es "pacer today: --date lleva una fecha como YYYY-MM-DD, no 'tomorrow'"
has remind.es "pacer remind: --at '25:00' no es una hora"
has csv.es "bad.csv:2: outcome 'maybe' no es finished, stopped ni unfinished; no se ha importado nada"
has bundle.es "bad.pacer: no es un paquete de sesión (un archivo zip)"

check_lang de LANGUAGE=de
has history.de "Datum" "Minuten" "Status" "Schmerz" "Sitzung" "fertig" "abgebrochen" "Letzte 7 Tage:" \
  "Letzte 30 Tage:" "Serie:" "3 Tage" "an 3 von 7 Tagen geübt" "unter dem Ziel von 20-30" \
  "2 Sitzungen vorher und nachher bewertet" "Stichwörter:" "Gehen" "langes Sitzen" "bessere Tage" "schlechtere Tage"
has today.de "Heute, $plan_date: Back care, first four weeks" "   7 Min."
has journal.de "Datum" "Schmerz" "Schlaf" "Half" "Schlechter" "Notiz"
has date.de "pacer today: --date nimmt ein Datum als YYYY-MM-DD, nicht 'tomorrow'"
has remind.de "pacer remind: --at '25:00' ist keine Uhrzeit"
has csv.de "bad.csv:2: outcome 'maybe' ist weder finished noch stopped noch unfinished; es wurde nichts importiert"
has bundle.de "bad.pacer: kein Sitzungspaket (ein ZIP-Archiv)"

# the columns stay straight with longer words: in each table the figures start (or end)
# where their header's column does, counted in characters on the screen, not bytes
LC_ALL=C.UTF-8 # bash's ${#...} counts characters from here on (pacer runs under `as`)
col_of() { # col_of NAME PATTERN TEXT: the character column where TEXT starts on the first line with PATTERN
  local line prefix
  line=$(grep -m1 -F -- "$2" "$work/$1.out")
  [[ $line == *"$3"* ]] || { echo 0; return; }
  prefix=${line%%"$3"*}
  echo $((${#prefix} + 1))
}
for l in es de; do
  if [ $l = es ]; then
    minutes=Minutos pain=Dolor s7="3 de 7 días" s30="3 de 30 días" streak="3 días" tags="el dolor los" walk=caminar sit=estar
  else
    minutes=Minuten pain=Schmerz s7="an 3 von 7" s30="an 3 von 30" streak="3 Tage" tags="der Schmerz an" walk=Gehen sit=langes
  fi
  # the minutes end where their header ends (right-aligned)
  [ $(($(col_of "history.$l" "$minutes" "$minutes") + ${#minutes})) -eq $(($(col_of "history.$l" "Breathing" "10.0") + 4)) ] ||
    fail "history.$l: the minutes are not under their header"
  [ "$(col_of "history.$l" "$minutes" "$pain")" -eq "$(col_of "history.$l" "Breathing" "5 -> 3")" ] ||
    fail "history.$l: the pain is not under its header"
  # the tags' figures in one column whatever the label's length
  [ "$(col_of "history.$l" "  $walk" "2.0")" -eq "$(col_of "history.$l" "  $sit" "7.0")" ] ||
    fail "history.$l: the tags' figures are not in one column"
  # the summary's figures in one column after the labels
  for t in "$s30" "$streak" "$tags"; do
    [ "$(col_of "history.$l" "$s7" "$s7")" -eq "$(col_of "history.$l" "$t" "$t")" ] ||
      fail "history.$l: the summary's '$t' does not start where '$s7' does"
  done
done
# the check-ins' sleep ends where its header does ("Sueño": 5 characters, 6 bytes)
[ $(($(col_of journal.es "Sueño" "Sueño") + 5)) -eq $(($(col_of journal.es "Größe" "5.0") + 3)) ] ||
  fail "journal.es: the sleep is not under its header"

# the settings' language over the environment's, once
mkdir -p "$XDG_CONFIG_HOME/pacer"
printf 'return settings {\n  language = "de",\n}\n' >"$XDG_CONFIG_HOME/pacer/settings.lua"
check_lang setting "LANGUAGE=es"
has history.setting "Letzte 7 Tage:" "Serie:"
has today.setting "Heute, $plan_date:"
rm -f "$XDG_CONFIG_HOME/pacer/settings.lua"

# English as it was
run "LANG=C.UTF-8" history.en history
run "LANG=C.UTF-8" today.en today --date "$plan_date"
run "LANG=C.UTF-8" date.en today --date tomorrow
has history.en "Date              Minutes  Ended       Pain      Session" "Last 7 days:  3 of 7 days practised" \
  "Last 30 days: 3 of 30 days practised" "Streak:       3 days" \
  "Pain:         -2.0 on average across a session (2 sessions rated before and after)" \
  "  walking         2.0 against  7.0  (6 days with, 8 without)  better days"
has today.en "Today, $plan_date: Back care, first four weeks" "  [    ]   7 min  "
has date.en "pacer today: --date takes a date as YYYY-MM-DD, not 'tomorrow'"
has set.en "Your program is now: Back care, first four weeks"

# what tools read is the same in every language
for out in "history --json" "history --csv" "journal --csv" "today --json --date $plan_date"; do
  # shellcheck disable=SC2086
  as LANG=C.UTF-8 "$pacer" $out >"$work/machine.en" 2>&1 || fail "pacer $out failed"
  for l in es de; do
    # shellcheck disable=SC2086
    as LANGUAGE=$l "$pacer" $out >"$work/machine.$l" 2>&1
    cmp -s "$work/machine.en" "$work/machine.$l" || fail "pacer $out differs under LANGUAGE=$l"
  done
done
for l in en es de; do
  as LANGUAGE=$l "$pacer" history --export "$work/export-$l.csv" >/dev/null || fail "export under LANGUAGE=$l"
done
for l in es de; do
  cmp -s "$work/export-en.csv" "$work/export-$l.csv" && cmp -s "$work/export-en-checkins.csv" "$work/export-$l-checkins.csv" ||
    fail "the exported files differ under LANGUAGE=$l"
done

[ "$fails" -eq 0 ] || exit 1
echo "ok: history, today, journal and their errors in Spanish and German; English as it was; JSON and CSV the same in every language"
