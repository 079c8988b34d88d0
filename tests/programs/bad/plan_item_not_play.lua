-- A list whose second item is a file name, not play "...".
return program {
  title = "Not a play",
  plan = function(history)
    return { play "walking_10_minutes.lua", "diaphragmatic_breathing.lua" }
  end,
}
