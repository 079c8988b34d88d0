-- A helper library whose function raises an error.
local M = {}
function M.hold_for(seconds)
  if seconds > 600 then
    error("a hold of " .. seconds .. " s is too long")
  end
  return hold { seconds = seconds }
end
return M
