-- Step fields are read raw: no metamethod of the table passed to a step ever runs.
local loop = function() while true do end end
return session {
  title = "Raw",
  hold(setmetatable({}, { __index = loop, __len = loop, __pairs = loop })),
}
