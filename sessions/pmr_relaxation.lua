-- Progressive muscle relaxation, lying on the back.
-- Dosage: tense each muscle group for about 5 seconds, then let go for about 10 and notice
-- the difference, from the hands to the feet. The lower back is left out on purpose: tensing
-- it hard can stir up back pain. Needs the pmr plugin (shipped with Pacer).
local C = include "lib/common.lua"

return C.session {
  title = "Muscle relaxation",
  summary = "Tense and let go, group by group, from the hands to the feet",
  C.opening(C.LYING),
  say "Tense each part firmly but not hard, never to the point of pain.",
  pmr { tense = 5, release = 10, countdown = 2 },
  C.closing("Well done. Lie still for a moment and enjoy the quiet."),
}
