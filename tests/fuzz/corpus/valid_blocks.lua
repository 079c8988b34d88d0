-- sides inside sets, {side} in every kind of text
return session {
  title = "Blocks",
  sets { n = 3, rest = 10,
    sides { "left", "right", "middle",
      show "Lift your {side} arm.",
      say "Lift your {side} arm, then hold.",
      hold { seconds = 5, cue = "Hold your {side} arm", release = "Lower it" },
      wait { 2, label = "{side} done" },
    },
  },
  sides { names = { "front", "back" }, say "Now the {side}." },
  sides { say "Default sides: {side}." },
}
