#!/bin/sh
# check_includes.sh CORE_DIR TABLE - reads every #include of the .c and .h files in CORE_DIR's
# module folders and fails on one that crosses the module table TABLE (see layers.txt): a
# module header from a module not allowed, SDL or Lua outside their layers, an unknown or
# ambiguous header. Also checks the table itself: every arrow points to an earlier line, and
# every folder of CORE_DIR is in it. Prints one line per fault, as file:line: message.
set -u
core=${1:?usage: check_includes.sh CORE_DIR TABLE}
table=${2:?usage: check_includes.sh CORE_DIR TABLE}
[ -d "$core" ] || { echo "check_includes: no folder $core" >&2; exit 2; }
[ -r "$table" ] || { echo "check_includes: cannot read $table" >&2; exit 2; }
core=${core%/}

list=$(mktemp) || exit 2
trap 'rm -f "$list"' EXIT INT TERM
# The headers of each module: "H <module> <name>"; the folders: "D <module>"; the includes:
# "I <module> core/<module>/<file> <line> <"name" or <name>>.
{
    for dir in "$core"/*/; do
        mod=${dir%/}
        mod=${mod##*/}
        [ "$mod" = include ] && continue
        echo "D $mod"
        for h in "$dir"*.h; do
            [ -e "$h" ] && echo "H $mod ${h##*/}"
        done
    done
    # one grep for every file: "<core>/<module>/<file>:<line>:#include ..."
    grep -n '^[[:space:]]*#[[:space:]]*include' /dev/null "$core"/*/*.c "$core"/*/*.h 2>/dev/null |
        sed -n "s|^$core/\([^/]*\)/\([^/:]*\):\([0-9]*\):[[:space:]]*#[[:space:]]*include[[:space:]]*\([<\"][^>\"]*[>\"]\).*|I \1 core/\1/\2 \3 \4|p" |
        grep -v '^I include '
} >"$list"

awk -v table="$table" '
function fault(where, msg) { print where ": " msg; bad++ }
BEGIN {
    # the table
    while ((getline line < table) > 0) {
        lineno++
        sub(/#.*/, "", line)
        n = split(line, w, /[ \t]+/)
        if (n == 0 || (n == 1 && w[1] == "")) continue
        if (w[1] == "") { for (i = 1; i < n; i++) w[i] = w[i + 1]; n-- }
        where = table ":" lineno
        if (w[1] == "module") {
            m = w[2]
            if (m in order) fault(where, "module " m " is named twice")
            order[m] = ++nmods
            for (i = 3; i <= n; i++) {
                if (!(w[i] in order) || w[i] == m)
                    fault(where, m " may use " w[i] ", which is not on an earlier line: an arrow up or a circle")
                uses[m, w[i]] = 1
            }
        } else if (w[1] == "system") {
            sys[++nsys] = w[2]
            for (i = 3; i <= n; i++) sysok[w[2], w[i]] = 1
        } else if (w[1] == "allow") {
            for (i = 3; i <= n; i++) { allow[w[2], w[i]] = where; allowed_unused[w[2], w[i]] = where }
        } else {
            fault(where, "unknown line \"" w[1] "\"")
        }
    }
    close(table)
}
$1 == "D" { if (!($2 in order)) fault(table, "the folder core/" $2 " is not in the table") }
$1 == "H" {
    if ($3 in owner && owner[$3] != $2) fault("core/" $2 "/" $3, "the header name is used by core/" owner[$3] " too: includes of it are ambiguous")
    owner[$3] = $2
}
$1 == "I" { inc[++ninc] = $0 }
END {
    for (k = 1; k <= ninc; k++) {
        split(inc[k], f, " ")
        mod = f[2]; file = f[3]; line = f[4]; spec = f[5]
        name = substr(spec, 2, length(spec) - 2)
        base = name; sub(/^.*\//, "", base)
        where = file ":" line
        if ((file, base) in allow) { delete allowed_unused[file, base]; continue }
        if (substr(spec, 1, 1) == "<") {
            for (s = 1; s <= nsys; s++) {
                pat = sys[s]
                hit = (pat ~ /\*$/) ? (index(base, substr(pat, 1, length(pat) - 1)) == 1) : (base == pat)
                if (hit && !((pat, mod) in sysok))
                    fault(where, "<" name "> belongs to another layer: " mod " may not include it")
            }
            continue
        }
        if (name == "pacer/plugin.h") continue
        if (!(base in owner)) { fault(where, "\"" name "\" is no header of core/"); continue }
        to = owner[base]
        if (to != mod && !((mod, to) in uses))
            fault(where, mod " may not include \"" name "\" (" to "): see " table)
    }
    for (key in allowed_unused) {
        split(key, a, SUBSEP)
        fault(allowed_unused[key], "the exception for " a[1] " including " a[2] " matches nothing: remove it")
    }
    if (bad) { print bad " include fault(s)"; exit 1 }
    print ninc " includes in " nmods " modules follow the table"
}' "$list"
