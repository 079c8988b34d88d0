#!/usr/bin/env bash
# Prints the module graph of core/ as read from the code: one arrow "a --> b" for each
# module a that includes a header of module b (a module is a folder of core/). The picture
# in docs/architecture.md is this output; tests/docs checks that they agree and that the
# graph has no circle.
# Usage: scripts/module-graph.sh [--edges]   (--edges: plain "a b" lines, for tsort)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here/core"

# which module holds each header (the public plugin header is "include")
declare -A owner
for h in */*.h include/pacer/*.h; do
  owner[$(basename "$h")]=${h%%/*}
done

edges=$(
  for f in */*.c */*.h; do
    mod=${f%%/*}
    [ "$mod" = include ] && continue
    sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" | while read -r inc; do
      to=${owner[$(basename "$inc")]:-}
      [ -n "$to" ] && [ "$to" != "$mod" ] && echo "$mod $to"
    done
  done | sort -u
)

if [ "${1:-}" = "--edges" ]; then
  printf '%s\n' "$edges"
  exit 0
fi
echo '```mermaid'
echo 'flowchart TD'
printf '%s\n' "$edges" | while read -r a b; do
  [ -n "$a" ] && echo "  $a --> $b"
done
echo '```'
