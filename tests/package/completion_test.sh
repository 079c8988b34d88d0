#!/usr/bin/env bash
# The shell completions as the build wrote them (data/generate.cmake), the same the program
# prints now, exercised in the shell itself:
#   bash: the words offered for a command line (COMP_WORDS, COMP_CWORD, then _pacer):
#         commands, a command's options and not another's, themes, tags, and session files
#         (*.lua, *.pacer and folders, not other files);
#   fish: the same lines through `complete -C`;
#   zsh:  the script parses (zsh -n) and loads under compinit.
# A shell that is not installed: skipped (77).
# Usage: completion_test.sh bash|zsh|fish PACER BUILD_DATA_DIR
set -uo pipefail
shell=$1
pacer=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
data=$(cd "$3" && pwd)
command -v "$shell" >/dev/null || { echo "SKIP: $shell is not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache XDG_STATE_HOME=$work/state PACER_NO_SPEECH=1
case $shell in bash) script=$data/pacer.bash ;; zsh) script=$data/_pacer ;; fish) script=$data/pacer.fish ;; esac
"$pacer" completion "$shell" | cmp -s - "$script" || { echo "FAIL $script is not what pacer completion $shell prints"; exit 1; }
fail=0

# A folder to complete in: sessions, a bundle, another file, a folder.
mkdir -p "$work/files/sub"
touch "$work/files/calm.lua" "$work/files/shared.pacer" "$work/files/notes.txt"
cd "$work/files" || exit 1

# offers "COMMAND LINE" WORD...: completing the line's last word offers every WORD;
# lacks "COMMAND LINE" WORD...: it offers none of them.
words_bash() {
  bash -c 'source "$1"; shift
    read -r -a COMP_WORDS <<<"$1"; [[ $1 == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _pacer; printf "%s\n" "${COMPREPLY[@]}"' - "$script" "$1"
}
words_fish() { fish -c 'source $argv[1]; complete -C"$argv[2]"' "$script" "$1" | cut -f1; }
check() {
  local want=$1 line=$2 w got
  shift 2
  got=$("words_$shell" "$line")
  for w in "$@"; do
    if grep -qxF -- "$w" <<<"$got"; then
      [ "$want" = offers ] || { echo "FAIL '$line' offers $w"; fail=1; }
    else
      [ "$want" = lacks ] || { echo "FAIL '$line' does not offer $w; it offers: $(echo $got)"; fail=1; }
    fi
  done
}

case $shell in
bash | fish)
  [ "$shell" = bash ] && { bash -c 'source "$1"; complete -p pacer' - "$script" | grep -qx 'complete -F _pacer pacer' ||
    { echo "FAIL complete -p pacer does not name _pacer"; fail=1; }; }
  check offers "pacer " play render check list history completion
  check offers "pacer ren" render
  check offers "pacer play --" --theme --reduced-motion --audio-only --no-journal --plugin
  check lacks "pacer play --" --werror --json --at
  check offers "pacer check -" --werror --quiet
  check lacks "pacer check -" --theme
  check offers "pacer play --theme " $("$pacer" --help | sed -n 's/.*--theme NAME.*: \(.*\) or \(.*\)$/\1 \2/p')
  check offers "pacer journal add --helped wal" walking
  check offers "pacer completion " bash zsh fish
  check offers "pacer snapshot --" --at --progress --output
  check offers "pacer render " calm.lua shared.pacer
  check lacks "pacer render " notes.txt
  check offers "pacer render calm.lua -o " notes.txt
  check offers "pacer list " "$([ "$shell" = bash ] && echo sub || echo sub/)"
  ;;
zsh)
  zsh -n "$script" || { echo "FAIL zsh -n: the script does not parse"; fail=1; }
  mkdir -p "$work/fpath" && cp "$script" "$work/fpath/_pacer"
  out=$(zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit && compinit -u -d "$2/zcompdump" && print ${_comps[pacer]}' \
    - "$work/fpath" "$work" 2>&1)
  [ "$out" = _pacer ] || { echo "FAIL under compinit, pacer completes with '$out', not _pacer"; fail=1; }
  ;;
esac
[ $fail -eq 0 ] && echo "$shell completion works"
exit $fail
