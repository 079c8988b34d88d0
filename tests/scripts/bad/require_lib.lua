-- No modules: require is not available.
local socket = require("socket")
return session { title = "require" }
