#!/usr/bin/env bash
# Runs every example in docs/*.md:
#  - a ```lua block that starts with "-- NAME.lua" is written to NAME.lua; if a ```text block
#    follows it, `pacer check NAME.lua` must print exactly that text (and fail); otherwise
#    it must check clean with no warning (unless a ```sh example of the same doc uses the
#    file: that example then decides);
#  - any other ```lua block is checked clean: as it is when it returns a session, else
#    wrapped as the steps of a session;
#  - a ```c block that starts with "/* NAME.c */" is written to NAME.c (a shell example
#    builds it);
#  - a ```sh block runs with bash -e in the folder the examples were written to, with pacer
#    on the PATH, and must succeed.
# Also checks that the step reference in docs/lua-api.md is what `pacer api-reference` prints.
# Usage: check_docs.sh PACER DOCS_DIR
set -uo pipefail
pacer=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
docs=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 ran=0

# The SDK, installed to a private prefix, for the C examples (pkg-config pacer-plugin).
build=$(dirname "$pacer")
if cmake --install "$build" --prefix "$work/sdk" >/dev/null 2>&1; then
  export PKG_CONFIG_PATH="$work/sdk/share/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
fi

# 1. The generated reference is current.
"$pacer" api-reference > "$work/ref.expected"
awk '/<!-- BEGIN REFERENCE -->/{on=1;next} /<!-- END REFERENCE -->/{on=0} on' "$docs/lua-api.md" > "$work/ref.actual"
if ! diff -u "$work/ref.expected" "$work/ref.actual" > "$work/ref.diff"; then
  echo "FAIL docs/lua-api.md: the step reference is out of date; run scripts/update-docs.sh"
  head -40 "$work/ref.diff"
  fail=1
fi

# The module graph in docs/architecture.md is the code's, and has no circle.
if [ -f "$docs/architecture.md" ]; then
  graph="$(dirname "$docs")/scripts/module-graph.sh"
  bash "$graph" > "$work/graph.expected"
  awk '/<!-- BEGIN MODULE GRAPH -->/{on=1;next} /<!-- END MODULE GRAPH -->/{on=0} on' "$docs/architecture.md" > "$work/graph.actual"
  if ! diff -u "$work/graph.expected" "$work/graph.actual" > "$work/graph.diff"; then
    echo "FAIL docs/architecture.md: the module graph is out of date; run scripts/update-docs.sh"
    head -40 "$work/graph.diff"
    fail=1
  fi
  if ! bash "$graph" --edges | tsort > /dev/null 2> "$work/graph.loop"; then
    echo "FAIL docs/architecture.md: the module graph has a circle:"
    cat "$work/graph.loop"
    fail=1
  fi
fi

# The kiosk configuration's reference is current.
if [ -f "$docs/kiosk.md" ]; then
  "$pacer" kiosk --reference > "$work/kref.expected"
  awk '/<!-- BEGIN REFERENCE -->/{on=1;next} /<!-- END REFERENCE -->/{on=0} on' "$docs/kiosk.md" > "$work/kref.actual"
  if ! diff -u "$work/kref.expected" "$work/kref.actual" > "$work/kref.diff"; then
    echo "FAIL docs/kiosk.md: the configuration reference is out of date; run scripts/update-docs.sh"
    head -20 "$work/kref.diff"
    fail=1
  fi
fi

# The settings file's reference is current.
if [ -f "$docs/settings.md" ]; then
  "$pacer" settings --reference > "$work/sref.expected"
  awk '/<!-- BEGIN REFERENCE -->/{on=1;next} /<!-- END REFERENCE -->/{on=0} on' "$docs/settings.md" > "$work/sref.actual"
  if ! diff -u "$work/sref.expected" "$work/sref.actual" > "$work/sref.diff"; then
    echo "FAIL docs/settings.md: the settings reference is out of date; run scripts/update-docs.sh"
    head -20 "$work/sref.diff"
    fail=1
  fi
fi

# The editor annotations are current too.
if ! "$pacer" api-reference --luals | diff -u - "$docs/pacer.d.lua" > "$work/luals.diff"; then
  echo "FAIL docs/pacer.d.lua is out of date; run scripts/update-docs.sh"
  head -20 "$work/luals.diff"
  fail=1
