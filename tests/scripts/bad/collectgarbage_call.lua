-- The collector is not for scripts to drive.
collectgarbage("stop")
return session { title = "gc" }
