return kiosk { sessions = "a\\b", voice = "bad voice", pin_hash = "1234\n" }
