-- Built-in steps and one shipped plugin's step: a bad plugin loaded beside them changes nothing.
return session {
  title = "Unaffected",
  summary = "A hold and a minute of resonance breathing, without speech",
  hold(2),
  resonance { rate = 6, minutes = 1, speak_cycles = 0 },
}
