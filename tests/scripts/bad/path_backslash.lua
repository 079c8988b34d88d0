-- A recording named with a backslash: said as it is.
return session {
  title = "x",
  say { "Hello", file = "sounds\\hello.wav" },
}
