-- An escape sequence in an unknown field's name is printed escaped.
return session {
  title = "Escape in a field name",
  hold { seconds = 5, ["\27[31mreps"] = 2 },
}
