-- At most 64 sides.
local names = {}
for i = 1, 65 do names[i] = "side" .. i end
return session {
  title = "Too many sides",
  sides { names = names, say "Lift your {side} arm." },
}
