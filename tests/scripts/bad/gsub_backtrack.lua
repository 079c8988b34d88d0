-- gsub with a function that is never called: the pattern itself never ends.
local s = string.rep("a", 40) .. "b"
local out = s:gsub(string.rep("a-", 30) .. "c", function(m) return m end)
return session { title = "never" }
