-- For the window test (tests/ui/window_test.sh): two long steps, so nothing changes by
-- itself while the test pauses, resumes and skips.
return session {
  title = "Window test",
  summary = "Two long steps for the window test",
  language = "en", rate = 150, api = 1,
  wait { 300, label = "Settle" },
  hold { seconds = 300 },
}
