-- A value past the end of the list part (as after a nil).
return session {
  title = "Hole",
  sets { n = 2, [3] = wait(1) },
}
