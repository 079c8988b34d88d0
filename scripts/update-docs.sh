#!/usr/bin/env bash
# Rewrites the generated step reference in docs/lua-api.md from the registry.
# Usage: scripts/update-docs.sh [path/to/pacer]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
pacer=${1:-$here/build/pacer}
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.ref"' EXIT
# replace DOC's text between its reference markers by what COMMAND prints
# (the markers are <!-- BEGIN REFERENCE --> and <!-- END REFERENCE -->, or with MARK set,
# <!-- BEGIN $MARK --> and <!-- END $MARK -->)
splice() {
  local doc=$1 mark=${MARK:-REFERENCE}
  shift
  "$@" > "$tmp.ref"
  awk -v ref="$tmp.ref" -v b="<!-- BEGIN $mark -->" -v e="<!-- END $mark -->" '
    $0 == b { print; while ((getline line < ref) > 0) print line; skip = 1; next }
    $0 == e { skip = 0 }
    !skip { print }
  ' "$doc" > "$tmp"
  cat "$tmp" > "$doc"
}
splice "$here/docs/lua-api.md" "$pacer" api-reference
[ -f "$here/docs/kiosk.md" ] && splice "$here/docs/kiosk.md" "$pacer" kiosk --reference
[ -f "$here/docs/settings.md" ] && splice "$here/docs/settings.md" "$pacer" settings --reference
"$pacer" api-reference --luals > "$here/docs/pacer.d.lua"
MARK="MODULE GRAPH" splice "$here/docs/architecture.md" bash "$here/scripts/module-graph.sh"
