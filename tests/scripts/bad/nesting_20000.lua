-- The issue's example: a step table 20,000 levels deep. One error, at the step
-- that first goes past 100 levels.
local b = wait(1) for i = 1, 20000 do b = sets { n = 1, b } end return session { title = "d", b }
