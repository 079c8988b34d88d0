-- Another library call that never returns (a huge table.move): the CLI
-- reports and exits.
table.move({}, 1, math.maxinteger // 2, 2)
return session { title = "never" }
