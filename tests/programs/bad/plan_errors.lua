-- A plan that raises an error: reported at its line.
return program {
  title = "Broken",
  plan = function(history)
    local n = nil
    return { play "walking_10_minutes.lua", n + 1 }
  end,
}
