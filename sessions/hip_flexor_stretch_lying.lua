-- Hip flexor stretch, lying on a bed, both sides.
-- Dosage: one leg hanging off the side of the bed, the other knee pulled to the chest and
-- the lower back flat on the bed; hold 1 minute, then switch sides ("Back Pain Won't Go
-- Away?", a physical therapist's article; it gives the minute for the standing version,
-- and we use the same here). This session: one 60 s hold on each side.
-- If lying like this is hard, use hip_flexor_stretch_standing.lua.
local C = include "lib/common.lua"

return C.session {
  title = "Hip flexor stretch, lying",
  summary = "One leg over the edge of the bed, one minute each side",
  C.opening(C.BED_EDGE),
  C.hip_flexor_lying { seconds = 60 },
  C.closing "Well done. Lie still for a moment before you sit up.",
}
