-- A speaking rate out of range.
return session {
  title = "Too fast", rate = 500,
  say "Quick",
}
