#!/usr/bin/env bash
# The Debian packages, as a user gets them: `cpack -G DEB` from the build makes
# pacer_VERSION_ARCH.deb and pacer-dev_VERSION_all.deb; their Depends come from the libraries
# the program links (no -dev package) and are all installed here; lintian finds no error in
# either. Then dpkg installs both into a throwaway root (dpkg --root: its own database, nothing
# written outside it), and from the installed files alone: `pacer --version`, `pacer list`
# shows the shipped sessions (from the root), a shipped session renders to the same bytes as
# tests/sessions/render_md5.txt says, `man -w` finds both pages, the bash completion loads,
# and the out-of-tree plugin (tests/plugins/sdk) builds against pacer-dev's pkg-config file
# and loads. Last, dpkg purges both and nothing is left in the root but dpkg's own database.
# Skipped (77) without cpack, dpkg, dpkg-deb, lintian, man or a C compiler.
# Usage: deb_test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
for tool in cpack dpkg dpkg-deb lintian man cc pkg-config md5sum; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (scripts/install-deps.sh test)"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
step() { echo "-- $*"; }
die() { echo "FAIL $*"; exit 1; }

step "cpack -G DEB"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/debs" >"$work/cpack.log" 2>&1 ||
  die "cpack failed: $(tail -20 "$work/cpack.log")"
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
arch=$(dpkg --print-architecture)
deb=$work/debs/pacer_${version}_${arch}.deb dev=$work/debs/pacer-dev_${version}_all.deb
[ -f "$deb" ] && [ -f "$dev" ] || die "cpack made $(cd "$work/debs" && ls -- *.deb | tr '\n' ' '), not $(basename "$deb") and $(basename "$dev")"

step "Depends"
depends=$(dpkg-deb -f "$deb" Depends)
echo "   $depends"
grep -q 'libsdl2-2.0-0' <<<"$depends" || { echo "FAIL the Depends were not computed from the libraries: $depends"; fail=1; }
for p in $(tr ',' '\n' <<<"$depends" | sed 's/(.*//; s/|.*//' | tr -d ' '); do
  case $p in *-dev) echo "FAIL pacer depends on a -dev package: $p"; fail=1 ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
    { echo "FAIL pacer depends on $p, which this system does not have"; fail=1; }
done
[ "$(dpkg-deb -f "$dev" Depends)" = "pacer (= $version)" ] || { echo "FAIL pacer-dev: Depends: $(dpkg-deb -f "$dev" Depends)"; fail=1; }

step "lintian"
lintian "$deb" "$dev" >"$work/lintian" 2>&1
grep '^[EW]:' "$work/lintian"
grep -q '^E:' "$work/lintian" && { echo "FAIL lintian reports errors"; fail=1; }

step "what each package holds"
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' >"$work/deb.list"
dpkg-deb -c "$dev" | awk '{ print $6 }' | sed 's|^\./|/|' >"$work/dev.list"
for f in /usr/bin/pacer /usr/share/pacer/sessions/daily_routine.lua /usr/share/pacer/sessions/lib/common.lua \
  /usr/lib/pacer/plugins/resonance.so /usr/share/pacer/assets/fonts/DejaVuSans.ttf \
  /usr/share/pacer/assets/fonts/LICENSE.DejaVu.txt /usr/share/man/man1/pacer.1.gz \
  /usr/share/man/man5/pacer-session.5.gz /usr/share/bash-completion/completions/pacer \
  /usr/share/zsh/vendor-completions/_pacer /usr/share/fish/vendor_completions.d/pacer.fish \
  /usr/share/icons/hicolor/scalable/apps/pacer.svg /usr/share/mime/packages/pacer.xml /usr/share/doc/pacer/copyright \
  /usr/share/locale/es/LC_MESSAGES/pacer.mo /usr/share/locale/de/LC_MESSAGES/pacer.mo; do
  grep -qx "$f" "$work/deb.list" || { echo "FAIL pacer lacks $f"; fail=1; }
done
grep -q '^/usr/share/applications/.*\.desktop$' "$work/deb.list" || { echo "FAIL pacer has no desktop entry"; fail=1; }
grep -q '^/usr/share/metainfo/.*\.metainfo\.xml$' "$work/deb.list" || { echo "FAIL pacer has no AppStream metadata"; fail=1; }
if [ -d "$src/programs" ]; then
  grep -q '^/usr/share/pacer/programs/' "$work/deb.list" || { echo "FAIL pacer lacks the programs"; fail=1; }
fi
for f in /usr/include/pacer/plugin.h /usr/share/pkgconfig/pacer-plugin.pc /usr/share/doc/pacer-dev/copyright; do
  grep -qx "$f" "$work/dev.list" || { echo "FAIL pacer-dev lacks $f"; fail=1; }
done
grep -q 'plugin.h' "$work/deb.list" && { echo "FAIL the SDK is in pacer, not only in pacer-dev"; fail=1; }

step "dpkg --root: install"
root=$work/root
mkdir -p "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/info"
: >"$root/var/lib/dpkg/status"
# The root's database knows none of the libraries: they are this system's (checked above).
dpkg_root() { dpkg --root="$root" --force-depends --force-script-chrootless --force-not-root "$@"; }
dpkg_root -i "$deb" "$dev" >"$work/dpkg.log" 2>&1 || die "dpkg -i failed: $(tail -20 "$work/dpkg.log")"
dpkg_root -s pacer pacer-dev 2>/dev/null | grep -c '^Status: install ok installed' | grep -qx 2 || die "dpkg does not list both as installed"
# The font links to Debian's copy (fonts-dejavu-core, a dependency): the system's, in the root.
if [ -L "$root/usr/share/pacer/assets/fonts/DejaVuSans.ttf" ]; then
  mkdir -p "$root/usr/share/fonts/truetype"
  ln -s /usr/share/fonts/truetype/dejavu "$root/usr/share/fonts/truetype/dejavu"
