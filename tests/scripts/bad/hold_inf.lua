-- An infinite duration.
return session {
  title = "Forever",
  hold { seconds = math.huge },
}
