return session { title = "x", say "unterminated }
