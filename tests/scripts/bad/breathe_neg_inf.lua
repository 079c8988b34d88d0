-- Negative infinity as a duration.
return session {
  title = "Minus infinity",
  breathe { inhale = -math.huge, exhale = 6, cycles = 2 },
}
