-- No coroutines: the time limit watches one thread only.
local co = coroutine.create(function() end)
return session { title = "coroutine" }
