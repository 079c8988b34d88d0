-- Strings of 1 MB each, kept until the memory cap (64 MB) refuses one.
local unit, parts = string.rep("x", 1 << 16), {}
for i = 1, 1000 do parts[i] = unit:rep(16) end
return session { title = "never" }
