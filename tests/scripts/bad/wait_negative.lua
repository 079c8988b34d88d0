-- A negative duration.
return session {
  title = "Negative",
  wait { -5, label = "Back in time" },
}
