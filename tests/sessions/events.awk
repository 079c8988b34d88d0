# events.awk - a tiny reader for `pacer timeline --json`: prints one line per event,
#   FRAME LEN KIND PHASE
# (PHASE is "-" for events that are not phases), and "total FRAMES" first. The JSON has
# one event per line; texts come after these fields and are escaped, so matching the
# first "name": of each field is exact.
function num(name,   m) {
  if (match($0, "\"" name "\":-?[0-9]+")) { m = substr($0, RSTART, RLENGTH); sub(/.*:/, "", m); return m }
  return ""
}
function str(name,   m) {
  if (match($0, "\"" name "\":\"[^\"]*\"")) { m = substr($0, RSTART, RLENGTH); sub(/^[^:]*:"/, "", m); sub(/"$/, "", m); return m }
  return "-"
}
/^\{"sample_rate":/ { print "total", num("frames"); next }
/^\{"frame":/ { print num("frame"), num("len"), str("kind"), str("phase") }
