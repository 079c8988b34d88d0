-- A card's text: within 1,000 bytes as written, 2,400 once {side} is replaced.
return session {
  title = "caps",
  sides { string.rep("x", 40), show(string.rep("{side}", 60)) },
}
