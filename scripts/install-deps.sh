#!/usr/bin/env bash
# Installs every package Pacer needs to build, test and benchmark on Debian 12.
# Idempotent and non-interactive: packages already present are left alone.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git libsodium-dev libsqlite3-dev sqlite3
  libsdl2-dev libsdl2-mixer-dev libsdl2-ttf-dev libsdl2-image-dev libasound2-dev libnotify-dev
  liblua5.4-dev lua5.4
  libespeak-ng-dev espeak-ng-data flite1-dev
  libvorbis-dev libflac-dev libmpg123-dev
  libcmocka-dev
  clang libclang-rt-14-dev valgrind
  xvfb xauth xdotool
  cage xwayland grim
  imagemagick libx11-dev
  sox tmux dunst
  aubio-tools pocketsphinx pocketsphinx-en-us time
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
