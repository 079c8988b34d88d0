-- One string of 1 GB: refused up front, before anything is allocated.
local s = string.rep("x", 1 << 30)
return session { title = s }
