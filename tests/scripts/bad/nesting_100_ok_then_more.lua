-- 99 blocks around a step and the session itself make 101 levels. Each tree is
-- refused where it first goes past 100: the five blocks wrapped around 'more' make
-- one report, the session another.
local b = say "Breathe."
for i = 1, 99 do b = sets { n = 1, b } end
local more = b
for i = 1, 5 do more = sets { n = 1, more } end
return session { title = "edge", b }
