-- A helper library that builds a step with a wrong field.
return { rest = wait { 5, lable = "Rest" } }
