local f = load("return 1 + ")
local g = load(string.dump and "x" or "\27Lua")
return session { title = "load", say(tostring(f) .. tostring(g)) }
