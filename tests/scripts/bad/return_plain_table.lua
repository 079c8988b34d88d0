-- A plain table is not a session.
return {
  title = "Looks like a session",
  say "But is a plain table",
}
