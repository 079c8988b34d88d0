-- A pattern that backtracks for ever inside one string.find call: no hook runs
-- there, so the CLI reports and exits after the time limit plus a second.
local s = string.rep("a", 100000)
local found = string.find(s, string.rep("a-", 12) .. "b")
return session { title = "never" }
