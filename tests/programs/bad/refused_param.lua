-- A parameter the session refuses (the walk is 1 to 120 minutes), and one it never reads.
return program {
  title = "Refused",
  plan = function(history)
    return {
      play { "walking_10_minutes.lua", minutes = 500 },
      play { "diaphragmatic_breathing.lua", minutes = 5 },
    }
  end,
}
