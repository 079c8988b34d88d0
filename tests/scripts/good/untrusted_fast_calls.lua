-- Library calls that look dangerous but finish at once, through the noting
-- wrappers: string.rep of empty strings any number of times, gmatch over a long
-- string, a sort with a comparator, and side names that fit the caps after {side}.
local empty = string.rep("", math.maxinteger) .. string.rep("", 1 << 60, "")
local words = 0
for w in string.rep("breathe ", 2000):gmatch("%a+") do words = words + 1 end
local names = { "right", "left" }
table.sort(names, function(a, b) return a < b end)
local ok, err = pcall(string.find, "abc", "[")
assert(not ok and err:find("malformed pattern", 1, true))
return session {
  title = "Fast calls" .. empty .. " " .. words,
  sides { names = names,
    say(string.rep("{side} ", 100)),
  },
}
