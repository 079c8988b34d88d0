-- A pattern that backtracks for ever inside one string.find call: no hook runs
-- there; the loader process is stopped after the time limit plus a second, and
-- the call is named with its line.
local s = string.rep("a", 100000)
local found = string.find(s, string.rep("a-", 12) .. "b")
return session { title = "never" }
