-- A missing comma between two steps.
return session {
  title = "Syntax",
  say "Breathe in"
  say "Breathe out",
}
