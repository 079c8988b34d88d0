-- Session scripts cannot load code from files.
local chunk = loadfile("/etc/passwd")
return session { title = "loadfile" }
