#!/usr/bin/env pacer
-- a script that computes its steps
local steps = {}
for i = 1, 5 do
  steps[#steps + 1] = say(("Breath %d of %d"):format(i, 5))
  steps[#steps + 1] = breathe { inhale = 3 + i % 2, exhale = 5, cycles = 1 }
end
local ok, err = pcall(error, "caught")
print("note", ok, err, math.floor(2.5), string.rep("ab", 3), utf8.char(233))
local t = setmetatable({}, { __index = function(_, k) return k end })
return session { title = "Computed " .. t.x, table.unpack(steps) }
