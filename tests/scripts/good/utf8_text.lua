-- Text in any language is welcome: valid UTF-8 passes through unchanged.
return session {
  title = "Atmung – ruhig",
  summary = "Ruhiges Atmen für Anfänger · 呼吸 · дыхание · 🌬️",
  language = "de",
  say "Atme ein – langsam",
  sides { "links", "rechts",
    say "Heb deinen {side} Arm – über den Kopf.",
    wait(2),
  },
  breathe { inhale = 4, exhale = 6, cycles = 2, inhale_cue = "Einatmen …", exhale_cue = "Ausatmen …" },
}
