-- include cannot reach outside the sessions folder through a link (lib/escape.lua points
-- to ../../good/utf8_text.lua).
local h = include "lib/escape.lua"
return session { title = "x" }
