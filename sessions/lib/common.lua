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
-- The same blocks speak Spanish from (include "lib/common.lua").es: every cue, card, side
-- name and default cue of a block (the pain question, the breathing announcements) is then
-- the Spanish text of lib/common_es.lua, and the session speaks with espeak-ng's Spanish
-- voice. The steps and doses are the same in both languages; only the words change.
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

-- ---- the English words ------------------------------------------------------------------
-- Every text the blocks speak or show, by name. lib/common_es.lua gives the same names in
-- Spanish; a name missing there is an error when the Spanish blocks are made. A text left
-- nil here is the step's own default (the English sessions speak those).

local EN = {
  session = { language = "en", rate = 150 },

  SAFETY = "If the pain gets sharply worse, or spreads down a leg, stop and rest.",
  -- Starting positions: what the card shows, and what is said.
  LYING = {
    card = "Lie on your back, knees bent, feet flat on the floor.",
    say = "Lie on your back with your knees bent and your feet flat on the floor.",
  },
  BED_EDGE = {
    card = "Lie on your back on a bed, close to one edge.",
    say = "Lie on your back on a firm bed, near one edge.",
  },
  HANDS_KNEES = {
    card = "On your hands and knees: hands under shoulders, knees under hips.",
    say = "Get onto your hands and knees, with your hands under your shoulders and your knees under your hips.",
  },
  SEATED = {
    card = "Sit tall on a firm chair, feet flat on the floor.",
    say = "Sit tall on a firm chair, with your feet flat on the floor.",
  },
  STANDING = {
    card = "Stand tall. Keep a chair or a wall near you for balance.",
    say = "Stand up tall, with a chair or a wall close by for balance.",
  },
  WALL = {
    card = "Back against a wall, feet a short step out from it.",
    say = "Stand with your back against a wall, your feet a short step out from it.",
  },
  settle = "Take your time. Tap when you are ready.",
  pain_question = nil, -- rate_pain's own question
  closing = "Well done. Rest for a moment before you get up.",

  -- the sides' names
  left = "left", right = "right",
  painful_side = "painful side", stiffer_side = "stiffer side", other_side = "other side",

  belly = {
    card = "One hand on your chest, one on your belly.",
    hands = "Rest one hand on your chest, and the other on your belly.",
    rise = "As you breathe in, let your belly rise into your hand. Your chest stays quiet.",
    fall = "As you breathe out, let your belly fall.",
    inhale = "Breathe in, and let your belly rise", exhale = "Breathe out, and let your belly fall",
    halfway = nil, last_minute = nil, -- breathe's own announcements
    settle = "Now let your breath settle at its own pace.",
  },
  ql = {
    card = "One arm up high. The other elbow on your knee.",
    reach = "Reach the arm on your {side} up over your head.",
    lean = "Lean to the side, and rest your other elbow on your knee.",
    inhale = "Breathe in, and reach up a little higher", exhale = "Breathe out, and hold the stretch",
    down = "Slowly bring your arm down, and sit up tall.",
  },
  si = {
    card = "Knee to chest. Press your thigh into your hands.",
    knee = "Bring your knee on the {side} up to your chest, and hold it with both hands.",
    press = "Pull the knee in with your hands, and gently press your thigh back against them.",
    cue = "Press your thigh into your hands", release = "And relax",
    down = "Put your foot back down on the floor.",
  },
  si_bed = {
    card = "One knee to your chest. The other leg hangs off the bed.",
    knee = "Bring the knee on your {side} up to your chest, and hold it with both hands.",
    edge = "Slide to the edge of the bed, and let your free leg hang down over it.",
    back = "Bring your leg back up onto the bed, and rest.",
  },
  rocking = {
    card = "Knees bent and together. Rock them gently side to side.",
    sway = "Keep your knees together, and let them sway slowly from side to side.",
    easy = "Go only as far as it feels easy.",
    label = "Rock your knees",
    center = "Bring your knees back to the center.",
  },
  psoas = {
    pulse = "If you feel a pulse, move your fingers a little to the side.",
    card = "Fingers between your hip bone and your belly button.",
    place = "Place your fingertips on your {side}, between your hip bone and your belly button.",
    press = "Press in slowly and gently, until you find a tender spot.",
    cue = "Keep the pressure gentle and steady, and breathe slowly",
    release = "Slowly ease your fingers off",
  },
  child = {
    card = "Sit your hips back towards your heels.",
    round = "Slowly sit your hips back towards your heels, and let your back round.",
    cue = "Sit back on your heels, and rest there", release = "Come forward onto your hands and knees",
    flat_card = "Rock back, keeping your lower back flat.",
    flat = "Now sit back again, and keep your back flat this time.",
    stop = "Stop where your back starts to round. You should feel it in your hips.",
    flat_cue = "Sit back, and keep your back flat",
  },
  hip_lying = {
    card = "Other knee to your chest. Let the {side} leg hang off the bed.",
    over = "Move over to the {side} side of the bed.",
    knee = "Hold your other knee to your chest, with your back flat on the bed.",
    hang = "Let your {side} leg hang down over the edge.",
    cue = "Hold, and breathe slowly", release = "Bring that leg back up onto the bed",
  },
  hip_standing = {
    card = "Front knee bent. Hips forward. Back leg long.",
    step = "Take a step back with your {side} foot, and lift the heel.",
    tuck = "Tuck your hips under, so your lower back is flat.",
    bend = "Bend your front knee, and move your hips forward.",
    cue = "Hold, and breathe slowly", release = "Bring your feet together again",
  },
  wall = {
    press = "Press your lower back flat against the wall.",
    upper = "If your upper back does not touch the wall, that is fine.",
    card = "Arms up like goal posts: elbows bent, hands up.",
    arms = "Lift your arms to the sides, and bend your elbows so your hands point up.",
    cue = "Keep your arms up, and hold", release = "Bring your arms down, and rest",
  },
}

