-- The issue's example: 166 {side} with a 40-byte side name is 6,640 bytes of
-- speech once replaced; the 1,000-byte cap of 'text' holds after replacing.
local side = string.rep("s", 40)
return session {
  title = "caps",
  sides { side, say(string.rep("{side}", 166)) },
}
