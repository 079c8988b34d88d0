#!/usr/bin/env bash
# journal_test.sh PACER CASE - the journal through the real binary: sessions played with
# `pacer play --audio-only --no-audio` (standard input not a terminal), then read back with
# `pacer history` and the sqlite3 command-line shell. One ctest per CASE:
#
#   played     a session played to its end appears in `history --json` with its exact seconds
#              (2.5: pauses and skipped parts excluded), "finished", 2 of 2 steps, the file's
#              BLAKE2b hash; the database is mode 0600, in WAL mode, schema version 1;
#              `--no-journal` adds no row
#   killed     `kill -9` mid-session (after its second step began) leaves one "unfinished" row
#              with the seconds of the steps reached, and `PRAGMA integrity_check` says ok
#   locked     another program holding the write lock: the warning names it, the session plays
#              to its end, the row is not written, the database is left intact
#   readonly   a read-only database file (played as an unprivileged user when run as root,
#              who may write any file): its warning, and the session plays
#   corrupt    a file that is not a database: it is kept aside byte for byte as
#              journal.sqlite3.damaged-1, a second one as damaged-2 (never overwritten), and the
#              session is recorded in a new journal
#   newer      a schema version from a newer Pacer: its warning, the session plays, and the
#              database is not touched (same bytes)
#   roundtrip  export, forget, import gives the same CSV byte for byte (titles with commas,
#              quotes and a line break, pain ratings, empty ratings); importing twice adds
#              nothing; a bad file names its line and adds nothing; columns in another order
#              and extra columns are taken; --forget without --yes asks and keeps everything
#              unless the answer is yes
#   pain       rate_pain answered from a pipe: "1" then "0" gives 10 before; the question after
#              is not answered and the session goes on at its timeout (pain_after empty); the
#              answer ends the wait at once (the seconds practised are far below the unanswered
#              timeout); history shows "10 -> -"; `pacer render` of the same session plays both
#              questions and their whole timeouts (the WAV is as long as the timeline)
#   checkin    `pacer journal add` keeps today's check-in (a second one replaces it); an unknown
#              tag is refused with a suggestion and nothing is kept; the export writes the
#              check-ins beside the sessions (FILE-checkins.csv) and importing it back after
#              --forget gives the same bytes, twice adds nothing
#   migrate    a journal of schema 1 (sessions only) is brought to schema 3 in place: its rows
#              kept, the check-ins' and the answers' tables added; one of schema 2 (sessions and
#              check-ins) likewise, every row kept
#   ask        an ask step's question answered "y" from a pipe is kept in the answers table
#              (yes, not by default) and the yes branch plays; a second play where nobody
#              answers keeps the default (no, by default); --json lists them with their sessions;
#              exported beside the sessions (FILE-answers.csv), refused by --import without
#              their sessions, taken back after them the same bytes, twice adds nothing;
#              --forget empties the answers too
#   progress   `pacer snapshot --progress`: today's square of the calendar is empty (the track
#              colour) with no session, full in the accent colour after 25 minutes (over the 20
#              minute goal), and half filled in the ring colour after 10 (its bottom filled, its
#              top empty), measured on the picture with ImageMagick (skipped without convert)
#
# Exits 77 (skipped) without the sqlite3 shell. Waits poll with generous limits, so a loaded
# machine makes the test slower, never flaky.
set -u

pacer=${1:?usage: journal_test.sh PACER CASE}
case_name=${2:?usage: journal_test.sh PACER CASE}
pacer=$(cd "$(dirname "$pacer")" && pwd)/$(basename "$pacer")

source "$(dirname "${BASH_SOURCE[0]}")/../support/xtest.sh"
need_tools "scripts/install-deps.sh installs sqlite3" sqlite3

make_work journal
fail() {
  echo "FAIL: $*"
  show_logs 20
  exit 1
}
note() { echo "ok: $*"; }

export SDL_AUDIODRIVER=dummy SDL_VIDEODRIVER=dummy PACER_NO_SPEECH=1 PACER_NO_PLUGINS=1
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
db="$XDG_DATA_HOME/pacer/journal.sqlite3"

