-- Quadratus lumborum breathing stretch, seated, both sides.
-- Dosage: 5 to 10 deep breaths per side; reach higher on each inhale, hold on each exhale.
return session {
  title = "QL breathing stretch",
  summary = "Seated side stretch for a stiff lower back, eight breaths each side",
  language = "en", rate = 150, api = 1,

  show "Sit on a firm chair, feet flat on the floor.",
  say "Sit tall on a firm chair with your feet flat on the floor.",
  say "If your pain gets sharply worse, or spreads down a leg, stop and rest.",
  sides { "left", "right",
    show "Raise your {side} arm. Rest the other elbow on your knee.",
    say "Raise your {side} arm overhead, and rest your other elbow on your knee.",
    wait(2),
    breathe { inhale = 4, exhale = 6, cycles = 8, speak_cycles = 8,
              inhale_cue = "Breathe in and reach a little higher",
              exhale_cue = "Breathe out and hold the stretch" },
    say "Lower your arm slowly.",
    wait(3),
  },
  say "That is both sides done. Sit easy for a moment.",
  bell(),
}
