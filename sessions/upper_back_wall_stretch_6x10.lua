-- Upper back wall stretch, standing, 6 holds of 10 seconds.
-- Dosage: goal-post arms against a wall for 1 minute, or, for those who cannot hold it that
-- long, 2 x 30 s, 3 x 20 s or 6 x 10 s ("Back Pain Won't Go Away?", a physical therapist's
-- article). This is the 6 x 10 s variant, with 10 s of rest between holds: 60 s of holding
-- in all. The other variants, and why each is its own session: upper_back_wall_stretch.lua.
local C = include "lib/common.lua"

return C.session {
  title = "Upper back wall stretch, 6 x 10 s",
  summary = "Goal-post arms against a wall: six holds of ten seconds",
  C.opening(C.WALL),
  C.wall_stretch { sets = 6, seconds = 10, rest = 10 },
  C.closing "Well done. Step away from the wall and let your arms hang loose.",
}
