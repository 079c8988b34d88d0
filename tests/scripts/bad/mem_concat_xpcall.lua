-- A string that doubles without end inside xpcall: the handler cannot keep the script alive.
-- The report has no line: Lua calls no message handler for memory errors.
local s = "breathe"
xpcall(function()
  while true do s = s .. s end
end, function(e) return e end)
return session { title = "never" }
