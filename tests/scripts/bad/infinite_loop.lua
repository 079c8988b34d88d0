-- An endless loop: stopped by the time limit, at the loop's line.
say "start"
while true do
end
return session { title = "never" }
