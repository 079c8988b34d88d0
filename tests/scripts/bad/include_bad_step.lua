-- A step made in an included file is reported at its line in that file.
local lib = include "lib/bad_step.lua"
return session { title = "x", lib.rest }
