-- A voice name with a space in it.
return session {
  title = "Voice", voice = "flite slt",
  say "Hello",
}
