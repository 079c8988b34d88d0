-- An error raised in a helper function is reported at the error() call.
local function reps_for(level)
  if level > 3 then
    error("no plan for level " .. level)
  end
  return level * 2
end

return session {
  title = "Helper",
  hold { seconds = 5, reps = reps_for(5) },
}
