-- SI joint correction: knee-to-chest holds with the thigh pushing into the hands.
-- Dosage: hold 5 to 10 seconds, 3 to 5 times, painful side first, then the other;
-- finish with gentle knee rocking.
return session {
  title = "SI joint correction",
  summary = "Knee-to-chest holds for a stiff sacroiliac joint, then gentle knee rocking",
  language = "en", rate = 150, api = 1,

  show "Lie on your back, knees bent, feet flat.",
  say "Lie on your back with both knees bent and your feet flat on the floor.",
  say "If your pain gets sharply worse, or spreads down a leg, stop and rest.",
  -- Start with the painful side: swap the names below when that is the right side.
  sides { "left", "right",
    say "Bring your {side} knee up and hold it with both hands.",
    hold { seconds = 8, reps = 4, rest = 5, countdown = 3,
           cue = "Press your thigh into your hands", release = "And relax" },
    say "Lower your {side} foot back to the floor.",
    wait(3),
  },
  show "Knees together, rocking gently side to side.",
  say "Keep your knees together and let them rock slowly from side to side.",
  wait { 30, countdown = true, label = "Rock your knees" },
  say "Bring your knees back to the middle. Well done.",
  bell(),
}
