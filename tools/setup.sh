#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Check for the tools a make target needs and install the missing ones.
#
#   sh tools/setup.sh run|debug|test|bench|dev|all
#
# On Debian and Ubuntu (apt-get) it says what it installs and installs it,
# with sudo when not root. Elsewhere it prints what is missing and stops.
# `make run`, `make test` and `make debug` call it first, so a fresh
# machine needs nothing but git, make and this repository.
set -eu

target=${1:-all}

# "check package": a check is a command name, a path (starting with /)
# that the package installs, or static:NAME, a command that must be a
# static program (an ELF file without a program interpreter): busybox and
# busybox-static both install /bin/busybox, and only the static one runs
# on the kernel (the busybox test group boots the build machine's copy).
base_needs='
gcc gcc
ld binutils
make make
qemu-system-x86_64 qemu-system-x86
/usr/share/seabios/bios-256k.bin seabios
grub-mkrescue grub-common
grub-file grub-common
/usr/lib/grub/i386-pc/multiboot2.mod grub-pc-bin
/usr/lib/grub/x86_64-efi/multiboot2.mod grub-efi-amd64-bin
xorriso xorriso
mformat mtools
/usr/share/ovmf/OVMF.fd ovmf
/usr/share/consolefonts/Unifont-APL8x16.psf.gz psf-unifont
python3 python3
musl-gcc musl-tools
cpio cpio
static:busybox busybox-static
'
debug_needs='
gdb gdb
'
test_needs='
gdb gdb
python3 python3
clang clang
/usr/include/x86_64-linux-gnu/asm/unistd_64.h linux-libc-dev
timeout coreutils
bochs bochs
/usr/share/bochs/BIOS-bochs-latest bochsbios
/usr/share/vgabios/vgabios.bin vgabios
'
dev_needs='
bear bear
'
bench_needs='
gnuplot gnuplot-nox
dpkg-deb dpkg
'
gui_needs='
/usr/lib/x86_64-linux-gnu/qemu/ui-gtk.so qemu-system-gui
'

case $target in
run)
	needs=$base_needs
	# A window needs QEMU's GTK front end; without a display none is used.
	if [ -z "${HEADLESS:-}" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
		needs="$needs$gui_needs"
	fi
	;;
debug) needs="$base_needs$debug_needs" ;;
bench) needs="$base_needs$bench_needs" ;;
dev) needs=$dev_needs ;;
test) needs="$base_needs$test_needs" ;;
all) needs="$base_needs$debug_needs$test_needs$bench_needs" ;;
*)
	echo "usage: $0 run|debug|test|bench|dev|all" >&2
	exit 2
	;;
esac

# A static ELF program: it has LOAD segments and no INTERP one.
is_static() {
	_path=$(command -v "$1" 2>/dev/null) || return 1
	_phdrs=$(readelf -lW "$_path" 2>/dev/null) || return 1
	case $_phdrs in
	*INTERP*) return 1 ;;
	*LOAD*) return 0 ;;
	*) return 1 ;;
	esac
}

have() {
	case $1 in
	/*) [ -e "$1" ] ;;
	static:*) is_static "${1#static:}" ;;
	*) command -v "$1" >/dev/null 2>&1 ;;
	esac
}

missing_checks=
missing_pkgs=
while read -r check pkg; do
	[ -n "$check" ] || continue
	if ! have "$check"; then
		missing_checks="$missing_checks $check"
		case " $missing_pkgs " in
		*" $pkg "*) ;;
		*) missing_pkgs="$missing_pkgs $pkg" ;;
		esac
	fi
done <<EOF
$needs
EOF

[ -z "$missing_pkgs" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "setup: these tools are missing:$missing_checks" >&2
	echo "setup: on Debian/Ubuntu they come from the packages:$missing_pkgs" >&2
	echo "setup: install the equivalents with your system's package manager and run make again." >&2
	exit 1
fi

sudo=
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "setup: missing packages:$missing_pkgs; run as root or install sudo" >&2
		exit 1
	fi
	sudo=sudo
fi

echo "setup: installing (for make $target):$missing_pkgs"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086 # the package list is meant to split
$sudo apt-get install -y -qq --no-install-recommends $missing_pkgs >/dev/null
echo "setup: done"
