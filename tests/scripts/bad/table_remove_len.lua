-- table.remove shifts every element down from #t, and __len lies.
local t = setmetatable({}, { __len = function() return math.maxinteger end })
local x = table.remove(t, 1)
return session { title = "never" }
