return kiosk {
  sessions = "/srv/pacer/sessions",
  idle_minutes = 0.5,
  pin_hash = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaA",
  theme = "default",
  reduced_motion = true,
  volume = 0.6,
  voice = "flite:slt",
  corner = "bottom-right",
  hold_seconds = 3,
}
