return session { title = "not a kiosk" }
