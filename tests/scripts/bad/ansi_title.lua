-- An ANSI escape in the title is rejected, and never printed raw.
return session {
  title = "\27[2J\27[31mRed alert\27[0m",
  say "Hello",
}
