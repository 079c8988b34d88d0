-- The same mistake made 30 times by a loop: printed once, with the count.
for i = 1, 30 do say(5) end
return session { title = "x" }
