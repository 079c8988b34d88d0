-- Field names are strings.
return session {
  title = "Keys",
  hold { seconds = 5, [true] = 1 },
}
