-- table.sort of two billion slots (a lying __len) with a C comparator that
-- accepts nil: no Lua code runs between comparisons, so no hook can stop it.
local t = setmetatable({}, { __len = function() return 2147483646 end })
table.sort(t, rawequal)
return session { title = "never" }
