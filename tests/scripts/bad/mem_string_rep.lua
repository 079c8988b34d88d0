-- One string of 1 GB: refused by the memory cap (64 MB).
-- The report has no line: Lua calls no message handler for memory errors.
local s = string.rep("x", 1 << 30)
return session { title = s }
