-- A misspelled step name: an unknown global, with a suggestion.
return session {
  title = "Typo",
  brethe { inhale = 4, exhale = 6, cycles = 3 },
}
