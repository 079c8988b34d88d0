-- string.dump is not in the sandbox, not even as a string method.
local bytes = ("x"):dump()
return session { title = "dump" }
