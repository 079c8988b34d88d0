-- A plan that returns one session instead of a list.
return program {
  title = "Not a list",
  plan = function(history)
    return "walking_10_minutes.lua"
  end,
}
