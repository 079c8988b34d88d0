error(setmetatable({}, { __tostring = function() return "table error" end }))
