return session { title = "outer", session { title = "inner" }, say "{side} outside sides", say(say "x") }
