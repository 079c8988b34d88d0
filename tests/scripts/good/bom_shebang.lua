#!/usr/bin/env pacer
-- A byte order mark and a #! line are skipped.
return session {
  title = "Marked",
  wait(1),
}
