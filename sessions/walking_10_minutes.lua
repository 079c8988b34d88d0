-- Graded walking: ten minutes out and back at an easy pace, to a beat of 100 steps a minute.
-- Dosage: graded activity: walk a set time and build up slowly from one week to the next
-- (10 minutes, then 12, then 15); walking raises blood flow to the spine. The length is a
-- parameter: pacer play walking_10_minutes.lua --param minutes=12 (a program sets it as the
-- walks grow). Needs the walk plugin (shipped with Pacer).
local C = include "lib/common.lua"
local minutes = params.minutes or 10

return C.session {
  title = ("Walking, %s minutes"):format(minutes),
  summary = "An easy out-and-back walk to a gentle beat; build up week by week",
  C.opening(C.STANDING),
  walk { minutes = minutes, cadence = 100, turn_around = true },
  C.closing("Well done. Sit down for a moment and rest your legs."),
}
