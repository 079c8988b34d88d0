-- Child's pose rock back, on hands and knees.
-- From "Back Pain Won't Go Away?" (a physical therapist's article): rocking back into a
-- child's pose stretches stiff lower back muscles; rocking back with the lower back kept
-- flat stretches the hips instead. The article gives no dose, so this session uses a gentle
-- one a therapist can change here: 3 holds of 20 s for each version, 6 s or more of rest
-- between holds.
local C = include "lib/common.lua"

return C.session {
  title = "Child's pose rock back",
  summary = "Rock back from hands and knees: for the lower back, then for the hips",
  C.opening(C.HANDS_KNEES),
  C.child_pose { seconds = 20, reps = 3 },
  C.closing "Well done. Sit back on your heels or lie down, and rest.",
}
