local s = say "not a session"
return s
