-- A short session with known phases, for the screen tests (tests/ui).
return session {
  title = "Screen test",
  summary = "Known phases for the screen tests",
  language = "en", rate = 150, api = 1,
  say "Lie on your back with your knees bent.",
  breathe { inhale = 4, hold_in = 2, exhale = 6, hold_out = 2, cycles = 2, speak_cycles = 0 },
  sides { "left", "right",
    hold { seconds = 6, reps = 1 },
  },
  wait(2),
}
