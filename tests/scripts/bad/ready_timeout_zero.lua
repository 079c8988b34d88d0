-- A gate's timeout below its minimum.
return session {
  title = "Ready",
  ready { "Tap when ready.", timeout = 0 },
}
