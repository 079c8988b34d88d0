-- A string is not a boolean, however it reads.
return session {
  title = "Countdown",
  wait { 10, countdown = "yes" },
}
