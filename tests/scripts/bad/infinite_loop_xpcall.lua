-- An endless loop inside xpcall with a handler: the handler cannot catch the
-- time-out either.
local function handler(e) return e end
while true do
  xpcall(function()
    local n = 0
    while true do n = n + 1 end
  end, handler)
end
return session { title = "never" }
