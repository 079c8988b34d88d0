-- A step, but not a session.
return say "Only one step"
