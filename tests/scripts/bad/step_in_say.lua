-- A step inside a step that takes no steps.
return session {
  title = "Nested",
  say { "Breathe in", beep() },
}
