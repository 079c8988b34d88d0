-- sets without its required 'n'.
return session {
  title = "Sets without n",
  sets { rest = 10,
    hold { seconds = 5 },
  },
}
