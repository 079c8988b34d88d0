-- include loads Lua files only.
local notes = include "lib/notes.txt"
return session { title = "x" }
