-- A session cannot be nested inside a block.
return session {
  title = "Outer",
  sides { "left", "right",
    session { title = "Inner" },
  },
}
