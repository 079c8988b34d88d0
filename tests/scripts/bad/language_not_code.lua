-- The language is a code, not free text.
return session {
  title = "Language", language = "en us",
  say "Hello",
}
