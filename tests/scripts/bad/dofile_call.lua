-- Session scripts cannot read other files.
local steps = dofile("steps.lua")
return session { title = "dofile" }
