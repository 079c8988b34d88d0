-- Long texts of the length real sessions use, for the layout tests at small and portrait
-- sizes (tests/ui): a long title, a long spoken cue, a long card, a side hold.
return session {
  title = "Knee-to-chest holds with slow breathing, twelve minutes",
  summary = "Knee-to-chest holds for a stiff sacroiliac joint, then gentle knee rocking",
  language = "en", rate = 150, api = 1,
  show "Lie on your back with both knees bent and your feet flat on the floor, hip-width apart.",
  say "Lie on your back with your knees bent. If your pain gets sharply worse, or spreads down a leg, stop and rest. On a hard day, it is fine to go more gently.",
  breathe { inhale = 4, exhale = 6, cycles = 1, speak_cycles = 0 },
  sides { "left", "right",
    hold { seconds = 6, reps = 2, rest = 3 },
  },
}
