local t = nil
return session { title = t.x }
