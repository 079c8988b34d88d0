-- The three shipped plugins' steps in one session, between built-in steps.
return session {
  title = "Plugins together",
  summary = "Muscle relaxation, resonance breathing, then a short walk",
  say "We start with the hands and shoulders.",
  pmr { "hands and forearms", "shoulders", tense = 5, release = 10 },
  hold(3),
  resonance { rate = 6, minutes = 2, speak_cycles = 1 },
  say "Now stand up for a short walk.",
  wait(3),
  walk { minutes = 2, beat = false },
  bell(),
}
