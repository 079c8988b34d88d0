-- Recursion through pcall: the C stack runs out before the Lua stack does.
local function nest(n)
  local ok, err = pcall(nest, n + 1)
  if not ok then error(err, 0) end
end
nest(1)
return session { title = "never" }
