return kiosk { sessions = "s", wait(1) }
