-- A short paced walk, out and back.
return session {
  title = "Walk, 4 minutes",
  summary = "A paced walk at 100 steps a minute, turning around at halfway",
  walk { minutes = 4, cadence = 100, turn_around = true },
  bell(),
}
