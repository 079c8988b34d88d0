-- An __index chain that loops: Lua's own limit stops it.
local t = {}
setmetatable(t, { __index = t })
local n = t.missing
return session { title = "x" }
