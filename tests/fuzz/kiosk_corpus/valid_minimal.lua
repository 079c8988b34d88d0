return kiosk {
  sessions = "sessions",
  idle_minutes = 3,
  theme = "high-contrast",
}
