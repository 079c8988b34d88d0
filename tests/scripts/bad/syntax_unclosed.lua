-- The file ends inside the session's table.
return session {
  title = "Unclosed",
  say "One",
  wait(3),
