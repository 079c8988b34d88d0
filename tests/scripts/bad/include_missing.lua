-- A helper file that does not exist.
local h = include "lib/missing.lua"
return session { title = "x" }
