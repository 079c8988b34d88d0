-- NaN as a duration.
return session {
  title = "NaN",
  wait(0/0),
}
