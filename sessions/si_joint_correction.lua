-- SI joint correction, lying on the edge of a bed.
-- Dosage: in the position of the lying hip flexor stretch (on the back on a bed, one leg
-- hanging off its edge, the other knee pulled to the chest), the hands pull the knee in while
-- the thigh presses back against them; hold 5 to 10 seconds, 3 to 5 times; the painful side
-- first, and only if that does not help, the other side; then, on the back with the knees
-- bent, rock the knees gently side to side ("Back Pain Won't Go Away?", a physical
-- therapist's article).
-- This session: 4 holds of 8 s with the painful side's knee pulled in; then the question
-- "Did that ease your back?" (15 s to answer; with no answer, the other side too, as the
-- article says to try it when the first did not help); then 1 minute of knee rocking (the
-- article gives no time for the rocking).
local C = include "lib/common.lua"

return C.session {
  title = "SI joint correction",
  summary = "Knee-to-chest holds on the edge of a bed, the painful side first, then gentle knee rocking",
  C.opening(C.BED_EDGE),
  C.si_bed_side("painful side", { seconds = 8, reps = 4 }),
  ask { "Did that ease your back?", timeout = 15, default = "no",
        yes = { say "Good. Then we leave the other side for today." },
        no = { say "Then we try the other side.", C.si_bed_side("other side", { seconds = 8, reps = 4 }) } },
  show "Knees bent and together, feet flat on the bed.",
  say "Move back to the middle of the bed, with your knees bent and your feet flat.",
  C.knee_rocking { seconds = 60 },
  C.closing(),
}
