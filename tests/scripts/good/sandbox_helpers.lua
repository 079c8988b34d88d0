-- What a session script may do: helpers, loops, pcall, load of source text, the string,
-- table, math and utf8 libraries.
local function rep_text(n) return string.format("Rep %d of %d", n, 3) end
local ok, err = pcall(error, "caught")
assert(not ok and err == "caught")
local twice = load("return 2 * ...")
assert(twice(21) == 42)
assert(utf8.len("über") == 4 and ("abc"):upper() == "ABC")

local steps = {}
for i = 1, 3 do
  steps[#steps + 1] = say(rep_text(i))
  steps[#steps + 1] = hold { seconds = 5, countdown = 3 }
end

return session {
  title = "Helpers",
  sets { n = 2, rest = 10, table.unpack(steps) },
  bell(),
}
