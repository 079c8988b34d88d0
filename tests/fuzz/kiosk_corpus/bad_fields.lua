return kiosk {
  sessions = "s",
  idle_minuts = 0.1,
  volume = 2,
  theme = "dark",
}
