-- An escape sequence in an unknown global name is printed escaped.
local step = _ENV["\27[31mbreathe"]
return session { title = "x" }
