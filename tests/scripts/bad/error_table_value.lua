-- An error raised with a table, not a message.
local function fail()
  error({ code = 42 })
end
fail()
return session { title = "x" }
