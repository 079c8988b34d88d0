# events.awk - a tiny reader for `pacer timeline --json`: prints one line per event,
#   FRAME LEN KIND PHASE
# (PHASE is "-" for events that are not phases), and "total FRAMES"; with -v text=1, a tab
# and the event's text ("-" for none) end each event's line. The JSON has one event
# per line; texts come after these fields and are escaped, so matching the first "name": of
# each field is exact. A session that asks (ask steps) is read the way `pacer render` plays
# it, every question taking its default: the branch not taken is left out, the frames after
# it moved up, and the total is the default way's.
function num(name,   m) {
  if (match($0, "\"" name "\":-?[0-9]+")) { m = substr($0, RSTART, RLENGTH); sub(/.*:/, "", m); return m }
  return ""
}
function str(name,   m) {
  if (match($0, "\"" name "\":\"[^\"]*\"")) { m = substr($0, RSTART, RLENGTH); sub(/^[^:]*:"/, "", m); sub(/"$/, "", m); return m }
  return "-"
}
/^\{"sample_rate":/ { total = num("frames"); next }
/^"default_frames":/ { total = num("default_frames"); next }
/^\{"ask":/ {
  n++
  if (str("default") == "yes") { skip_from[n] = num("yes_end"); skip_to[n] = num("no_end") }
  else { skip_from[n] = num("decide"); skip_to[n] = num("yes_end") }
  next
}
/^\{"frame":/ {
  f = num("frame") + 0; shift = 0
  for (k = 1; k <= n; k++) {
    if (f >= skip_from[k] + 0 && f < skip_to[k] + 0) next
    if (f >= skip_to[k] + 0) shift += skip_to[k] - skip_from[k]
  }
  print f - shift, num("len"), str("kind"), str("phase") (text ? "\t" str("text") : "")
}
END { print "total", total }
