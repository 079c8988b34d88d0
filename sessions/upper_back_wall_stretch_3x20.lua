-- Upper back wall stretch, standing, 3 holds of 20 seconds.
-- Dosage: goal-post arms against a wall for 1 minute, or, for those who cannot hold it that
-- long, 2 x 30 s, 3 x 20 s or 6 x 10 s ("Back Pain Won't Go Away?", a physical therapist's
-- article). This is the 3 x 20 s variant, with 15 s of rest between holds: 60 s of holding
-- in all. The other variants, and why each is its own session: upper_back_wall_stretch.lua.
local C = include "lib/common.lua"

return C.session {
  title = "Upper back wall stretch, 3 x 20 s",
  summary = "Goal-post arms against a wall: three holds of twenty seconds",
  C.opening(C.WALL),
  C.wall_stretch { sets = 3, seconds = 20, rest = 15 },
  C.closing "Well done. Step away from the wall and let your arms hang loose.",
}
