-- A side's name is text too: no control characters.
return session {
  title = "Side",
  sides { "left", "\27[7mright",
    say "Lift your {side} arm.",
  },
}
