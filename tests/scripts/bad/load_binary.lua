-- load() takes source text only: a crafted binary chunk is refused.
local chunk = "\27LuaT\0\25\147\r\n\26\n\4\8\8xV\0\0\0\0\0\0\0\0\0\0\0(w@"
local f, err = load(chunk)
assert(f, err)
return session { title = "x" }
