-- The journal is read-only to a plan.
return program {
  title = "Writer",
  plan = function(history)
    history.today = "2030-01-01"
    return {}
  end,
}
