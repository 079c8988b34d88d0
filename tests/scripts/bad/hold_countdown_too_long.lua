-- The countdown must be shorter than the hold.
return session {
  title = "Countdown",
  hold { seconds = 5, countdown = 5 },
}
