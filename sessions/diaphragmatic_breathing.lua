-- Diaphragmatic (belly) breathing, 5 minutes, lying on the back.
-- Dosage: 5 to 10 minutes of belly breathing a day ("Back Pain Won't Go Away?", a physical
-- therapist's article); this session gives the shorter dose: 30 breaths of 4 s in and 6 s
-- out, exactly 5 minutes. The 10-minute dose is diaphragmatic_breathing_10.lua.
local C = include "lib/common.lua"

return C.session {
  title = "Belly breathing, 5 minutes",
  summary = "Slow breathing led by the belly, lying on your back",
  C.opening(C.LYING),
  C.belly_breathing { minutes = 5 },
  C.closing(),
}
