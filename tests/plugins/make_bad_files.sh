#!/bin/sh
# make_bad_files.sh OUTDIR GOOD_SO OBJECT_FILE - writes the bad "plugins" that are not built
# from C: files named *.so that are not shared objects for this machine.
#
#   notelf.so     a text file
#   empty.so      an empty file
#   truncated.so  the first 12 bytes of a real plugin: an ELF magic number and nothing more
#   arm64.so      a real plugin with e_machine (bytes 18-19) patched to EM_AARCH64 (183)
#   class32.so    a real plugin with EI_CLASS (byte 4) patched to ELFCLASS32
#   object.so     a relocatable object file (ET_REL), not linked into a shared object
set -eu
out=$1 good=$2 object=$3
mkdir -p "$out"

printf 'This is a text file, not a plugin.\n' >"$out/notelf.so"
: >"$out/empty.so"
dd if="$good" of="$out/truncated.so" bs=1 count=12 2>/dev/null

# Little-endian e_machine: 183 = 0xb7 = octal 267.
cp "$good" "$out/arm64.so.tmp"
printf '\267\000' | dd of="$out/arm64.so.tmp" bs=1 seek=18 conv=notrunc 2>/dev/null
mv "$out/arm64.so.tmp" "$out/arm64.so"

cp "$good" "$out/class32.so.tmp"
printf '\001' | dd of="$out/class32.so.tmp" bs=1 seek=4 conv=notrunc 2>/dev/null
mv "$out/class32.so.tmp" "$out/class32.so"

cp "$object" "$out/object.so"
