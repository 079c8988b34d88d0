-- SI joint correction, lying on the back.
-- Dosage: pull the knee to the chest while the thigh pushes into the hands; hold 5 to 10
-- seconds, 3 to 5 times; the painful side first, then the other; then rock the bent knees
-- gently side to side ("Back Pain Won't Go Away?", a physical therapist's article).
-- This session: 4 holds of 8 s on each side, the painful side first, then 1 minute of
-- knee rocking (the article gives no time for the rocking).
local C = include "lib/common.lua"

return C.session {
  title = "SI joint correction",
  summary = "Knee-to-chest holds for a stiff sacroiliac joint, then gentle knee rocking",
  C.opening(C.LYING),
  C.si_correction { seconds = 8, reps = 4 },
  C.knee_rocking { seconds = 60 },
  C.closing(),
}
