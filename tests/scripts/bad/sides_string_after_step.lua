-- Side names come before the steps.
return session {
  title = "Sides",
  sides { "left",
    say "Lift your {side} arm.",
    "right",
  },
}
