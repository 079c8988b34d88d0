-- An error raised in an included helper is reported in the helper's file, at its line.
local lib = include "lib/raises.lua"
return session {
  title = "Helper",
  lib.hold_for(900),
}
