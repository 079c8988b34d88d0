-- beep takes no fields at all.
return session {
  title = "Beep",
  beep { volume = 1 },
}
