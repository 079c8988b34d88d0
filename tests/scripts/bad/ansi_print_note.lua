-- print() output is a note, escaped; the escape in the caption is an error.
print("\27[2J", "\27[31mred")
return session {
  title = "Print with escapes",
  say { "Hello \27[5mblink" },
}
