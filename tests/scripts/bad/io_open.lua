-- Session scripts cannot touch files.
local f = io.open("/etc/passwd")
return session { title = "io" }
