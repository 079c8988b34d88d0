-- The issue's example: a pattern that backtracks for ever inside one string.find.
local r = string.find(string.rep("a", 40) .. "b", string.rep("a*", 30) .. "c")
return session { title = "never", say "Hello" }
