-- The session is made but not returned.
local s = session { title = "Forgot to return it" }
