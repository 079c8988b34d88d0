-- breathe needs 'cycles' or 'minutes'.
return session {
  title = "Neither",
  breathe { inhale = 4, exhale = 6 },
}
