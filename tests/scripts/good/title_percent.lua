-- printf directives in texts are text: they must come out verbatim, never formatted.
return session {
  title = "Breathe %s%n%d %% 100%",
  summary = "%x%p%s",
  say "Say %s%n out loud",
  show "Card %n%s",
  wait { 2, label = "%s%%n" },
}
