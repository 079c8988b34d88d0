-- A session without its required title.
return session {
  summary = "No title",
  say "Hello",
}
