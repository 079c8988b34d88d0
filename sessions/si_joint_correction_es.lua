-- Corrección sacroilíaca: the SI joint correction on the edge of a bed, in Spanish
-- (espeak-ng's Spanish voice). The same steps, question and dose as si_joint_correction.lua.
-- Dosage: in the position of the lying hip flexor stretch (on the back on a bed, one leg
-- hanging off its edge, the other knee pulled to the chest), the hands pull the knee in while
-- the thigh presses back against them; hold 5 to 10 seconds, 3 to 5 times; the painful side
-- first, and only if that does not help, the other side; then, on the back with the knees
-- bent, rock the knees gently side to side ("Back Pain Won't Go Away?", a physical
-- therapist's article).
-- This session: 4 holds of 8 s with the painful side's knee pulled in; then the question
-- whether that eased the back (15 s to answer; with no answer, the other side too); then
-- 1 minute of knee rocking (the article gives no time for the rocking).
local C = (include "lib/common.lua").es

return C.session {
  title = "Corrección sacroilíaca",
  summary = "Rodilla al pecho en el borde de la cama, primero el lado que duele; después, balanceo suave de rodillas",
  C.opening(C.BED_EDGE),
  C.si_bed_side(C.PAINFUL_SIDE, { seconds = 8, reps = 4 }),
  ask { "¿Notas alivio en la espalda?", timeout = 15, default = "no",
        yes = { say "Bien. Entonces hoy dejamos el otro lado." },
        no = { say "Entonces probamos con el otro lado.", C.si_bed_side(C.OTHER_SIDE, { seconds = 8, reps = 4 }) } },
  show "Rodillas dobladas y juntas, pies apoyados en la cama.",
  say "Vuelve al centro de la cama, con las rodillas dobladas y los pies apoyados.",
  C.knee_rocking { seconds = 60 },
  C.closing(),
}
