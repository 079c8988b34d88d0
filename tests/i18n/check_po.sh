#!/usr/bin/env bash
# Every text Pacer marks for translation is translated in every po/LANG.po: the template is
# made again from the sources here (xgettext, as scripts/update-po.sh makes it), and each
# catalog must have a non-empty, non-fuzzy translation of every msgid in it, no entry the
# sources no longer have, formats that match (%s, %d...), and po/pacer.pot must list the
# same msgids. Skipped (77) without the gettext tools.
# Usage: check_po.sh SOURCE_DIR
set -euo pipefail
src=$1
for tool in xgettext msgfmt msgcmp msgattrib; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (Debian: gettext)"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

bash "$src/scripts/update-po.sh" --pot "$work/now.pot" 2>"$work/xgettext.err" ||
  { cat "$work/xgettext.err"; fail "xgettext could not read the sources"; }
[ "$(grep -c '^msgid ' "$work/now.pot")" -gt 100 ] || fail "the sources mark fewer than 100 texts: is the keyword list right?"

# the template in the tree lists exactly the msgids of the sources
if ! msgcmp --use-untranslated "$work/now.pot" "$src/po/pacer.pot" >"$work/a" 2>&1 ||
  ! msgcmp --use-untranslated "$src/po/pacer.pot" "$work/now.pot" >>"$work/a" 2>&1; then
  grep -E 'msgid|this message' "$work/a" | head -20
  fail "po/pacer.pot is not what the sources mark: run scripts/update-po.sh"
fi

langs=$(cd "$src/po" && ls -- *.po | sed 's/\.po$//' | tr '\n' ' ')
[ -n "$langs" ] || fail "no po/LANG.po"
for lang in $langs; do
  po="$src/po/$lang.po"
  # formats, the header, plural forms
  msgfmt --check --statistics -o /dev/null "$po" 2>"$work/stats" || { cat "$work/stats"; fail "$lang.po does not compile"; continue; }
  # every msgid of the sources, translated and not fuzzy (msgcmp counts neither as there)
  msgcmp "$po" "$work/now.pot" >"$work/missing" 2>&1 || {
    grep -E 'msgid|this message' "$work/missing" | head -20
    fail "$lang.po lacks translations of texts in the sources (run scripts/update-po.sh, then translate)"
  }
  # no entry the sources no longer have (obsolete #~ entries aside)
  msgattrib --no-obsolete "$po" >"$work/live.po"
  msgcmp --use-untranslated --use-fuzzy "$work/now.pot" "$work/live.po" >"$work/stale" 2>&1 || {
    grep -E 'msgid|this message' "$work/stale" | head -20
    fail "$lang.po has entries the sources no longer mark (run scripts/update-po.sh)"
  }
  # an empty translation hides behind a plural's other form: none may be empty
  if msgattrib --no-obsolete --untranslated "$po" | grep -q '^msgid "[^"]'; then
    fail "$lang.po has untranslated entries"
  fi
  if msgattrib --no-obsolete --only-fuzzy "$po" | grep -q '^msgid "[^"]'; then
    fail "$lang.po has fuzzy entries"
  fi
  echo "$lang: $(cat "$work/stats")"
done
[ "$fails" -eq 0 ] || exit 1
echo "ok: every marked text is translated in: $langs"
