-- Files that include each other: stopped at the include that closes the cycle.
local h = include "lib/cycle_a.lua"
return session { title = "x" }
