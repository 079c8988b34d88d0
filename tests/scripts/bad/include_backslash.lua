-- A Windows-style path: the message names the backslash, not an absolute path.
local helpers = include "lib\\helpers.lua"
return session { title = "x" }
