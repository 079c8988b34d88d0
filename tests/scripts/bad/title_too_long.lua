-- A title over 120 bytes.
return session {
  title = string.rep("a", 121),
  say "Hello",
}
