#!/usr/bin/env bash
# Makes po/pacer.pot from the sources (every text marked _(), N_(), P_()) and merges it into
# each po/LANG.po, so translators see what is new (untranslated) and what changed (fuzzy).
# Usage: scripts/update-po.sh            update po/pacer.pot and po/*.po
#        scripts/update-po.sh --pot OUT  only write the template to OUT (the tests' check)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
pot() {
  find core plugins -name '*.c' | LC_ALL=C sort |
    xgettext --files-from=- --output="$1" --from-code=UTF-8 --language=C \
      --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=i18n_in:2 --keyword=i18n_nin:2,3 \
      --keyword=PACER_WORDS:3 --keyword=PACER_MARK \
      --add-comments=TRANSLATORS: --add-location=file --sort-by-file \
      --package-name=pacer --msgid-bugs-address="the Pacer issue tracker" --copyright-holder="the Pacer authors"
}
if [ "${1:-}" = "--pot" ]; then
  pot "$2"
  exit 0
fi
pot po/pacer.pot
for po in po/*.po; do
  msgmerge --quiet --update --backup=none --no-fuzzy-matching --add-location=file --sort-by-file "$po" po/pacer.pot
done
