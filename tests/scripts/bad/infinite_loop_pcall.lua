-- An endless loop inside pcall, itself in an endless loop: pcall cannot
-- catch the time-out.
while true do
  pcall(function()
    while true do end
  end)
end
return session { title = "never" }
