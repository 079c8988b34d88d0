-- A recording outside the session's folder, by absolute path.
return session {
  title = "Absolute",
  say { "Hello", file = "/etc/passwd" },
}
