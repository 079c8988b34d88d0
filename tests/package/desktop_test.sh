#!/usr/bin/env bash
# The desktop files as the build wrote them: the desktop entry (desktop-file-validate), the
# AppStream metadata (appstreamcli validate, offline), the MIME type of session bundles
# (update-mime-database into a private folder: *.pacer is application/x-pacer-bundle, and the
# desktop entry opens it with `pacer play %f`), and the icon. The screenshots the metadata
# names are pictures of docs/images (made by `pacer snapshot`). Skipped (77) when a validator
# is missing, after every check that could run has passed.
# Usage: desktop_test.sh SOURCE_DIR BUILD_DATA_DIR APP_ID
set -uo pipefail
src=$1 data=$2 id=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 missing=()
desktop=$data/$id.desktop metainfo=$data/$id.metainfo.xml mime=$src/data/pacer-mime.xml
for f in "$desktop" "$metainfo" "$mime" "$src/data/pacer.svg"; do
  [ -f "$f" ] || { echo "FAIL $f is missing"; exit 1; }
done

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" >"$work/out" 2>&1 && [ ! -s "$work/out" ] ||
    { echo "FAIL desktop-file-validate $desktop:"; cat "$work/out"; fail=1; }
else
  missing+=(desktop-file-validate)
fi
grep -qx 'Exec=pacer play %f' "$desktop" || { echo "FAIL the desktop entry does not open a file with pacer play %f"; fail=1; }
grep -qx 'MimeType=application/x-pacer-bundle;' "$desktop" || { echo "FAIL the desktop entry takes no session bundle"; fail=1; }
grep -qx 'Icon=pacer' "$desktop" || { echo "FAIL the desktop entry names no icon 'pacer'"; fail=1; }

if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net --pedantic "$metainfo" >"$work/out" 2>&1 ||
    { echo "FAIL appstreamcli validate $metainfo:"; cat "$work/out"; fail=1; }
  grep -q '^[EWIP]:' "$work/out" && { echo "FAIL appstreamcli has remarks:"; cat "$work/out"; fail=1; }
else
  missing+=(appstreamcli)
fi
grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$metainfo" ||
  { echo "FAIL the metadata does not launch $id.desktop"; fail=1; }
shots=0
for url in $(sed -n 's|.*<image>\(.*\)</image>.*|\1|p' "$metainfo"); do
  shots=$((shots + 1))
  png=$src/docs/images/$(basename "$url")
  file "$png" 2>/dev/null | grep -q 'PNG image data' || { echo "FAIL the screenshot $url is not a picture of docs/images"; fail=1; }
done
[ $shots -ge 2 ] || { echo "FAIL only $shots screenshots"; fail=1; }

if command -v update-mime-database >/dev/null; then
  mkdir -p "$work/mime/packages"
  cp "$mime" "$work/mime/packages/pacer.xml"
  update-mime-database "$work/mime" >"$work/out" 2>&1 || { echo "FAIL update-mime-database:"; cat "$work/out"; fail=1; }
  grep -qx 'application/x-pacer-bundle:\*\.pacer' "$work/mime/globs" ||
    { echo "FAIL *.pacer is not application/x-pacer-bundle:"; cat "$work/mime/globs"; fail=1; }
else
  missing+=(update-mime-database)
fi

if command -v xmllint >/dev/null; then
  xmllint --noout "$src/data/pacer.svg" "$mime" || { echo "FAIL the icon or the MIME type is not well-formed XML"; fail=1; }
  grep -q '<svg ' "$src/data/pacer.svg" || { echo "FAIL the icon is not an SVG"; fail=1; }
else
  missing+=(xmllint)
fi

[ $fail -eq 0 ] || exit 1
if [ ${#missing[@]} -gt 0 ]; then
  echo "SKIP: not installed: ${missing[*]} (scripts/install-deps.sh test installs them)"
  exit 77
fi
echo "the desktop entry, the AppStream metadata ($shots screenshots) and the MIME type are valid"
