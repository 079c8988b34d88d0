-- A misspelled field, with a suggestion.
return session {
  title = "Typo in a field",
  breathe { inahle = 4, exhale = 6, cycles = 3 },
}
