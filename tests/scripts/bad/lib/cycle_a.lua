-- Included by include_cycle.lua: includes cycle_b.lua, which includes this file again.
return include "lib/cycle_b.lua"
