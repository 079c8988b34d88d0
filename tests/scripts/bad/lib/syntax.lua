-- A helper library with a syntax error.
local M = {}
function M.breath()
  return breathe { inhale = 4 exhale = 6, cycles = 1 }
end
return M
