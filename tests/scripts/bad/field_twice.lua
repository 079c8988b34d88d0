-- The same field by position and by name.
return session {
  title = "Twice",
  wait { 5, seconds = 6 },
}
