-- Daily routine: about 25 minutes of gentle home exercise, from lying to standing.
-- Dosage: self-management programs of 20 to 30 minutes a day, where steady daily practice
-- matters more than effort, doing a little more as the days go by, with deep breathing as a
-- way to calm the body's response to pain (an overview of physical therapy, medication and
-- self-management for chronic back pain, citing Harvard Health and UCSF). The exercises and
-- their doses are those of the single sessions ("Back Pain Won't Go Away?", a physical
-- therapist's article), from the same blocks in lib/common.lua:
--   belly breathing         5 minutes (dose: 5 to 10 minutes a day)
--   SI joint correction     4 holds of 8 s each side, painful side first (5-10 s, 3-5 times),
--                           then 1 minute of knee rocking
--   psoas release           90 s each side (1 to 3 minutes)
--   child's pose rock back  2 holds of 20 s, lower back then hips (no dose given)
--   QL breathing stretch    6 breaths each side (5 to 10 breaths)
--   hip flexor, standing    1 minute each side (1 minute, switch sides)
--   upper back wall stretch 1 minute (1 minute)
--   belly breathing         2 minutes to finish, seated
-- The lying hip flexor stretch needs a bed, so the routine uses the standing one.
local C = include "lib/common.lua"

return C.session {
  title = "Daily routine",
  summary = "About 25 minutes of gentle exercise for every day: breathing, stretches, release",
  C.opening(C.LYING),
  say "This is your daily routine. Go gently and steadily.",
  say "On a bad day, go more gently. A little every day is what helps.",

  C.belly_breathing { minutes = 5 },

  say "Next, we bring each knee to the chest.",
  C.si_correction { seconds = 8, reps = 4 },
  C.knee_rocking { seconds = 60 },

  say "Next, we relax the muscle deep in your hip.",
  C.psoas_release { seconds = 90 },

  C.move_to(C.HANDS_KNEES, "Slowly roll onto your side, and push yourself up with your arms."),
  C.child_pose { seconds = 20, reps = 2 },

  C.move_to(C.SEATED, "Come up slowly, and move to a firm chair."),
  C.ql_stretch { breaths = 6 },

  C.move_to(C.STANDING, "When you are ready, stand up slowly."),
  C.hip_flexor_standing { seconds = 60 },

  C.move_to(C.WALL, "Now move over to a wall."),
  C.wall_stretch { sets = 1, seconds = 60 },

  C.move_to(C.SEATED, "Come away from the wall, and sit down again."),
  say "To finish, two minutes of belly breathing.",
  C.belly_breathing { minutes = 2 },
  C.closing "That is all for today. Well done.",
}
