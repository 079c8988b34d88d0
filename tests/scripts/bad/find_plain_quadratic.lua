-- A plain find (no pattern) that compares almost all of a long needle at every
-- position of a long subject: hours of work inside one call, within the memory cap.
local hay = string.rep("a", 8000000)
local needle = string.rep("a", 4000000) .. "b"
local at = hay:find(needle, 1, true)
return session { title = "never" }
