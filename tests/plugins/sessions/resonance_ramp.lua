-- Resonance breathing that starts at a comfortable rate and slows to six a minute.
return session {
  title = "Resonance breathing, 4 minutes",
  summary = "Slowing from 8 to 6 breaths a minute over two minutes",
  say "Sit comfortably and breathe through your nose.",
  wait(2),
  resonance { rate = 6, start_rate = 8, ramp_minutes = 2, minutes = 4, speak_cycles = 2 },
  say "Let your breathing return to its own pace.",
  bell(),
}