fi
[ -e "$root/usr/share/pacer/assets/fonts/DejaVuSans.ttf" ] || { echo "FAIL the installed font is not there"; fail=1; }

step "the installed pacer"
pacer=$root/usr/bin/pacer
export HOME=$work/home XDG_DATA_HOME=$work/home/data XDG_STATE_HOME=$work/home/state
export XDG_CACHE_HOME=${XDG_CACHE_HOME:-$work/home/cache}
unset PACER_SESSIONS PACER_ASSETS PACER_NO_PLUGINS PACER_NO_SPEECH
mkdir -p "$HOME"
cd "$work" || exit 1
"$pacer" --version >"$work/out" 2>&1 && grep -q "^pacer $version " "$work/out" ||
  { echo "FAIL pacer --version: $(cat "$work/out")"; fail=1; }
"$pacer" list >"$work/list" 2>"$work/err" || { echo "FAIL pacer list: $(cat "$work/err")"; fail=1; }
# its translations beside itself (ROOT/usr/share/locale), with only C.UTF-8 on the system
LANG=C.UTF-8 LANGUAGE=de "$pacer" --help >"$work/help" 2>&1
grep -q '^Aufruf: pacer' "$work/help" || { echo "FAIL the installed pacer does not speak German: $(sed -n 1p "$work/help")"; fail=1; }
# (the program finds its sessions beside itself: ROOT/usr/bin/../share/pacer/sessions)
n=$(grep -cE "\[$root/usr/(bin/\.\./)?share/pacer/sessions/[a-z0-9_]+\.lua\]$" "$work/list")
[ "$n" -ge 10 ] || { echo "FAIL pacer list shows $n sessions from the installed folder:"; cat "$work/list"; fail=1; }
grep -q "$src" "$work/list" && { echo "FAIL pacer list reads the source tree"; fail=1; }
"$pacer" plugins >"$work/plugins" 2>&1
grep -q "resonance 1.0.0  $root/usr/lib/pacer/plugins/resonance.so" "$work/plugins" ||
  { echo "FAIL the installed plugins are not loaded from the root:"; cat "$work/plugins"; fail=1; }
session=diaphragmatic_breathing
"$pacer" render "$root/usr/share/pacer/sessions/$session.lua" -o "$work/$session.wav" >"$work/out" 2>&1 ||
  { echo "FAIL pacer render: $(cat "$work/out")"; fail=1; }
want=$(awk -v f="$session.wav" '$2 == f { print $1 }' "$src/tests/sessions/render_md5.txt")
got=$(md5sum <"$work/$session.wav" | cut -d' ' -f1)
[ -n "$want" ] && [ "$got" = "$want" ] ||
  { echo "FAIL the installed pacer renders $session to md5 $got, not ${want:-(none recorded)}"; fail=1; }

step "man -w"
for page in "1 pacer" "5 pacer-session"; do
  set -- $page
  found=$(MANPATH="$root/usr/share/man" man -w "$1" "$2" 2>&1)
  [ "$found" = "$root/usr/share/man/man$1/$2.$1.gz" ] || { echo "FAIL man -w $1 $2: $found"; fail=1; }
done

step "bash completion"
bash -c 'source "$1" && complete -p pacer' - "$root/usr/share/bash-completion/completions/pacer" | grep -qx 'complete -F _pacer pacer' ||
  { echo "FAIL the installed bash completion does not load"; fail=1; }

step "a plugin built against pacer-dev"
mkdir -p "$work/plugin"
cp "$src/tests/plugins/sdk/sigh.c" "$work/plugin/"
cflags=$(PKG_CONFIG_PATH="$root/usr/share/pkgconfig" pkg-config --cflags pacer-plugin) || die "pkg-config finds no pacer-plugin"
inc=${cflags#-I}
inc=${inc%% }
[ "${cflags:0:2}" = -I ] && [ "$(cd "$inc" && pwd -P)" = "$(cd "$root/usr/include" && pwd -P)" ] ||
  { echo "FAIL pacer-plugin's flags name another folder than ROOT/usr/include: $cflags"; fail=1; }
(cd "$work/plugin" && cc -fPIC -fvisibility=hidden $cflags -std=c17 -Wall -Wextra -Werror -shared -o sigh.so sigh.c) \
  >"$work/cc.log" 2>&1 || { echo "FAIL the plugin does not build: $(cat "$work/cc.log")"; fail=1; }
"$pacer" --plugin "$work/plugin/sigh.so" plugins >"$work/plugins" 2>&1
grep -q '^  step types: sigh$' "$work/plugins" || { echo "FAIL the plugin does not load:"; cat "$work/plugins"; fail=1; }

step "dpkg --root: purge"
rm -rf "$root/usr/share/fonts"
dpkg_root --purge pacer-dev pacer >"$work/dpkg.log" 2>&1 || die "dpkg --purge failed: $(tail -20 "$work/dpkg.log")"
left=$(cd "$root" && find . -mindepth 1 -not -path './var' -not -path './var/lib' -not -path './var/lib/dpkg' -not -path './var/lib/dpkg/*')
[ -z "$left" ] || { echo "FAIL left behind in the root:"; echo "$left"; fail=1; }

[ $fail -eq 0 ] && echo "$(basename "$deb") and $(basename "$dev"): built, clean, installed, used and removed"
exit $fail
