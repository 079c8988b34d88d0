-- settings computed by code
local minutes = 2 * 1.5
return kiosk { sessions = ("s"):rep(1), idle_minutes = minutes, corner = "top-" .. "right" }
