return session { title = "With a BOM", say "Café" }
