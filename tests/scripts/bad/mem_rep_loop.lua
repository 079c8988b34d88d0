-- Strings of 1 MB each, kept until the memory cap (64 MB) refuses one.
local parts = {}
for i = 1, 1000 do parts[i] = string.rep("x", 1 << 20) end
return session { title = "never" }
