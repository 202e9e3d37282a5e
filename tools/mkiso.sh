#!/bin/sh
# SPDX-License-Identifier: MIT
# Build a hybrid BIOS + UEFI ISO around the kernel with grub-mkrescue.
# Usage: mkiso.sh KERNEL.elf "KERNEL COMMAND LINE" OUT.iso [PROGRAM...]
# Each PROGRAM (a user ELF file) goes to /boot/bin/NAME on the ISO and is
# handed to the kernel as the multiboot2 module NAME. GFXPAYLOAD in the
# environment picks the video mode: text keeps a BIOS in VGA text mode
# (GRUB's VBE mode setting corrupts GRUB's own heap under Bochs' VGA
# BIOS), WIDTHxHEIGHTxDEPTH asks for a graphics mode.
set -eu
kernel=$1
cmdline=$2
out=$3
shift 3
dir=$(dirname "$out")/iso-$(basename "$out" .iso)
here=$(cd "$(dirname "$0")/.." && pwd)

rm -rf "$dir"
mkdir -p "$dir/boot/grub" "$dir/boot/bin"
cp "$kernel" "$dir/boot/kernel.elf"
# The command line goes into grub.cfg verbatim: keep it to safe characters.
case $cmdline in
*[!A-Za-z0-9_.,=:/+\ -]*)
	echo "mkiso: unsafe character in command line: $cmdline" >&2
	exit 1
	;;
esac
modules=
for prog in "$@"; do
	name=$(basename "$prog")
	case $name in
	*[!A-Za-z0-9_.-]*)
		echo "mkiso: unsafe program name: $name" >&2
		exit 1
		;;
	esac
	cp "$prog" "$dir/boot/bin/$name"
	modules="$modules	module2 /boot/bin/$name $name\n"
done
case ${GFXPAYLOAD:-} in
'') gfx= ;;
text | [0-9]*x[0-9]*x[0-9]*) gfx="	set gfxpayload=$GFXPAYLOAD" ;;
*)
	echo "mkiso: GFXPAYLOAD must be empty, text or WIDTHxHEIGHTxDEPTH" >&2
	exit 1
	;;
esac
sed -e "s|@CMDLINE@|$cmdline|" -e "s|^@MODULES@\$|$modules|" \
	-e "s|^@GFXPAYLOAD@\$|$gfx|" \
	"$here/boot/grub.cfg.in" > "$dir/boot/grub/grub.cfg"
if ! grub-mkrescue -o "$out" "$dir" > "$out.log" 2>&1; then
	cat "$out.log" >&2
	echo "mkiso: grub-mkrescue failed (are grub-pc-bin, grub-efi-amd64-bin, xorriso and mtools installed? run: make deps)" >&2
	exit 1
fi
