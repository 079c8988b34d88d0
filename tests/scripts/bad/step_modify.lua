-- Steps are immutable once made.
local s = say "Breathe in"
s.text = "Breathe out"
return session { title = "x", s }
