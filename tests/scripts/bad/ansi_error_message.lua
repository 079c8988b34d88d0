-- An error message with escape sequences must be printed escaped.
error("\27[2J\27]0;owned\7cleared the screen")
return session { title = "x" }
