-- More positional values than the step has fields.
return session {
  title = "Extra",
  tone(440, 200, 0.5, 7),
}
