-- Steps are opaque: their fields cannot be read back.
local h = hold { seconds = 5 }
local secs = h.seconds
return session { title = "x", h }
