-- Rutina diaria: the daily routine, about 25 minutes of gentle home exercise from lying to
-- standing, in Spanish (espeak-ng's Spanish voice). The same blocks and doses as
-- daily_routine.lua, from lib/common.lua with the words of lib/common_es.lua.
-- Dosage: self-management programs of 20 to 30 minutes a day, where steady daily practice
-- matters more than effort, with deep breathing as a way to calm the body's response to pain
-- (an overview of physical therapy, medication and self-management for chronic back pain).
-- The exercises and their doses are those of the single sessions ("Back Pain Won't Go
-- Away?", a physical therapist's article):
--   belly breathing         5 minutes (dose: 5 to 10 minutes a day)
--   SI joint correction     4 holds of 8 s each side, painful side first (5-10 s, 3-5 times),
--                           then 1 minute of knee rocking
--   psoas release           90 s each side (1 to 3 minutes)
--   child's pose rock back  2 holds of 20 s, lower back then hips (no dose given)
--   QL breathing stretch    6 breaths each side (5 to 10 breaths)
--   hip flexor, standing    1 minute each side (1 minute, switch sides)
--   upper back wall stretch 1 minute (1 minute)
--   belly breathing         2 minutes to finish, seated
local C = (include "lib/common.lua").es

return C.session {
  title = "Rutina diaria",
  summary = "Unos 25 minutos de ejercicio suave para cada día: respiración, estiramientos y relajación",
  C.opening(C.LYING),
  say "Esta es tu rutina diaria. Hazla con suavidad y sin prisa.",
  say "Si hoy es un mal día, hazla más suave. Lo que ayuda es un poco cada día.",

  C.belly_breathing { minutes = 5 },

  say "Ahora, vamos a llevar cada rodilla al pecho.",
  C.si_correction { seconds = 8, reps = 4 },
  C.knee_rocking { seconds = 60 },

  say "Ahora, vamos a relajar el músculo profundo de la cadera.",
  C.psoas_release { seconds = 90 },

  C.move_to(C.HANDS_KNEES, "Gira despacio hacia un lado, y ayúdate de los brazos para incorporarte."),
  C.child_pose { seconds = 20, reps = 2 },

  C.move_to(C.SEATED, "Levántate despacio, y ve a una silla firme."),
  C.ql_stretch { breaths = 6 },

  C.move_to(C.STANDING, "Cuando puedas, ponte de pie despacio."),
  C.hip_flexor_standing { seconds = 60 },

  C.move_to(C.WALL, "Ahora acércate a una pared."),
  C.wall_stretch { sets = 1, seconds = 60 },

  C.move_to(C.SEATED, "Sepárate de la pared, y vuelve a sentarte."),
  say "Para terminar, dos minutos de respiración abdominal.",
  C.belly_breathing { minutes = 2 },
  C.closing "Esto es todo por hoy. Muy bien.",
}
