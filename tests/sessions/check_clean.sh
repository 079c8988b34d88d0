#!/bin/sh
# A shipped session checks clean with real speech: `pacer check --werror -q` exits 0 and
# prints nothing (no error, no warning, no note).
# Usage: check_clean.sh PACER SESSION.lua
pacer=$1 file=$2
unset PACER_NO_SPEECH
out=$("$pacer" check --werror -q "$file" 2>&1)
rc=$?
if [ "$rc" -ne 0 ] || [ -n "$out" ]; then
  echo "FAIL $file: pacer check --werror -q exited $rc and printed:"
  printf '%s\n' "$out"
  exit 1
fi
echo "ok $file"
