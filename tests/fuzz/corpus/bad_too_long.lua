-- expands past the limits: too many events, too many hours
return session { title = "long",
  sets { n = 50, sets { n = 50, sets { n = 50, sets { n = 50, tone { ms = 5 } } } } },
  sets { n = 50, sets { n = 50, hold { seconds = 600, reps = 100 } } },
}
