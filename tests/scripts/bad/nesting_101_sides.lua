-- Just past the limit, through sides blocks made by a helper function.
local function wrap(step, levels)
  for i = 1, levels do
    step = sides { "left", "right", step }
  end
  return step
end
return session {
  title = "deep",
  wrap(say "Lift your {side} arm.", 100),
}
