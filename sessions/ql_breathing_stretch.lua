-- Quadratus lumborum (QL) breathing stretch, seated, both sides.
-- Dosage: 5 to 10 deep breaths with the arm of the stiff side raised and the other elbow on
-- the knee; reach a little higher on each breath in, hold the stretch on each breath out
-- ("Back Pain Won't Go Away?", a physical therapist's article). This session: 8 breaths of
-- 5 s in and 6 s out on each side, the stiffer side first, then the other side.
local C = include "lib/common.lua"

return C.session {
  title = "QL breathing stretch",
  summary = "Seated side stretch for a stiff lower back, eight breaths each side",
  C.opening(C.SEATED),
  C.ql_stretch { breaths = 8 },
  C.closing "Both sides are done. Sit and rest for a moment.",
}
