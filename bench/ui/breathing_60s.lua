-- The UI benchmark's session (bench/ui/run.sh): one minute of paced breathing, the circle
-- animating the whole time, spoken cues on the first two breaths.
return session {
  title = "Breathing, 60 seconds",
  summary = "One minute of paced breathing for the UI benchmark",
  language = "en", rate = 150, api = 1,
  breathe { inhale = 4, exhale = 6, cycles = 6, speak_cycles = 2 },
}
