-- Another library call that never returns (a huge table.move): stopped and
-- named with its line.
table.move({}, 1, math.maxinteger // 2, 2)
return session { title = "never" }
