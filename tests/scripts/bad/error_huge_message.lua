-- error() with a 5,000-byte message: one line of at most 1,000 bytes of it.
error(string.rep("z", 5000))
