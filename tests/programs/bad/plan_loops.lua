-- A plan that never returns: stopped by the sandbox's time limit, at its line.
return program {
  title = "Endless",
  plan = function(history)
    while true do end
  end,
}
