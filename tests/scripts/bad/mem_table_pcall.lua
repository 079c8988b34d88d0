-- A table that grows without end inside pcall: the memory error is not caught by pcall
-- (the sandbox raises it again), so the script stops.
local ok = pcall(function()
  local t = {}
  for i = 1, math.maxinteger do
    t[i] = { i, i, i, i, i, i, i, i }
  end
end)
return session { title = "never" }
