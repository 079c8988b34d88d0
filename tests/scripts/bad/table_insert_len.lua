-- table.insert shifts every element up to #t, and __len says there are 2^63 - 1.
local t = setmetatable({}, { __len = function() return math.maxinteger - 1 end })
table.insert(t, 1, "first")
return session { title = "never" }
