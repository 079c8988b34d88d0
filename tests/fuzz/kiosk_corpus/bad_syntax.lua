return kiosk {
  sessions = "s",
  idle_minutes = 0.1
  hold_seconds = 2,
}
