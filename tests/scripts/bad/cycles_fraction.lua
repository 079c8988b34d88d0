-- A count must be a whole number.
return session {
  title = "Half a breath",
  breathe { inhale = 4, exhale = 6, cycles = 2.5 },
}