# A session of two quiet waits: 2.5 s in all.
cat >"$work/short.lua" <<'EOF'
return session { title = "Short test", wait(1), wait(1.5) }
EOF
# Two short steps, then a long one to be killed in.
cat >"$work/long.lua" <<'EOF'
return session { title = "Long test", wait(1), wait(1), wait(600) }
EOF

# play LOG FILE [OPTIONS]: plays FILE to its end in the terminal view, stdin not a terminal
play() {
  local log=$1 file=$2
  shift 2
  "$pacer" play --audio-only --no-audio "$@" "$file" </dev/null >"$work/$log.log" 2>"$work/$log.err"
}
q() { sqlite3 -batch -noheader "$db" "$1"; }
played_through() { grep -q "finished" "$work/$1.log" || fail "$1: the session did not play to its end"; }

# json_get JSON_FILE PATH: one value of pacer history --json, read by SQLite's JSON functions
json_get() { sqlite3 -batch -noheader :memory: "SELECT json_extract(CAST(readfile('$1') AS TEXT), '$2')"; }

t_played() {
  play played "$work/short.lua" || fail "pacer play failed"
  played_through played
  "$pacer" history --json >"$work/h.json" 2>"$work/h.err" || fail "pacer history --json failed"
  [ "$(json_get "$work/h.json" '$.sessions[#-1].seconds')" = "2.5" ] ||
    fail "seconds: $(json_get "$work/h.json" '$.sessions[#-1].seconds'), not 2.5"
  [ "$(json_get "$work/h.json" '$.sessions[#-1].outcome')" = finished ] || fail "the outcome is not finished"
  [ "$(json_get "$work/h.json" '$.sessions[#-1].title')" = "Short test" ] || fail "the title is not kept"
  [ "$(json_get "$work/h.json" '$.sessions[#-1].steps_reached')/$(json_get "$work/h.json" '$.sessions[#-1].steps_total')" = 2/2 ] ||
    fail "steps are not 2 of 2"
  [ "$(q 'SELECT count(*) FROM sessions')" = 1 ] || fail "not one row"
  local hash
  hash=$(json_get "$work/h.json" '$.sessions[0].hash')
  [ ${#hash} -eq 64 ] || fail "no content hash: '$hash'"
  note "history --json: 2.5 s, finished, 2 of 2 steps, hash $hash"
  [ "$(stat -c %a "$db")" = 600 ] || fail "the database's mode is $(stat -c %a "$db"), not 600"
  [ "$(q 'PRAGMA journal_mode')" = wal ] || fail "not in WAL mode"
  [ "$(q 'PRAGMA user_version')" = 3 ] || fail "schema version $(q 'PRAGMA user_version'), not 3"
  note "mode 600, WAL, user_version 3"
  # the same file, changed: another hash
  echo "-- changed" >>"$work/short.lua"
  play played2 "$work/short.lua" || fail "the second play failed"
  [ "$(q 'SELECT count(DISTINCT hash) FROM sessions')" = 2 ] || fail "a changed file kept the same hash"
  play nojournal "$work/short.lua" --no-journal || fail "pacer play --no-journal failed"
  played_through nojournal
  [ "$(q 'SELECT count(*) FROM sessions')" = 2 ] || fail "--no-journal added a row"
  note "a changed file gets a new hash; --no-journal adds no row"
}

t_killed() {
  "$pacer" play --audio-only --no-audio "$work/long.lua" </dev/null >"$work/killed.log" 2>&1 &
  local p=$!
  pids+=("$p")
  third_step() { [ -f "$db" ] && [ "$(q 'SELECT steps_reached FROM sessions' 2>/dev/null)" = 3 ]; }
  wait_until 60 "the third step was never recorded" third_step
  kill -9 "$p"
  wait "$p" 2>/dev/null
  "$pacer" history --json >"$work/h.json" || fail "pacer history --json failed"
  [ "$(json_get "$work/h.json" '$.sessions[0].outcome')" = unfinished ] ||
    fail "the killed session reads as '$(json_get "$work/h.json" '$.sessions[0].outcome')', not unfinished"
  local s
  s=$(json_get "$work/h.json" '$.sessions[0].seconds')
  awk -v s="$s" 'BEGIN { exit !(s >= 2.0 && s < 600) }' || fail "seconds $s: not the 2 s of the steps reached"
  [ "$(q 'PRAGMA integrity_check')" = ok ] || fail "integrity_check: $(q 'PRAGMA integrity_check')"
  "$pacer" history >"$work/table.log" || fail "pacer history failed"
  grep -q "unfinished.*Long test" "$work/table.log" || fail "the table does not show the unfinished session"
  note "kill -9: unfinished, $s s practised, integrity_check ok"
}

t_locked() {
  play first "$work/short.lua" || fail "the first play failed"
  # another program takes the write lock and holds it until its input ends
  mkfifo "$work/hold"
  sqlite3 "$db" <"$work/hold" >"$work/holder.log" 2>&1 &
  pids+=($!)
  exec 7>"$work/hold"
  echo "BEGIN EXCLUSIVE; UPDATE sessions SET pauses = pauses; SELECT 'held';" >&7
  wait_until 30 "the other program did not take the lock" grep -q held "$work/holder.log"
  play locked "$work/short.lua" || fail "pacer play failed with the journal locked"
  played_through locked
  grep -q "^pacer: warning: the journal is not being kept: the database is locked by another program" "$work/locked.err" ||
    fail "no warning about the lock: $(cat "$work/locked.err")"
  [ "$(grep -c . "$work/locked.err")" = 1 ] || fail "more than one line on stderr: $(cat "$work/locked.err")"
  echo "COMMIT;" >&7
  exec 7>&-
  [ "$(q 'SELECT count(*) FROM sessions')" = 1 ] || fail "a row was added while locked"
  [ "$(q 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after the lock"
  note "locked: one warning line, the session played, the database intact"
}

t_readonly() {
  play first "$work/short.lua" || fail "the first play failed"
  chmod 0400 "$db"
  # root may write any file: as root, play as nobody, who owns the journal but may not write it
  as_nobody "$pacer"
  if [ "${#as_user[@]}" -gt 0 ]; then
    chmod 755 "$work"
    mkdir -p "$work/cache" "$work/state"
    chown -R "$(id -u nobody):$(id -g nobody)" "$work/data" "$work/cache" "$work/state"
    chmod 644 "$work/short.lua"
  fi
  "${as_user[@]}" "$pacer" play --audio-only --no-audio "$work/short.lua" </dev/null >"$work/readonly.log" 2>"$work/readonly.err" ||
    fail "pacer play failed with a read-only journal"
  played_through readonly
  grep -q "^pacer: warning: the journal is not being kept: the database is read-only" "$work/readonly.err" ||
    fail "no warning about the read-only file: $(cat "$work/readonly.err")"
  [ "$(q 'SELECT count(*) FROM sessions')" = 1 ] || fail "a row was added to a read-only file"
  note "read-only: its warning, the session played"
}

t_corrupt() {
  mkdir -p "$(dirname "$db")"
  printf 'not a database, but the patient wrote it\n' >"$db"
  cp "$db" "$work/first.bad"
  play corrupt "$work/short.lua" || fail "pacer play failed with a damaged journal"
  played_through corrupt
  grep -q "^pacer: warning: the journal was damaged; it is kept as .*journal.sqlite3.damaged-1 and a new one is started" \
    "$work/corrupt.err" || fail "no warning about the damage: $(cat "$work/corrupt.err")"
  cmp -s "$work/first.bad" "$db.damaged-1" || fail "the damaged file was not kept as it was"
  [ "$(q 'SELECT outcome FROM sessions')" = finished ] || fail "the session was not recorded in the new journal"
  printf 'damaged again\n' >"$db"
  cp "$db" "$work/second.bad"
  play corrupt2 "$work/short.lua" || fail "the second play failed"
  cmp -s "$work/first.bad" "$db.damaged-1" || fail "the first damaged file was overwritten"
  cmp -s "$work/second.bad" "$db.damaged-2" || fail "the second damaged file was not kept as damaged-2"
  note "corrupt: kept aside as damaged-1 and damaged-2, the session recorded in a new journal"
}

t_newer() {
  play first "$work/short.lua" || fail "the first play failed"
  q 'PRAGMA user_version = 99' || fail "cannot set the version"
  cp "$db" "$work/before.db"
  play newer "$work/short.lua" || fail "pacer play failed with a newer journal"
  played_through newer
  grep -q "^pacer: warning: the journal is not being kept: the database is from a newer version of Pacer (schema 99" \
    "$work/newer.err" || fail "no warning about the version: $(cat "$work/newer.err")"
  cmp -s "$work/before.db" "$db" || fail "the newer database was changed"
  "$pacer" history >/dev/null 2>"$work/hist.err" && fail "history read a newer journal"
  grep -q "newer version" "$work/hist.err" || fail "history does not say why"
  note "newer: its warning, the session played, the database unchanged"
}

t_roundtrip() {
  cat >"$work/in.csv" <<'EOF'
outcome,pain_after,title,started,seconds,file,pain_before,comment
finished,3,"Daily routine, long",2026-11-30T08:00:00,1500.250,/s/daily.lua,5,kept out
stopped,,"She said ""enough""",2026-11-30 19:15,300,/s/a.lua,,
unfinished,7,"Two
lines",2026-12-01T07:30:05,42.5,/s/b.lua,6,
EOF
  "$pacer" history --import "$work/in.csv" >"$work/imp.log" 2>&1 || fail "import failed: $(cat "$work/imp.log")"
  grep -q "Imported 3 sessions (0 already" "$work/imp.log" || fail "import: $(cat "$work/imp.log")"
  "$pacer" history --export "$work/a.csv" >/dev/null || fail "export failed"
  [ "$(stat -c %a "$work/a.csv")" = 600 ] || fail "the export is not private (mode $(stat -c %a "$work/a.csv"))"
  grep -q '^2026-11-30T19:15:00,/s/a.lua,"She said ""enough""",300.000,stopped,0,0,0,,,' "$work/a.csv" ||
    fail "the export does not hold the second row as expected: $(cat "$work/a.csv")"
  "$pacer" history --import "$work/a.csv" >"$work/imp2.log" 2>&1 || fail "the second import failed"
  grep -q "Imported 0 sessions (3 already" "$work/imp2.log" || fail "importing twice: $(cat "$work/imp2.log")"
  echo no | "$pacer" history --forget >"$work/no.log" 2>&1 && fail "--forget without yes succeeded"
  [ "$(q 'SELECT count(*) FROM sessions')" = 3 ] || fail "--forget deleted without a yes"
  echo yes | "$pacer" history --forget >/dev/null 2>&1 || fail "--forget with yes failed"
  [ "$(q 'SELECT count(*) FROM sessions')" = 0 ] || fail "--forget left rows"
  "$pacer" history --import "$work/a.csv" >/dev/null 2>&1 || fail "importing the export failed"
  "$pacer" history --export "$work/b.csv" >/dev/null || fail "the second export failed"
  cmp -s "$work/a.csv" "$work/b.csv" || fail "export, forget, import does not give the same rows: $(diff "$work/a.csv" "$work/b.csv")"
  note "export -> forget -> import -> export: the same bytes; importing twice adds nothing"
  "$pacer" history --forget --yes >/dev/null || fail "--forget --yes failed"
  # a bad row: its line is named (the record on line 5, after a quoted line break) and nothing is added
  cat >"$work/bad.csv" <<'EOF'
started,file,title,seconds,outcome,pain_before,pain_after
2026-11-01T08:00:00,/s/a.lua,"A
B",60,finished,1,2
2026-11-02T08:00:00,/s/a.lua,Fine,60,finished,,
2026-11-03T08:00:00,/s/a.lua,Bad,60,finished,11,2
EOF
  "$pacer" history --import "$work/bad.csv" >"$work/bad.log" 2>&1 && fail "a bad file was imported"
  grep -q "bad.csv:5: pain_before '11' is not a rating from 0 to 10" "$work/bad.log" ||
    fail "the bad line is not named: $(cat "$work/bad.log")"
  [ "$(q 'SELECT count(*) FROM sessions')" = 0 ] || fail "a bad file added rows"
  printf 'started,file,title\n' >"$work/few.csv"
  "$pacer" history --import "$work/few.csv" >"$work/few.log" 2>&1 && fail "a file without the columns was imported"
  grep -q "few.csv:1: the header has no 'seconds' column" "$work/few.log" || fail "missing column: $(cat "$work/few.log")"
  note "a bad row names its line; a missing column is named; nothing is added"
}

t_pain() {
  cat >"$work/pain.lua" <<'EOF'
return session { title = "Pain test",
  rate_pain { moment = "before", timeout = 300 },
  wait(1),
  rate_pain { moment = "after", timeout = 2 },
}
EOF
  mkfifo "$work/answers"
  "$pacer" play --audio-only --no-audio "$work/pain.lua" <"$work/answers" >"$work/pain.log" 2>"$work/pain.err" &
  local p=$!
  pids+=("$p")
  exec 8>"$work/answers"
  wait_until 60 "the question was not asked" grep -q "^Type 0 to 10" "$work/pain.log"
  printf '1' >&8
  sleep 0.2
  printf '0\n' >&8
  wait_until 60 "the answer was not taken" grep -q "^Your answer: 10" "$work/pain.log"
  # the question after: nobody answers; it goes on by itself
  ended() { ! kill -0 "$p" 2>/dev/null; }
  wait_until 120 "the session did not end after the unanswered question" ended
  exec 8>&-
  wait "$p" || fail "pacer play failed"
  played_through pain
  [ "$(grep -c "^Your answer" "$work/pain.log")" = 1 ] || fail "more than one answer: $(cat "$work/pain.log")"
  [ "$(q 'SELECT pain_before FROM sessions')" = 10 ] || fail "pain_before is '$(q 'SELECT pain_before FROM sessions')', not 10"
  [ "$(q 'SELECT pain_after IS NULL FROM sessions')" = 1 ] || fail "pain_after was given"
  local s
  s=$(q 'SELECT seconds FROM sessions')
  awk -v s="$s" 'BEGIN { exit !(s < 200) }' || fail "the answer did not end the 300 s wait ($s s practised)"
  "$pacer" history >"$work/table.log" || fail "pacer history failed"
  grep -q "finished    10 -> -" "$work/table.log" || fail "the table does not show the rating: $(cat "$work/table.log")"
  note "pipe: 1 then 0 answered 10; the unanswered question timed out; $s s practised"
  if command -v soxi >/dev/null 2>&1; then
    "$pacer" render "$work/pain.lua" -o "$work/pain.wav" >/dev/null 2>&1 || fail "pacer render failed"
    local want got
    want=$("$pacer" timeline --json "$work/pain.lua" 2>/dev/null | sed -n 's/.*"frames": *\([0-9]*\).*/\1/p' | head -n 1)
    got=$(soxi -s "$work/pain.wav")
    [ -n "$want" ] && [ "$got" = "$want" ] || fail "the render has $got samples, the timeline '$want'"
    note "render: both questions and their timeouts, $got samples as the timeline says"
  fi
}

t_checkin() {
  "$pacer" journal add --pain 6 --sleep 5 --worse sitting >"$work/ck1.log" 2>&1 || fail "journal add failed: $(cat "$work/ck1.log")"
  "$pacer" journal add --pain 4 --sleep 7.5 --helped walking,heat --worse sitting,stress \
    --note 'A long drive, "bad" at first, then better' >"$work/ck2.log" 2>&1 || fail "the second journal add failed"
  [ "$(q 'SELECT count(*) FROM checkins')" = 1 ] || fail "a second check-in the same day did not replace the first"
  [ "$(q 'SELECT pain, sleep_hours, helped, worse FROM checkins')" = "4|7.5|walking,heat|sitting,stress" ] ||
    fail "the check-in holds $(q 'SELECT * FROM checkins')"
  "$pacer" journal add --pain 3 --helped walkng >"$work/ck3.log" 2>&1 && fail "an unknown tag was taken"
  grep -q "'walkng' is not a tag (did you mean 'walking'?)" "$work/ck3.log" || fail "no suggestion: $(cat "$work/ck3.log")"
  [ "$(q 'SELECT pain FROM checkins')" = 4 ] || fail "a refused check-in changed the day's"
  "$pacer" journal add --pain 11 >/dev/null 2>&1 && fail "pain 11 was taken"
  note "journal add: kept, replaced the same day, an unknown tag and pain 11 refused"
  "$pacer" history --export "$work/e.csv" >/dev/null || fail "export failed"
  [ -f "$work/e-checkins.csv" ] || fail "no check-ins file beside the export"
  grep -q '^[0-9-]*,4,7.5,"walking,heat","sitting,stress","A long drive, ""bad"" at first, then better"' "$work/e-checkins.csv" ||
    fail "the check-ins export: $(cat "$work/e-checkins.csv")"
  "$pacer" history --forget --yes >/dev/null || fail "forget failed"
  [ "$(q 'SELECT count(*) FROM checkins')" = 0 ] || fail "--forget kept the check-ins"
  "$pacer" history --import "$work/e-checkins.csv" >"$work/imp.log" || fail "import of the check-ins failed"
  grep -q "Imported 1 check-in (0 already" "$work/imp.log" || fail "import: $(cat "$work/imp.log")"
  "$pacer" history --import "$work/e-checkins.csv" >"$work/imp.log" || fail "the second import failed"
  grep -q "Imported 0 check-ins (1 already" "$work/imp.log" || fail "importing twice: $(cat "$work/imp.log")"
  "$pacer" journal --csv >"$work/again.csv" || fail "journal --csv failed"
  cmp -s "$work/again.csv" "$work/e-checkins.csv" || fail "the check-ins do not come back the same"
  note "check-ins: exported beside the sessions, forgotten, imported back the same, twice adds nothing"
}

t_migrate() {
  mkdir -p "$(dirname "$db")"
  sqlite3 "$db" "CREATE TABLE sessions (id INTEGER PRIMARY KEY, started TEXT NOT NULL, file TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '', hash TEXT NOT NULL DEFAULT '', seconds REAL NOT NULL DEFAULT 0,
    outcome TEXT NOT NULL DEFAULT 'started', owner TEXT NOT NULL DEFAULT '', steps_reached INTEGER NOT NULL DEFAULT 0,
    steps_total INTEGER NOT NULL DEFAULT 0, pauses INTEGER NOT NULL DEFAULT 0, pain_before INTEGER, pain_after INTEGER,
    UNIQUE (started, file));
    INSERT INTO sessions (started, file, title, seconds, outcome) VALUES ('2026-11-01T08:00:00', '/s/a.lua', 'Old', 600, 'finished');
    PRAGMA user_version = 1;" || fail "cannot write a schema 1 journal"
  "$pacer" history --json >"$work/h.json" 2>"$work/h.err" || fail "history failed on a schema 1 journal: $(cat "$work/h.err")"
  [ "$(json_get "$work/h.json" '$.sessions[0].title')" = Old ] || fail "the old row was lost"
  [ "$(q 'PRAGMA user_version')" = 3 ] || fail "not migrated to 3"
  [ "$(q "SELECT count(*) FROM sqlite_master WHERE name = 'checkins'")" = 1 ] || fail "no check-ins table"
  [ "$(q "SELECT count(*) FROM sqlite_master WHERE name = 'answers'")" = 1 ] || fail "no answers table"
  "$pacer" journal add --pain 2 >/dev/null || fail "journal add failed after the migration"
  note "schema 1 -> 3: the old row kept, check-ins and answers added"
  # schema 2, as the last version wrote it: sessions and check-ins, every row kept
  rm -f "$db" "$db-wal" "$db-shm"
  sqlite3 "$db" "CREATE TABLE sessions (id INTEGER PRIMARY KEY, started TEXT NOT NULL, file TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '', hash TEXT NOT NULL DEFAULT '', seconds REAL NOT NULL DEFAULT 0,
    outcome TEXT NOT NULL DEFAULT 'started', owner TEXT NOT NULL DEFAULT '', steps_reached INTEGER NOT NULL DEFAULT 0,
    steps_total INTEGER NOT NULL DEFAULT 0, pauses INTEGER NOT NULL DEFAULT 0, pain_before INTEGER, pain_after INTEGER,
    UNIQUE (started, file));
    CREATE INDEX sessions_started ON sessions (started);
    CREATE TABLE checkins (date TEXT PRIMARY KEY, pain INTEGER, sleep_hours REAL, helped TEXT NOT NULL DEFAULT '',
    worse TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '');
    INSERT INTO sessions (started, file, title, seconds, outcome, pain_before, pain_after)
      VALUES ('2026-11-02T08:00:00', '/s/b.lua', 'Two', 300, 'finished', 6, 4);
    INSERT INTO checkins (date, pain, sleep_hours, helped) VALUES ('2026-11-02', 5, 6.5, 'walking');
    PRAGMA user_version = 2;" || fail "cannot write a schema 2 journal"
  local before
  before=$(q "SELECT started, file, title, seconds, outcome, pain_before, pain_after FROM sessions; SELECT * FROM checkins")
  "$pacer" history --json >"$work/h2.json" 2>"$work/h2.err" || fail "history failed on a schema 2 journal: $(cat "$work/h2.err")"
  [ "$(q 'PRAGMA user_version')" = 3 ] || fail "schema 2 not migrated to 3"
  [ "$(q "SELECT started, file, title, seconds, outcome, pain_before, pain_after FROM sessions; SELECT * FROM checkins")" = "$before" ] ||
    fail "the migration from 2 changed the rows"
  [ "$(q 'SELECT count(*) FROM answers')" = 0 ] || fail "the new answers table is not empty"
  note "schema 2 -> 3: the session and the check-in kept as they were, answers added"
}

t_ask() {
  cat >"$work/ask.lua" <<'EOF'
return session { title = "Ask test",
  wait(1),
  ask { "Did that help?", timeout = 3, default = "no",
        yes = { say "Good, then we are done." },
        no = { say "Then we try the other side." } },
}
EOF
  mkfifo "$work/answers"
  "$pacer" play --audio-only --no-audio "$work/ask.lua" <"$work/answers" >"$work/ask.log" 2>"$work/ask.err" &
  local p=$!
  pids+=("$p")
  exec 8>"$work/answers"
  wait_until 60 "the question was not asked" grep -q "^Type y or n" "$work/ask.log"
  printf 'y' >&8
  wait_until 60 "the answer was not taken" grep -q "^Your answer: yes" "$work/ask.log"
  ended() { ! kill -0 "$p" 2>/dev/null; }
  wait_until 120 "the session did not end after the answer" ended
  exec 8>&-
  wait "$p" || fail "pacer play failed"
  grep -q '"Good, then we are done."' "$work/ask.log" || fail "the yes branch did not play: $(cat "$work/ask.log")"
  grep -q 'other side' "$work/ask.log" && fail "the no branch played too: $(cat "$work/ask.log")"
  [ "$(q 'SELECT ask, question, answer, by_default FROM answers')" = "0|Did that help?|yes|0" ] ||
    fail "the answer kept: '$(q 'SELECT * FROM answers')'"
  [ "$(q 'SELECT count(*) FROM answers a JOIN sessions s ON s.id = a.session')" = 1 ] || fail "the answer names no session"
  note "pipe: y answered yes, the yes branch played, the journal keeps yes"
  # nobody answers: the default is taken at the timeout, and kept as such
  sleep 1.1 # a new second: a new row (rows are told apart by their start time)
  "$pacer" play --audio-only --no-audio "$work/ask.lua" </dev/null >"$work/ask2.log" 2>&1 || fail "the second play failed"
  grep -q "^No answer: going on with no" "$work/ask2.log" || fail "the default was not said: $(cat "$work/ask2.log")"
  grep -q 'other side' "$work/ask2.log" || fail "the no branch did not play: $(cat "$work/ask2.log")"
  [ "$(q 'SELECT answer, by_default FROM answers ORDER BY session DESC LIMIT 1')" = "no|1" ] ||
    fail "the default kept: '$(q 'SELECT * FROM answers')'"
  note "no answer: the default (no) taken at the timeout and kept as the default"
  # --json lists each session's answers with it
  "$pacer" history --json >"$work/h.json" || fail "history --json failed"
  [ "$(json_get "$work/h.json" '$.sessions[0].answers[0].answer')" = yes ] || fail "--json: $(cat "$work/h.json")"
  [ "$(json_get "$work/h.json" '$.sessions[1].answers[0].by_default')" = 1 ] || fail "--json: $(cat "$work/h.json")"
  # the export keeps them beside the sessions; a new device takes them back, the same bytes
  "$pacer" history --export "$work/b.csv" >"$work/exp.log" || fail "the export failed"
  grep -q "and 2 answers to .*b-answers.csv" "$work/exp.log" || fail "the export said: $(cat "$work/exp.log")"
  [ "$(sed -n 2p "$work/b-answers.csv" | cut -d, -f3-)" = $'0,Did that help?,yes,0\r' ] ||
    fail "the answers' export: $(cat "$work/b-answers.csv")"
  "$pacer" history --forget --yes >/dev/null || fail "forget failed"
  [ "$(q 'SELECT count(*) FROM answers')" = 0 ] || fail "--forget kept the answers"
  note "--forget empties the answers"
  "$pacer" history --import "$work/b-answers.csv" >/dev/null 2>"$work/imp.err" && fail "answers without their sessions were taken"
  grep -q "b-answers.csv:2: no session started .* is in the journal" "$work/imp.err" || fail "the refusal: $(cat "$work/imp.err")"
  [ "$(q 'SELECT count(*) FROM answers')" = 0 ] || fail "a refused import added answers"
  "$pacer" history --import "$work/b.csv" >/dev/null || fail "the sessions' import failed"
  "$pacer" history --import "$work/b-answers.csv" >"$work/imp.log" || fail "the answers' import failed: $(cat "$work/imp.log")"
  grep -q "^Imported 2 answers (0 already" "$work/imp.log" || fail "the import said: $(cat "$work/imp.log")"
  "$pacer" history --import "$work/b-answers.csv" >"$work/imp.log" || fail "the second import failed"
  grep -q "^Imported 0 answers (2 already" "$work/imp.log" || fail "the second import said: $(cat "$work/imp.log")"
  "$pacer" history --export "$work/again.csv" >/dev/null || fail "the second export failed"
  cmp -s "$work/again-answers.csv" "$work/b-answers.csv" || fail "the answers do not come back the same"
  note "export, forget, import: the answers come back the same; without their sessions they are refused"
}

t_progress() {
  command -v convert >/dev/null || { echo "SKIP: ImageMagick's convert is not installed"; exit 77; }
  # today's square in a 1280x720 picture (core/ui/progress.c's layout): the last row, the
  # column of today's day of the week; 45 px squares 52 px apart from (24, 204)
  local wd x y
  wd=$(($(date +%u) - 1))
  x=$((24 + wd * 52 + 22)) y=$((204 + 7 * 52))
  pixel() { convert "$1" -format "%[hex:p{$2,$3}]" info: | cut -c1-6; }
  snap() { "$pacer" snapshot --progress -o "$work/$1.png" 2>"$work/$1.log" || fail "snapshot --progress failed: $(cat "$work/$1.log")"; }
  snap empty
  [ "$(pixel "$work/empty.png" $x $((y + 22)))" = 33455C ] || fail "with no session today's square is $(pixel "$work/empty.png" $x $((y + 22)))"
  local today
  today=$(date +%Y-%m-%d)
  printf 'started,file,title,seconds,outcome,pain_before,pain_after\n%sT07:00:00,/s/a.lua,A,600,finished,5,3\n' "$today" >"$work/a.csv"
  "$pacer" history --import "$work/a.csv" >/dev/null || fail "import failed"
  snap half
  [ "$(pixel "$work/half.png" $x $((y + 40)))" = E8B86C ] || fail "10 minutes: the bottom of today's square is $(pixel "$work/half.png" $x $((y + 40)))"
  [ "$(pixel "$work/half.png" $x $((y + 8)))" = 33455C ] || fail "10 minutes: the top of today's square is $(pixel "$work/half.png" $x $((y + 8)))"
  printf 'started,file,title,seconds,outcome,pain_before,pain_after\n%sT18:00:00,/s/a.lua,A,900,finished,4,2\n' "$today" >"$work/b.csv"
  "$pacer" history --import "$work/b.csv" >/dev/null || fail "import failed"
  snap full
  [ "$(pixel "$work/full.png" $x $((y + 8)))" = 5FB3C9 ] || fail "25 minutes: today's square is $(pixel "$work/full.png" $x $((y + 8)))"
  note "progress: today's square empty, half filled after 10 minutes, full after 25"
}

case "$case_name" in
  played | killed | locked | readonly | corrupt | newer | roundtrip | pain | checkin | migrate | progress | ask) "t_$case_name" ;;
  *) echo "unknown case $case_name"; exit 2 ;;
esac
echo "PASS: journal/$case_name"
