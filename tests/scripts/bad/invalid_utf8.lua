-- Bytes that are not UTF-8.
return session {
  title = "Bad bytes",
  say "Breathe \xff\xfe in",
}
