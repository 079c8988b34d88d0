-- Hip flexor stretch, standing, both sides.
-- Dosage: one foot forward and one back, the pelvis rolled under to flatten the lower back,
-- the front knee bent and the hips pushed forward; hold 1 minute, then switch sides
-- ("Back Pain Won't Go Away?", a physical therapist's article). This session: one 60 s hold
-- on each side, the left leg back first.
local C = include "lib/common.lua"

return C.session {
  title = "Hip flexor stretch, standing",
  summary = "A split stance with the hips eased forward, one minute each side",
  C.opening(C.STANDING),
  C.hip_flexor_standing { seconds = 60 },
  C.closing "Well done. Take a slow walk around the room.",
}
