-- A program without its plan.
return program {
  title = "No plan",
  summary = "Nothing to do",
}
