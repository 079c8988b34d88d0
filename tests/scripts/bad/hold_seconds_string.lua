-- A number given as a string is not converted.
return session {
  title = "Wrong type",
  hold { seconds = "8", reps = 2 },
}
