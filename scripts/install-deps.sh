#!/usr/bin/env bash
# Installs the Debian 12 packages Pacer needs, by purpose:
#   bash scripts/install-deps.sh              what building and running needs (scripts/deps/run.txt)
#   bash scripts/install-deps.sh test         that and what the tests add (scripts/deps/test.txt)
#   bash scripts/install-deps.sh bench        that and what bench/ adds (scripts/deps/bench.txt)
# Several lists may be named at once (run is always included). Idempotent and
# non-interactive: packages already present are left alone.
set -euo pipefail
deps="$(cd "$(dirname "$0")" && pwd)/deps"

# read_list NAME: the packages of scripts/deps/NAME.txt, one a line.
read_list() {
  sed 's/#.*//' "$deps/$1.txt" | tr -s ' \t' '\n' | sed '/^$/d'
}

# install PACKAGE...: installs those not installed yet, in one apt-get run.
install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all $# packages present"
    return 0
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "install-deps: done"
}

lists=(run)
for name in "$@"; do
  if [ ! -f "$deps/$name.txt" ]; then
    echo "install-deps: no list '$name'; lists: $(cd "$deps" && ls -- *.txt | sed 's/\.txt$//' | tr '\n' ' ')" >&2
    exit 2
  fi
  [ "$name" = run ] || lists+=("$name")
done
packages=()
for name in "${lists[@]}"; do
  mapfile -t -O "${#packages[@]}" packages < <(read_list "$name")
done
install "${packages[@]}"
