-- The iterator string.gmatch returns runs the pattern: stuck there, named at its line.
local s = string.rep("a", 40) .. "b"
for w in s:gmatch(string.rep("a*", 30) .. "c") do
  print(w)
end
return session { title = "never" }
