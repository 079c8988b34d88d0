-- Recursion without end: Lua's stack limit stops it, with a hint.
local function down(n)
  return 1 + down(n + 1)
end
down(1)
return session { title = "never" }
