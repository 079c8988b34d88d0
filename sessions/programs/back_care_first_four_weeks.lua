-- Back care, first four weeks: a plan for every day, from the journal.
-- Dosage: self-management programs of 20 to 30 minutes a day, where steady daily practice
-- matters more than effort; deep breathing to calm the body's response to pain; graded
-- activity, "don't rest, don't overdo": walking 10 minutes, then 12, then 15, start low and
-- go slow (an overview of physical therapy, medication and self-management for chronic back
-- pain). The stretches and their doses are those of the single sessions.
--
-- Every day: belly breathing (5 minutes), stretches, and a walk. The stretches (SI joint, QL,
-- hip flexor, wall and child's pose) take turns over the week: each day has its list, and
-- the plan takes them in order while the day stays within 30 minutes (a longer walk leaves
-- room for fewer).
-- The walk grows from 10 to 12 to 15 minutes after three walks in a row that were finished
-- and did not end with more pain than they started with (a walk not rated counts when it
-- was finished); a walk stopped early, or with more pain after, starts the count again.

local WALK = "walking_10_minutes.lua"
local LEVELS = { 10, 12, 15 }

-- About how long each session takes, in minutes, with its spoken lead-in and close.
local LENGTH = {
  ["diaphragmatic_breathing.lua"] = 7,
  ["si_joint_correction.lua"] = 5,
  ["ql_breathing_stretch.lua"] = 5,
  ["hip_flexor_stretch_lying.lua"] = 5,
  ["child_pose_rock_back.lua"] = 5,
  ["upper_back_wall_stretch.lua"] = 3,
}
local DAY_MAX = 30

-- Monday (1) to Sunday (7): the stretches of the day, in order.
local STRETCHES = {
  { "si_joint_correction.lua", "upper_back_wall_stretch.lua" },
  { "ql_breathing_stretch.lua", "child_pose_rock_back.lua", "upper_back_wall_stretch.lua" },
  { "hip_flexor_stretch_lying.lua", "upper_back_wall_stretch.lua" },
  { "si_joint_correction.lua", "child_pose_rock_back.lua", "upper_back_wall_stretch.lua" },
  { "ql_breathing_stretch.lua", "hip_flexor_stretch_lying.lua", "upper_back_wall_stretch.lua" },
  { "hip_flexor_stretch_lying.lua", "child_pose_rock_back.lua", "upper_back_wall_stretch.lua" },
  { "child_pose_rock_back.lua", "upper_back_wall_stretch.lua" },
}

-- The walk's level from every walk before today, and why.
local function walk_level(history)
  local level, good, last = 1, 0, nil
  for _, w in ipairs(history.plays(WALK)) do
    if w.date < history.today then
      local no_worse = w.pain_before == nil or w.pain_after == nil or w.pain_after <= w.pain_before
      if w.finished and no_worse then
        good = good + 1
        last = "good"
      else
        good = 0
        last = w.finished and "pain" or "stopped"
      end
      if good >= 3 and level < #LEVELS then
        level, good, last = level + 1, 0, "up"
      end
    end
  end
  local minutes = LEVELS[level]
  local why
  if last == nil then
    why = ("%d minutes to start: a little every day, and more as you cope"):format(minutes)
  elseif last == "up" then
    why = ("%d minutes now: your last three walks were finished without more pain"):format(minutes)
  elseif last == "pain" then
    why = ("%d minutes again: your last walk ended with more pain than it began with"):format(minutes)
  elseif last == "stopped" then
    why = ("%d minutes again: your last walk was stopped early"):format(minutes)
  elseif level == #LEVELS then
    why = ("%d minutes: keep it up"):format(minutes)
  else
    why = ("%d minutes: %d more walk%s like the last and it grows to %d"):format(
      minutes, 3 - good, 3 - good == 1 and "" or "s", LEVELS[level + 1])
  end
  return minutes, why
end

return program {
  title = "Back care, first four weeks",
  summary = "Breathing every day, stretches in turn over the week, and a walk that grows as you cope",
  plan = function(history)
    local minutes, why = walk_level(history)
    local today = {
      play { "diaphragmatic_breathing.lua", why = "Every day: slow belly breathing calms the pain response" },
    }
    -- the walk takes its minutes and about two more to begin and end
    local used = LENGTH["diaphragmatic_breathing.lua"] + minutes + 2
    for _, stretch in ipairs(STRETCHES[history.weekday]) do
      if used + LENGTH[stretch] <= DAY_MAX then
        today[#today + 1] = play(stretch)
        used = used + LENGTH[stretch]
      end
    end
    today[#today + 1] = play { WALK, minutes = minutes, why = why }
    return today
  end,
}
