-- U+009B is the one-character CSI of 8-bit terminals.
return session {
  title = "C1",
  show "\u{9B}2J cleared",
}
