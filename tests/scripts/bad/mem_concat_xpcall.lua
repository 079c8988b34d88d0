-- A string that doubles without end inside xpcall: the handler cannot keep the script alive.
local s = "breathe"
xpcall(function()
  while true do s = s .. s end
end, function(e) return e end)
return session { title = "never" }
