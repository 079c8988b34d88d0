-- An unknown tone shape, with the list of valid ones.
return session {
  title = "Square",
  tone { hz = 440, shape = "square" },
}
