-- The path given to include is printed escaped.
local h = include "\27[31mlib/red.lua"
return session { title = "x" }
