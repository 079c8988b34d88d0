-- A syntax error whose token holds a raw ESC byte: printed escaped.
return session {
  title = "Unfinished",
  say "Breathe [31min
}
