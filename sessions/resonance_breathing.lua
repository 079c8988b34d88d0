-- Resonance breathing, seated: slow, even breathing at about six breaths a minute, starting
-- at a more comfortable eight and slowing gradually over the first two minutes.
-- Dosage: resonance-frequency breathing at 5.5 to 6 breaths a minute, the exhale longer than
-- the inhale; this session: 8 minutes, settling at 6 a minute, exhale 1.5 times the inhale.
-- Needs the resonance plugin (shipped with Pacer).
local C = include "lib/common.lua"

return C.session {
  title = "Resonance breathing",
  summary = "Slow, even breathing that settles at six breaths a minute",
  C.opening(C.SEATED),
  say "Breathe in through your nose and out through softly parted lips. Follow the tones.",
  resonance { rate = 6, start_rate = 8, ramp_minutes = 2, minutes = 8, ratio = 1.5, speak_cycles = 2,
              inhale_cue = "Breathe in", exhale_cue = "Breathe out" },
  C.closing("Well done. Let your breathing find its own pace again."),
}
