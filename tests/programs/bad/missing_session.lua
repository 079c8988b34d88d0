-- A plan that names a session that is not there.
return program {
  title = "Missing",
  plan = function(history)
    return {
      play "diaphragmatic_breathing.lua",
      play "walking_20_minutes.lua",
    }
  end,
}
