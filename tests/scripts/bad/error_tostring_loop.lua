-- The error value's __tostring must never be called.
error(setmetatable({}, { __tostring = function() while true do end end }))
return session { title = "x" }
