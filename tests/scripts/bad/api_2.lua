-- A session written for a newer script API than this Pacer's.
return session {
  title = "From the future", api = 2,
  say "Hello",
}
