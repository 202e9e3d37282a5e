#!/bin/sh
# SPDX-License-Identifier: MIT
# Build a hybrid BIOS + UEFI ISO around the kernel with grub-mkrescue.
# Usage: mkiso.sh KERNEL.elf "KERNEL COMMAND LINE" OUT.iso
set -eu
kernel=$1
cmdline=$2
out=$3
dir=$(dirname "$out")/iso-$(basename "$out" .iso)
here=$(cd "$(dirname "$0")/.." && pwd)

rm -rf "$dir"
mkdir -p "$dir/boot/grub"
cp "$kernel" "$dir/boot/kernel.elf"
# The command line goes into grub.cfg verbatim: keep it to safe characters.
case $cmdline in
*[!A-Za-z0-9_.,=:/+\ -]*)
	echo "mkiso: unsafe character in command line: $cmdline" >&2
	exit 1
	;;
esac
sed "s|@CMDLINE@|$cmdline|" "$here/boot/grub.cfg.in" > "$dir/boot/grub/grub.cfg"
if ! grub-mkrescue -o "$out" "$dir" > "$out.log" 2>&1; then
	cat "$out.log" >&2
	echo "mkiso: grub-mkrescue failed (are grub-pc-bin, grub-efi-amd64-bin, xorriso and mtools installed? run: make deps)" >&2
	exit 1
fi
