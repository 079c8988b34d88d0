-- include cannot reach outside the sessions folder: no '..'.
local h = include "../good/utf8_text.lua"
return session { title = "x" }
