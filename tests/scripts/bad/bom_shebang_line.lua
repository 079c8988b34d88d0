#!/usr/bin/env pacer
-- A byte order mark and a #! line keep line numbers.
return session {
  title = "Lines",
  wait { seconds = 4000 },
}
