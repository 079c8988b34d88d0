-- Estiramiento del cuadrado lumbar: the quadratus lumborum (QL) breathing stretch, seated,
-- both sides, in Spanish (espeak-ng's Spanish voice). The same steps and dose as
-- ql_breathing_stretch.lua.
-- Dosage: 5 to 10 deep breaths with the arm of the stiff side raised and the other elbow on
-- the knee; reach a little higher on each breath in, hold the stretch on each breath out
-- ("Back Pain Won't Go Away?", a physical therapist's article). This session: 8 breaths of
-- 5 s in and 6 s out on each side, the stiffer side first, then the other side.
local C = (include "lib/common.lua").es

return C.session {
  title = "Estiramiento del cuadrado lumbar",
  summary = "Estiramiento lateral en una silla para la zona lumbar rígida, ocho respiraciones por lado",
  C.opening(C.SEATED),
  C.ql_stretch { breaths = 8 },
  C.closing "Ya están los dos lados. Quédate en la silla y descansa un momento.",
}
