-- A syntax error in an included file is reported in that file.
local lib = include "lib/syntax.lua"
return session { title = "x", lib.breath() }
