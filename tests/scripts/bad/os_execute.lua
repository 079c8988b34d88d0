-- Session scripts cannot run programs.
os.execute("echo pwned")
return session { title = "os" }
