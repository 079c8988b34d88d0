-- Diaphragmatic (belly) breathing, five minutes, lying down.
-- Dosage: 5 to 10 minutes a day of slow breathing led by the diaphragm.
return session {
  title = "Belly breathing, 5 minutes",
  summary = "Slow breathing led by the belly, lying on your back",
  language = "en", rate = 150, api = 1,

  show "Lie on your back. One hand on your chest, the other on your belly.",
  say "Lie on your back with your knees bent, one hand resting on your chest and the other on your belly.",
  say "If your pain gets sharply worse, or spreads down a leg, stop and rest.",
  say "Let your belly lift your lower hand as you breathe in. Your chest hand stays almost still.",
  wait(3),
  breathe { inhale = 4, exhale = 6, minutes = 5, speak_cycles = 3, announce = true,
            inhale_cue = "Breathe in, belly rises", exhale_cue = "Breathe out, belly falls" },
  say "Well done. Let your breathing return to its own pace.",
  bell(),
}
