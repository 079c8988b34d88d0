local function f(n) return f(n + 1) + 1 end
return session { title = "deep", f(1) }
