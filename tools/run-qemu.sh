#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Boot the ISO in QEMU for `make run`.
#
#   HEADLESS=1   no window even when a display exists
#   UEFI=1       boot through OVMF instead of SeaBIOS
#   CPU=...      QEMU CPU model (default: an Intel-vendor qemu64, so that
#                SYSENTER works in 64-bit mode; see docs/boot.md)
#
# The serial console is always on this terminal; Ctrl-A X quits QEMU.
set -eu
iso=$1
cpu=${CPU:-qemu64,vendor=GenuineIntel}

set -- -cdrom "$iso" -boot d -m 256M -cpu "$cpu" -no-reboot -serial mon:stdio
if [ -n "${UEFI:-}" ]; then
	set -- "$@" -bios /usr/share/ovmf/OVMF.fd
fi
if [ -n "${HEADLESS:-}" ] || { [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; }; then
	set -- "$@" -display none
	echo "run: headless; serial console below. Quit with Ctrl-A X."
else
	echo "run: QEMU window opened; serial console below. Quit with Ctrl-A X."
fi
exec qemu-system-x86_64 "$@"
