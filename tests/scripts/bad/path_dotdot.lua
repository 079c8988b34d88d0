-- A recording outside the session's folder, by '..'.
return session {
  title = "Dot dot",
  say { "Hello", file = "audio/../../secret.ogg" },
}
