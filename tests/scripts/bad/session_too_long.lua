-- Every value is in range, but together they last longer than a day.
return session {
  title = "Days",
  sets { n = 50,
    sets { n = 50,
      hold { seconds = 600, reps = 100 },
    },
  },
}
