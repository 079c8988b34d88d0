-- A table pretending to be a session: its metatable must never run.
return setmetatable({}, {
  __index = function() while true do end end,
  __tostring = function() while true do end end,
  __name = "session",
})
