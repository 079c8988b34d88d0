-- The largest integer, far out of range.
return session {
  title = "Overflow",
  hold { seconds = 5, reps = math.maxinteger },
}
