-- Respiración abdominal: diaphragmatic (belly) breathing, 5 minutes, lying on the back, in
-- Spanish (espeak-ng's Spanish voice). The same steps and dose as diaphragmatic_breathing.lua.
-- Dosage: 5 to 10 minutes of belly breathing a day ("Back Pain Won't Go Away?", a physical
-- therapist's article); this session gives the shorter dose: 30 breaths of 4 s in and 6 s
-- out, exactly 5 minutes.
local C = (include "lib/common.lua").es

return C.session {
  title = "Respiración abdominal, 5 minutos",
  summary = "Respiración lenta con la barriga, boca arriba",
  C.opening(C.LYING),
  C.belly_breathing { minutes = 5 },
  C.closing(),
}
