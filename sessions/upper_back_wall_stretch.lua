-- Upper back wall stretch, standing, one hold of 1 minute.
-- Dosage: the lower back flat against a wall, the feet one to two feet (30 to 60 cm) from
-- it, the arms raised like goal posts; hold 1 minute, or, for those who cannot hold it that
-- long, 2 x 30 s, 3 x 20 s or 6 x 10 s ("Back Pain Won't Go Away?", a physical therapist's
-- article).
-- How the variants are offered: one small session each, so the patient picks the one they
-- can hold from the menu and every variant plays start to finish hands-free:
--   upper_back_wall_stretch.lua       1 x 60 s
--   upper_back_wall_stretch_2x30.lua  2 x 30 s, 15 s rest between
--   upper_back_wall_stretch_3x20.lua  3 x 20 s, 15 s rest between
--   upper_back_wall_stretch_6x10.lua  6 x 10 s, 10 s rest between
-- All four use the one block C.wall_stretch in lib/common.lua; each totals 60 s of holding.
local C = include "lib/common.lua"

return C.session {
  title = "Upper back wall stretch, 1 minute",
  summary = "Goal-post arms against a wall, held for one minute",
  C.opening(C.WALL),
  C.wall_stretch { sets = 1, seconds = 60 },
  C.closing "Well done. Step away from the wall and let your arms hang loose.",
}
