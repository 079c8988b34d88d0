local ok = pcall(function() return os.execute("true") end)
local g = pcall(function() return io.open("/etc/passwd") end)
local f = pcall(setmetatable, {}, { __gc = function() while true do end end })
return session { title = tostring(ok) .. tostring(g) .. tostring(f), say(require) }