fi

# 2. Split every doc into numbered blocks: lang, then text.
for doc in "$docs"/*.md; do
  name=$(basename "$doc")
  dir="$work/${name%.md}"
  mkdir -p "$dir/blocks"
  awk -v out="$dir/blocks" '
    /^```/ && !inb { inb = 1; n++; lang = substr($0, 4); file = sprintf("%s/%03d.%s", out, n, lang == "" ? "txt" : lang); printf "" > file; next }
    /^```/ && inb { inb = 0; close(file); next }
    inb { print >> file }
  ' "$doc"
  blocks=("$dir"/blocks/*)
  [ -e "${blocks[0]}" ] || continue
  for ((i = 0; i < ${#blocks[@]}; i++)); do
    b=${blocks[$i]}
    next=${blocks[$((i + 1))]:-}
    case "$b" in
    *.lua)
      ran=$((ran + 1))
      first=$(head -n 1 "$b")
      if [[ "$first" =~ ^--\ ([A-Za-z0-9_./-]+\.lua)$ ]]; then
        target="$dir/${BASH_REMATCH[1]}"
        mkdir -p "$(dirname "$target")"
        cp "$b" "$target"
        if [[ "$next" == *.text ]]; then
          (cd "$dir" && "$pacer" check -q "${BASH_REMATCH[1]}") > "$work/out" 2>&1
          rc=$?
          if [ $rc -ne 1 ] || ! diff -u "$next" "$work/out" > "$work/diff"; then
            echo "FAIL $name: ${BASH_REMATCH[1]} (exit $rc) does not print the text shown after it:"
            cat "$work/diff"
            fail=1
          fi
          continue
        fi
        # a shell example further on that uses this file does the checking
        if grep -qs -- "${BASH_REMATCH[1]}" "$dir"/blocks/*.sh; then
          continue
        fi
      elif kind=$(grep -o -m1 "return \(settings\|kiosk\)" "$b"); then
        # a settings file or a kiosk configuration: checked as Pacer reads it
        kind=${kind#return }
        cp "$b" "$dir/${kind}_$(basename "$b")"
        if ! (cd "$dir" && "$pacer" "$kind" --check "${kind}_$(basename "$b")") > "$work/out" 2>&1; then
          echo "FAIL $name: $kind example $(basename "$b") does not check clean:"
          cat "$work/out"
          fail=1
        fi
        continue
      else
        target="$dir/example_$(basename "$b")"
        if grep -q "return" "$b" && grep -q "session" "$b"; then
          cp "$b" "$target"
        else
          { echo 'return session { title = "Example",'; cat "$b"; echo '}'; } > "$target"
        fi
      fi
      if ! (cd "$dir" && "$pacer" check -q --werror "$(basename "$target")") > "$work/out" 2>&1; then
        echo "FAIL $name: example block $(basename "$b") does not check clean:"
        sed 's/^/  /' "$b" | head -20
        cat "$work/out"
        fail=1
      fi
      ;;
    *.c)
      first=$(head -n 1 "$b")
      if [[ "$first" =~ ^/\*\ ([A-Za-z0-9_./-]+\.c)\ \*/$ ]]; then
        cp "$b" "$dir/${BASH_REMATCH[1]}"
      fi
      ;;
    *.sh)
      ran=$((ran + 1))
      # the user's folders are private to the run: an example may import sessions or save settings
      if ! (cd "$dir" && XDG_DATA_HOME="$work/xdg/data" XDG_CONFIG_HOME="$work/xdg/config" \
            PATH="$(dirname "$pacer"):$PATH" bash -e "$b") > "$work/out" 2>&1; then
        echo "FAIL $name: shell example $(basename "$b") failed:"
        sed 's/^/  /' "$b"
        tail -20 "$work/out"
        fail=1
      fi
      ;;
    esac
  done
done
echo "docs: ran $ran examples"
[ $ran -gt 0 ] || { echo "FAIL no examples found"; fail=1; }
exit $fail
