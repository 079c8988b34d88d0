-- lib/common.lua: the shared parts of the shipped sessions. Each exercise block is written
-- once here, and both its own session and the daily routine use it, so a change to a cue or
-- a dose is made in one place.
--
--   local C = include "lib/common.lua"
--   return C.session {
--     title = "...", summary = "...",
--     C.opening(C.LYING),
--     C.belly_breathing { minutes = 5 },
--     C.closing(),
--   }
--
-- Blocks return lists of steps; C.session and C.sides flatten them, so a block can stand
-- anywhere a step can. Every block keeps three rules the tests check:
--   * every phase starts with a sound (a tone or a spoken cue), so a patient lying with eyes
--     closed always hears what changes; a quiet timed stretch starts with C.timed's chime;
--   * no spoken cue overlaps another, and none outlasts its phase;
--   * spoken cues are short and plain: one instruction each.
--
-- Sources for the exercises and doses (facts only; every cue is our own wording):
--   [PT]  "Back Pain Won't Go Away? Effective Tips to Relieve Chronic Back Pain", a physical
--         therapist's article (More 4 Life, St. Louis).
--   [SM]  an overview of physical therapy, medication and self-management for chronic back
--         pain (self-management: 20-30 minutes a day, consistency over intensity).

local C = {}

-- ---- building blocks ------------------------------------------------------------------

