-- An error message holding bidirectional overrides and isolates: escaped on the
-- terminal, so the line cannot read backwards.
error("abc\u{202E}fed\u{2066}x\u{2069}\u{2028}end")
