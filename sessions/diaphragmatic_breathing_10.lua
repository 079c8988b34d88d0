-- Diaphragmatic (belly) breathing, 10 minutes, lying on the back.
-- Dosage: 5 to 10 minutes of belly breathing a day ("Back Pain Won't Go Away?", a physical
-- therapist's article); this session gives the longer dose: 60 breaths of 4 s in and 6 s
-- out, exactly 10 minutes. The 5-minute dose is diaphragmatic_breathing.lua.
local C = include "lib/common.lua"

return C.session {
  title = "Belly breathing, 10 minutes",
  summary = "Slow breathing led by the belly, lying on your back, for ten minutes",
  C.opening(C.LYING),
  C.belly_breathing { minutes = 10 },
  C.closing(),
}
