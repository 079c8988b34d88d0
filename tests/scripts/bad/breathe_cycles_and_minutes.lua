-- breathe takes 'cycles' or 'minutes', never both.
return session {
  title = "Both",
  breathe { inhale = 4, exhale = 6, cycles = 10, minutes = 2 },
}
