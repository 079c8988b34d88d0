-- Progressive muscle relaxation through three muscle groups.
return session {
  title = "Muscle relaxation, three groups",
  summary = "Hands, shoulders and face: tense, then let go",
  say "Lie down or sit comfortably.",
  wait(2),
  pmr { "hands and forearms", "shoulders", "face", tense = 5, release = 10, countdown = 2 },
  bell(),
}
