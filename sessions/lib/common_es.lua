-- lib/common_es.lua: the words of lib/common.lua's blocks in Spanish, by the same names as
-- its English words (lib/common.lua checks that none is missing). The sessions that use them
-- are the *_es.lua files; the steps and doses are those of the English blocks.
--
-- How they are written: as a physiotherapist speaks to a patient lying down with eyes
-- closed, in one register throughout (tú, plain imperatives: "Acuéstate", "Toma aire"), in
-- words understood across Spanish-speaking countries ("acuéstate", not "túmbate"; "tomar
-- aire", not "coger aire"), with no word that changes with the patient's gender (no
-- "sentado", "listo" or "tumbado"). One instruction a cue, at most 18 words, like the
-- English ones. Every text the sessions speak is here, the pain question and the breathing
-- announcements too, so no step's English default is ever said in a Spanish session.

return {
  session = { language = "es", voice = "espeak:es", rate = 130 },

  SAFETY = "Si el dolor aumenta de golpe, o baja por una pierna, para y descansa.",
  LYING = {
    card = "Boca arriba, rodillas dobladas, pies apoyados en el suelo.",
    say = "Acuéstate boca arriba, con las rodillas dobladas y los pies apoyados en el suelo.",
  },
  BED_EDGE = {
    card = "Boca arriba en una cama, cerca de un borde.",
    say = "Acuéstate boca arriba en una cama firme, cerca de un borde.",
  },
  HANDS_KNEES = {
    card = "A cuatro patas: manos bajo los hombros, rodillas bajo las caderas.",
    say = "Ponte a cuatro patas, con las manos bajo los hombros y las rodillas bajo las caderas.",
  },
  SEATED = {
    card = "En una silla firme: espalda recta, pies en el suelo.",
    say = "Siéntate en una silla firme, con la espalda recta y los pies apoyados en el suelo.",
  },
  STANDING = {
    card = "De pie, con la espalda recta. Una silla o una pared cerca para apoyarte.",
    say = "Ponte de pie, con la espalda recta, y una silla o una pared cerca para apoyarte.",
  },
  WALL = {
    card = "La espalda contra una pared, los pies a un paso corto de ella.",
    say = "Apoya la espalda en una pared, con los pies a un paso corto de ella.",
  },
  settle = "Tómate tu tiempo. Cuando quieras seguir, toca la pantalla.",
  pain_question = "¿Cuánto te duele la espalda ahora, de 0, nada, a 10, lo peor?",
  closing = "Muy bien. Descansa un momento antes de levantarte.",

  left = "lado izquierdo", right = "lado derecho",
  painful_side = "lado que duele", stiffer_side = "lado más rígido", other_side = "otro lado",

  belly = {
    card = "Una mano en el pecho y otra en la barriga.",
    hands = "Apoya una mano en el pecho y la otra en la barriga.",
    rise = "Al tomar aire, deja que la barriga empuje tu mano. El pecho se queda quieto.",
    fall = "Al soltar el aire, deja que la barriga baje.",
    inhale = "Toma aire, y que suba la barriga", exhale = "Suelta el aire, y que baje la barriga",
    halfway = "Vas por la mitad.", last_minute = "Queda un minuto.",
    settle = "Ahora deja que la respiración vuelva a su propio ritmo.",
  },
  ql = {
    card = "Un brazo bien arriba. El otro codo sobre la rodilla.",
    reach = "Sube el brazo del {side} por encima de la cabeza.",
    lean = "Inclínate hacia el lado contrario, y apoya el otro codo en la rodilla.",
    inhale = "Toma aire, y estira un poco más arriba", exhale = "Suelta el aire, y mantén el estiramiento",
    down = "Baja el brazo despacio, y endereza la espalda.",
  },
  si = {
    card = "Rodilla al pecho. Empuja el muslo contra las manos.",
    knee = "Lleva la rodilla del {side} hacia el pecho, y sujétala con las dos manos.",
    press = "Tira de la rodilla con las manos, y empuja suavemente el muslo contra ellas.",
    cue = "Empuja el muslo contra las manos", release = "Y suelta",
    down = "Vuelve a apoyar el pie en el suelo.",
  },
  si_bed = {
    card = "Una rodilla al pecho. La otra pierna cuelga fuera de la cama.",
    knee = "Lleva la rodilla del {side} hacia el pecho, y sujétala con las dos manos.",
    edge = "Acércate al borde de la cama, y deja colgar la otra pierna por fuera.",
    back = "Vuelve a subir la pierna a la cama, y descansa.",
  },
  rocking = {
    card = "Rodillas dobladas y juntas. Balancéalas suavemente de lado a lado.",
    sway = "Mantén las rodillas juntas, y muévelas despacio de un lado a otro.",
    easy = "Llega solo hasta donde te resulte cómodo.",
    label = "Balancea las rodillas",
    center = "Vuelve a poner las rodillas en el centro.",
  },
  psoas = {
    pulse = "Si notas el pulso bajo los dedos, muévelos un poco hacia un lado.",
    card = "Los dedos entre el hueso de la cadera y el ombligo.",
    place = "Apoya los dedos en el {side}, entre el hueso de la cadera y el ombligo.",
    press = "Presiona despacio y con suavidad, hasta encontrar un punto sensible.",
    cue = "Mantén una presión suave y constante, y respira despacio",
    release = "Retira los dedos poco a poco",
  },
  child = {
    card = "Lleva las caderas hacia los talones.",
    round = "Lleva despacio las caderas hacia los talones, y deja que la espalda se redondee.",
    cue = "Siéntate sobre los talones, y descansa ahí", release = "Vuelve adelante, a cuatro patas",
    flat_card = "Hacia atrás, con la zona lumbar plana.",
    flat = "Ahora vuelve hacia atrás, pero esta vez con la espalda plana.",
    stop = "Para donde la espalda empiece a redondearse. Debes notarlo en las caderas.",
    flat_cue = "Siéntate hacia atrás, con la espalda plana",
  },
  hip_lying = {
    card = "La otra rodilla al pecho. La pierna del {side} cuelga fuera de la cama.",
    over = "Colócate en el {side} de la cama.",
    knee = "Sujeta la otra rodilla contra el pecho, con la espalda plana en la cama.",
    hang = "Deja colgar la pierna del {side} por el borde.",
    cue = "Aguanta ahí, y respira despacio", release = "Vuelve a subir esa pierna a la cama",
  },
  hip_standing = {
    card = "Rodilla de delante doblada. Caderas adelante. Pierna de atrás estirada.",
    step = "Da un paso atrás con el pie del {side}, y levanta el talón.",
    tuck = "Mete la pelvis hacia dentro, para que la zona lumbar quede plana.",
    bend = "Dobla la rodilla de delante, y lleva las caderas hacia delante.",
    cue = "Aguanta ahí, y respira despacio", release = "Vuelve a juntar los pies",
  },
  wall = {
    press = "Pega la zona lumbar a la pared.",
    upper = "Si la parte alta de la espalda no toca la pared, no pasa nada.",
    card = "Brazos en U: codos doblados, manos hacia arriba.",
    arms = "Sube los brazos a los lados, y dobla los codos con las manos hacia arriba.",
    cue = "Mantén los brazos arriba, y aguanta", release = "Baja los brazos, y descansa",
  },
}
