-- A finalizer runs with hooks off, so one that never returns could not be stopped.
local t = setmetatable({}, { __gc = function() while true do end end })
return session { title = "gc" }
