-- 100 side names given by position: one message with the count, not 36.
local t = {}
for i = 1, 100 do t[i] = "s" .. i end
return session { title = "many", sides { table.unpack(t) } }
