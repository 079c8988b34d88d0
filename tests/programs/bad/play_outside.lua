-- A session outside the sessions folder.
return program {
  title = "Outside",
  plan = function(history)
    return { play "../../etc/passwd.lua" }
  end,
}
