-- The first value returned is what counts.
return nil, session { title = "Second value" }
