-- A nil variable passed as the duration.
local pause
return session {
  title = "Nil",
  wait(pause),
}
