-- The same for a hold's cue (at most 200 bytes): 20 x {side} of 12 bytes each.
return session {
  title = "caps",
  sides { "left leg now", hold { seconds = 5, cue = string.rep("{side} ", 20) } },
}