-- Appends v to out: a step or a string as it is, a plain table (a list of steps) item by item.
local function append(out, v)
  if type(v) == "table" then
    for i = 1, #v do
      append(out, v[i])
    end
  elseif v ~= nil then
    out[#out + 1] = v
  end
end

-- A flat list of the steps given, with nested lists opened up.
function C.steps(...)
  local out = {}
  for i = 1, select("#", ...) do
    append(out, (select(i, ...)))
  end
  return out
end

-- session { ... } with the shipped sessions' settings, and nested lists of steps opened up.
function C.session(t)
  local out = { language = "en", rate = 150, api = 1 }
  for k, v in pairs(t) do
    if type(k) ~= "number" then
      out[k] = v
    end
  end
  for i = 1, #t do
    append(out, t[i])
  end
  return session(out)
end

-- sides { first, second, steps... } with nested lists opened up.
function C.sides(names, ...)
  local out = {}
  for i = 1, #names do
    out[i] = names[i]
  end
  append(out, C.steps(...))
  return sides(out)
end

-- A quiet, timed stretch of activity (rocking, settling): a soft chime marks its start, and
-- the seconds count down on screen under label.
function C.timed(label, seconds)
  return {
    tone { hz = 523.3, ms = 250, level = 0.35, shape = "chime" },
    wait { seconds - 0.25, countdown = true, label = label },
  }
end

-- ---- openings and endings -------------------------------------------------------------

C.SAFETY = "If the pain gets sharply worse, or spreads down a leg, stop and rest."

-- Starting positions: what the card shows, and what is said.
C.LYING = {
  card = "Lie on your back, knees bent, feet flat on the floor.",
  say = "Lie on your back with your knees bent and your feet flat on the floor.",
}
C.BED_EDGE = {
  card = "Lie on your back on a bed, close to one edge.",
  say = "Lie on your back on a firm bed, near one edge.",
}
C.HANDS_KNEES = {
  card = "On your hands and knees: hands under shoulders, knees under hips.",
  say = "Get onto your hands and knees, with your hands under your shoulders and your knees under your hips.",
}
C.SEATED = {
  card = "Sit tall on a firm chair, feet flat on the floor.",
  say = "Sit tall on a firm chair, with your feet flat on the floor.",
}
C.STANDING = {
  card = "Stand tall. Keep a chair or a wall near you for balance.",
  say = "Stand up tall, with a chair or a wall close by for balance.",
}
C.WALL = {
  card = "Back against a wall, feet a short step out from it.",
  say = "Stand with your back against a wall, your feet a short step out from it.",
}

-- Time to get into position: the session goes on by itself, or at a tap.
function C.settle(timeout)
  return ready { "Take your time. Tap when you are ready.", timeout = timeout or 15 }
end

-- The start of every session: the position, the safety line, the pain rating, then time to
-- settle.
function C.opening(position)
  return C.steps(
    show(position.card),
    say(position.say),
    say(C.SAFETY),
    -- the pain before, for the journal; with no answer the session goes on after 20 s
    rate_pain { moment = "before", timeout = 20 },
    C.settle()
  )
end

-- A change of position inside a longer session.
function C.move_to(position, how)
  return C.steps(
    show(position.card),
    how and say(how) or nil,
    say(position.say),
    C.settle()
  )
end

-- The end of every session: the pain rating, a closing cue, then the bell.
function C.closing(text)
  return C.steps(
    -- the pain after: the journal shows how much a session eases it
    rate_pain { moment = "after", timeout = 20 },
    say(text or "Well done. Rest for a moment before you get up."),
    bell()
  )
end

-- ---- exercise blocks ------------------------------------------------------------------

-- Diaphragmatic (belly) breathing, lying on the back [PT]: one hand on the chest, one on the
-- belly; the belly rises on the inhale and falls on the exhale. 4 s in, 6 s out: six breaths
-- a minute, so `minutes` is exact.
function C.belly_breathing(o)
  return C.steps(
    show "One hand on your chest, one on your belly.",
    say "Rest one hand on your chest, and the other on your belly.",
    say "As you breathe in, let your belly rise into your hand. Your chest stays quiet.",
    say "As you breathe out, let your belly fall.",
    breathe { inhale = 4, exhale = 6, minutes = o.minutes, speak_cycles = 3, announce = true,
              inhale_cue = "Breathe in, and let your belly rise", exhale_cue = "Breathe out, and let your belly fall" },
    say "Now let your breath settle at its own pace."
  )
end

-- Quadratus lumborum breathing stretch, seated [PT]: the arm of the stiff side up, the other
-- elbow on the knee; reach a little higher on each breath in, hold on each breath out;
-- `breaths` deep breaths (5 to 10), the stiffer side first, then the other.
function C.ql_stretch(o)
  return C.sides({ "stiffer side", "other side" },
    show "One arm up high. The other elbow on your knee.",
    say "Reach the arm on your {side} up over your head.",
    say "Lean to the side, and rest your other elbow on your knee.",
    breathe { inhale = 5, exhale = 6, cycles = o.breaths, speak_cycles = o.breaths,
              inhale_cue = "Breathe in, and reach up a little higher", exhale_cue = "Breathe out, and hold the stretch" },
    say "Slowly bring your arm down, and sit up tall."
  )
end

-- SI joint correction, lying on the back [PT]: knee to chest, the thigh pushing into the
-- hands; each hold `seconds` (5 to 10), `reps` times (3 to 5), the painful side first.
function C.si_correction(o)
  return C.sides({ "painful side", "other side" },
    show "Knee to chest. Press your thigh into your hands.",
    say "Bring your knee on the {side} up to your chest, and hold it with both hands.",
    say "Pull the knee in with your hands, and gently press your thigh back against them.",
    hold { seconds = o.seconds, reps = o.reps, rest = 5, countdown = 3,
           cue = "Press your thigh into your hands", release = "And relax" },
    say { "Put your foot back down on the floor.", gap = 2 }
  )
end

-- SI joint correction on the edge of a bed [PT]: in the position of the lying hip flexor
-- stretch (on the back on a bed, one leg hanging off its edge, the other knee pulled to the
-- chest), the hands pull the knee in while the thigh presses back against them; each hold
-- `seconds` (5 to 10), `reps` times (3 to 5). One side: `side` names the knee pulled in.
function C.si_bed_side(side, o)
  return C.sides({ side },
    show "One knee to your chest. The other leg hangs off the bed.",
    say "Bring the knee on your {side} up to your chest, and hold it with both hands.",
    say "Slide to the edge of the bed, and let your free leg hang down over it.",
    C.settle(10),
    say "Pull the knee in with your hands, and gently press your thigh back against them.",
    hold { seconds = o.seconds, reps = o.reps, rest = 5, countdown = 3,
           cue = "Press your thigh into your hands", release = "And relax" },
    say { "Bring your leg back up onto the bed, and rest.", gap = 2 }
  )
end

-- Knee rocking, lying on the back with the knees bent [PT]: gently, side to side.
function C.knee_rocking(o)
  return C.steps(
    show "Knees bent and together. Rock them gently side to side.",
    say "Keep your knees together, and let them sway slowly from side to side.",
    say "Go only as far as it feels easy.",
    C.timed("Rock your knees", o.seconds),
    say "Bring your knees back to the center."
  )
end

-- Psoas release, lying on the back with the knees bent [PT]: gentle pressure between the
-- inner rim of the pelvis and the belly button, on a tender spot, for `seconds` (1 to 3
-- minutes) on each side. The pulse line is our own precaution.
function C.psoas_release(o)
  return C.steps(
    say "If you feel a pulse, move your fingers a little to the side.",
    C.sides({ "left", "right" },
      show "Fingers between your hip bone and your belly button.",
      say "Place your fingertips on your {side}, between your hip bone and your belly button.",
      say "Press in slowly and gently, until you find a tender spot.",
      hold { seconds = o.seconds, countdown = 5,
             cue = "Keep the pressure gentle and steady, and breathe slowly",
             release = "Slowly ease your fingers off" }
    )
  )
end

-- Child's pose rock back, on hands and knees [PT]: rocking back stretches the lower back;
-- rocking back with the lower back kept flat stretches the hips instead. The article gives no
-- dose: `reps` holds of `seconds` for each.
function C.child_pose(o)
  return C.steps(
    show "Sit your hips back towards your heels.",
    say "Slowly sit your hips back towards your heels, and let your back round.",
    hold { seconds = o.seconds, reps = o.reps, rest = 6, countdown = 3,
           cue = "Sit back on your heels, and rest there", release = "Come forward onto your hands and knees" },
    show "Rock back, keeping your lower back flat.",
    say "Now sit back again, and keep your back flat this time.",
    say "Stop where your back starts to round. You should feel it in your hips.",
    hold { seconds = o.seconds, reps = o.reps, rest = 6, countdown = 3,
           cue = "Sit back, and keep your back flat", release = "Come forward onto your hands and knees" }
  )
end

-- Hip flexor stretch lying on a bed [PT]: one leg hanging off the edge, the other knee held
-- to the chest, the lower back flat; hold `seconds` (1 minute), then switch sides.
function C.hip_flexor_lying(o)
  return C.sides({ "left", "right" },
    show "Other knee to your chest. Let the {side} leg hang off the bed.",
    say "Move over to the {side} side of the bed.",
    C.settle(10),
    say "Hold your other knee to your chest, with your back flat on the bed.",
    say "Let your {side} leg hang down over the edge.",
    hold { seconds = o.seconds, countdown = 5, cue = "Hold, and breathe slowly",
           release = "Bring that leg back up onto the bed" }
  )
end

-- Hip flexor stretch standing [PT]: one foot forward, one back; the pelvis rolled under to
-- flatten the lower back; the front knee bent, the hips pushed forward to stretch the back
-- leg's hip; hold `seconds` (1 minute), then switch sides.
function C.hip_flexor_standing(o)
  return C.sides({ "left", "right" },
    show "Front knee bent. Hips forward. Back leg long.",
    say "Take a step back with your {side} foot, and lift the heel.",
    say "Tuck your hips under, so your lower back is flat.",
    say "Bend your front knee, and move your hips forward.",
    hold { seconds = o.seconds, countdown = 5, cue = "Hold, and breathe slowly",
           release = "Bring your feet together again" }
  )
end

-- Upper back wall stretch, standing [PT]: the lower back flat against the wall, the arms up
-- like goal posts; `sets` holds of `seconds` (1 x 60, 2 x 30, 3 x 20 or 6 x 10 s).
function C.wall_stretch(o)
  return C.steps(
    say "Press your lower back flat against the wall.",
    say "If your upper back does not touch the wall, that is fine.",
    show "Arms up like goal posts: elbows bent, hands up.",
    say "Lift your arms to the sides, and bend your elbows so your hands point up.",
    hold { seconds = o.seconds, reps = o.sets, rest = o.rest or (o.sets > 1 and 15 or 0),
           countdown = o.seconds >= 20 and 5 or 3,
           cue = "Keep your arms up, and hold", release = "Bring your arms down, and rest" }
  )
end

return C
