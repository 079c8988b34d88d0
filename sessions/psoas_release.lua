-- Psoas release, lying on the back with the knees bent.
-- Dosage: press gently into the belly between the inner rim of the pelvis and the belly
-- button; on a sore or tender spot, hold a gentle pressure for 1 to 3 minutes ("Back Pain
-- Won't Go Away?", a physical therapist's article). This session: 2 minutes on each side,
-- the left first. The line about a pulse under the fingers is our own precaution.
local C = include "lib/common.lua"

return C.session {
  title = "Psoas release",
  summary = "Gentle, steady pressure low in the belly, two minutes each side",
  C.opening(C.LYING),
  C.psoas_release { seconds = 120 },
  C.closing(),
}