-- ---- the blocks, in the words of one language ---------------------------------------------

local function blocks(W)
  local C = { words = W }

  -- ---- building blocks ----------------------------------------------------------------

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

  -- session { ... } with the shipped sessions' settings (language, voice, rate), and nested
  -- lists of steps opened up.
  function C.session(t)
    local out = { api = 1 }
    for k, v in pairs(W.session) do
      out[k] = v
    end
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

  -- ---- openings and endings -----------------------------------------------------------

  C.SAFETY = W.SAFETY
  C.LYING, C.BED_EDGE, C.HANDS_KNEES = W.LYING, W.BED_EDGE, W.HANDS_KNEES
  C.SEATED, C.STANDING, C.WALL = W.SEATED, W.STANDING, W.WALL
  -- the sides' names, for a session's own sides and questions
  C.LEFT, C.RIGHT = W.left, W.right
  C.PAINFUL_SIDE, C.STIFFER_SIDE, C.OTHER_SIDE = W.painful_side, W.stiffer_side, W.other_side

  -- Time to get into position: the session goes on by itself, or at a tap.
  function C.settle(timeout)
    return ready { W.settle, timeout = timeout or 15 }
  end

  -- The start of every session: the position, the safety line, the pain rating, then time to
  -- settle.
  function C.opening(position)
    return C.steps(
      show(position.card),
      say(position.say),
      say(W.SAFETY),
      -- the pain before, for the journal; with no answer the session goes on after 20 s
      rate_pain { W.pain_question, moment = "before", timeout = 20 },
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
      rate_pain { W.pain_question, moment = "after", timeout = 20 },
      say(text or W.closing),
      bell()
    )
  end

  -- ---- exercise blocks ----------------------------------------------------------------

  -- Diaphragmatic (belly) breathing, lying on the back [PT]: one hand on the chest, one on the
  -- belly; the belly rises on the inhale and falls on the exhale. 4 s in, 6 s out: six breaths
  -- a minute, so `minutes` is exact.
  function C.belly_breathing(o)
    local T = W.belly
    return C.steps(
      show(T.card),
      say(T.hands),
      say(T.rise),
      say(T.fall),
      breathe { inhale = 4, exhale = 6, minutes = o.minutes, speak_cycles = 3, announce = true,
                inhale_cue = T.inhale, exhale_cue = T.exhale,
                halfway_cue = T.halfway, last_minute_cue = T.last_minute },
      say(T.settle)
    )
  end

  -- Quadratus lumborum breathing stretch, seated [PT]: the arm of the stiff side up, the other
  -- elbow on the knee; reach a little higher on each breath in, hold on each breath out;
  -- `breaths` deep breaths (5 to 10), the stiffer side first, then the other.
  function C.ql_stretch(o)
    local T = W.ql
    return C.sides({ W.stiffer_side, W.other_side },
      show(T.card),
      say(T.reach),
      say(T.lean),
      breathe { inhale = 5, exhale = 6, cycles = o.breaths, speak_cycles = o.breaths,
                inhale_cue = T.inhale, exhale_cue = T.exhale },
      say(T.down)
    )
  end

  -- SI joint correction, lying on the back [PT]: knee to chest, the thigh pushing into the
  -- hands; each hold `seconds` (5 to 10), `reps` times (3 to 5), the painful side first.
  function C.si_correction(o)
    local T = W.si
    return C.sides({ W.painful_side, W.other_side },
      show(T.card),
      say(T.knee),
      say(T.press),
      hold { seconds = o.seconds, reps = o.reps, rest = 5, countdown = 3,
             cue = T.cue, release = T.release },
      say { T.down, gap = 2 }
    )
  end

  -- SI joint correction on the edge of a bed [PT]: in the position of the lying hip flexor
  -- stretch (on the back on a bed, one leg hanging off its edge, the other knee pulled to the
  -- chest), the hands pull the knee in while the thigh presses back against them; each hold
  -- `seconds` (5 to 10), `reps` times (3 to 5). One side: `side` names the knee pulled in.
  function C.si_bed_side(side, o)
    local T = W.si_bed
    return C.sides({ side },
      show(T.card),
      say(T.knee),
      say(T.edge),
      C.settle(10),
      say(W.si.press),
      hold { seconds = o.seconds, reps = o.reps, rest = 5, countdown = 3,
             cue = W.si.cue, release = W.si.release },
      say { T.back, gap = 2 }
    )
  end

  -- Knee rocking, lying on the back with the knees bent [PT]: gently, side to side.
  function C.knee_rocking(o)
    local T = W.rocking
    return C.steps(
      show(T.card),
      say(T.sway),
      say(T.easy),
      C.timed(T.label, o.seconds),
      say(T.center)
    )
  end

  -- Psoas release, lying on the back with the knees bent [PT]: gentle pressure between the
  -- inner rim of the pelvis and the belly button, on a tender spot, for `seconds` (1 to 3
  -- minutes) on each side. The pulse line is our own precaution.
  function C.psoas_release(o)
    local T = W.psoas
    return C.steps(
      say(T.pulse),
      C.sides({ W.left, W.right },
        show(T.card),
        say(T.place),
        say(T.press),
        hold { seconds = o.seconds, countdown = 5, cue = T.cue, release = T.release }
      )
    )
  end

  -- Child's pose rock back, on hands and knees [PT]: rocking back stretches the lower back;
  -- rocking back with the lower back kept flat stretches the hips instead. The article gives no
  -- dose: `reps` holds of `seconds` for each.
  function C.child_pose(o)
    local T = W.child
    return C.steps(
      show(T.card),
      say(T.round),
      hold { seconds = o.seconds, reps = o.reps, rest = 6, countdown = 3,
             cue = T.cue, release = T.release },
      show(T.flat_card),
      say(T.flat),
      say(T.stop),
      hold { seconds = o.seconds, reps = o.reps, rest = 6, countdown = 3,
             cue = T.flat_cue, release = T.release }
    )
  end

  -- Hip flexor stretch lying on a bed [PT]: one leg hanging off the edge, the other knee held
  -- to the chest, the lower back flat; hold `seconds` (1 minute), then switch sides.
  function C.hip_flexor_lying(o)
    local T = W.hip_lying
    return C.sides({ W.left, W.right },
      show(T.card),
      say(T.over),
      C.settle(10),
      say(T.knee),
      say(T.hang),
      hold { seconds = o.seconds, countdown = 5, cue = T.cue, release = T.release }
    )
  end

  -- Hip flexor stretch standing [PT]: one foot forward, one back; the pelvis rolled under to
  -- flatten the lower back; the front knee bent, the hips pushed forward to stretch the back
  -- leg's hip; hold `seconds` (1 minute), then switch sides.
  function C.hip_flexor_standing(o)
    local T = W.hip_standing
    return C.sides({ W.left, W.right },
      show(T.card),
      say(T.step),
      say(T.tuck),
      say(T.bend),
      hold { seconds = o.seconds, countdown = 5, cue = T.cue, release = T.release }
    )
  end

  -- Upper back wall stretch, standing [PT]: the lower back flat against the wall, the arms up
  -- like goal posts; `sets` holds of `seconds` (1 x 60, 2 x 30, 3 x 20 or 6 x 10 s).
  function C.wall_stretch(o)
    local T = W.wall
    return C.steps(
      say(T.press),
      say(T.upper),
      show(T.card),
      say(T.arms),
      hold { seconds = o.seconds, reps = o.sets, rest = o.rest or (o.sets > 1 and 15 or 0),
             countdown = o.seconds >= 20 and 5 or 3,
             cue = T.cue, release = T.release }
    )
  end

  return C
end

-- ---- the blocks in each language ---------------------------------------------------------

-- Every name of the English words, in another language's words too: a missing text is an
-- error naming it, not an English cue in a Spanish session. Only what the English leaves to
-- a step's default (nil) may be missing, and then the step's default is spoken.
local function same_names(en, other, where)
  for k, v in pairs(en) do
    if type(v) == "table" then
      if type(other[k]) ~= "table" then
        error("lib/common.lua: the words of " .. where .. " have no '" .. k .. "'", 0)
      end
      same_names(v, other[k], where .. "." .. k)
    elseif other[k] == nil then
      error("lib/common.lua: the words of " .. where .. " have no '" .. k .. "'", 0)
    end
  end
end

local C = blocks(EN)
local ES = include "lib/common_es.lua"
same_names(EN, ES, "es")
C.es = blocks(ES)

return C
