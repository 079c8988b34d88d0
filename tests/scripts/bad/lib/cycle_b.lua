-- Included by cycle_a.lua, which it includes in turn.
return include "lib/cycle_a.lua"
