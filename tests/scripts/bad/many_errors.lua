-- check reports every mistake, one line each, in order.
return session {
  title = "Many",
  breathe { inahle = 4, exhale = 6, cycles = 3 },
  hold { 0, reps = 1.5 },
  wait { "ten" },
  tone(10, 2, 3),
}
