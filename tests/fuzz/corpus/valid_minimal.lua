return session { title = "One breath", breathe { cycles = 1 } }
