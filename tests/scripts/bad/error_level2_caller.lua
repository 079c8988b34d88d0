-- error(msg, 2) blames the caller's line.
local function check(n)
  if n > 3 then error("too many", 2) end
  return n
end
return session {
  title = "Level 2",
  hold { seconds = 5, reps = check(9) },
}
