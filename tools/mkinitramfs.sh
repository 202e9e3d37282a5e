#!/bin/sh
# SPDX-License-Identifier: MIT
# Build the initramfs: a newc cpio archive, the format Linux takes, that
# the kernel unpacks into its root file system at boot (kernel/fs/rootfs.c).
# Usage: [BUSYBOX=/bin/busybox] mkinitramfs.sh OUT.cpio [EXTRA_DIR]
# The archive holds user/rootfs/ (/etc and the rest of the tree); with
# BUSYBOX=FILE, that static busybox as /bin/busybox and a symbolic link
# to it for every applet at the place `busybox --list-full` names
# (/bin/sh, /sbin/init, /usr/bin/awk, ...; not /linuxrc); then EXTRA_DIR's
# tree over it all (make iso ROOTFS_EXTRA=DIR), every file owned by root.
# The project's own programs are not in it: each is a boot module of its
# own, which the kernel puts in /bin (their names do not clash with
# busybox's: the shell is tsh, and there are techo, tcat and tsleep).
set -eu
out=$1
extra=${2:-}
here=$(cd "$(dirname "$0")/.." && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

cp -pR "$here/user/rootfs/." "$stage/"
bb=${BUSYBOX:-}
if [ -n "$bb" ]; then
	if [ ! -f "$bb" ] || ! "$bb" true 2>/dev/null; then
		echo "mkinitramfs: BUSYBOX=$bb is not a busybox that runs here" \
			"(install busybox-static: make deps)" >&2
		exit 1
	fi
	mkdir -p "$stage/bin" "$stage/sbin" "$stage/usr/bin" "$stage/usr/sbin"
	cp -p "$bb" "$stage/bin/busybox"
	"$bb" --list-full | while read -r applet; do
		case $applet in
		bin/busybox | linuxrc) ;;
		*) ln -s /bin/busybox "$stage/$applet"
		   touch -h -r "$bb" "$stage/$applet" ;;
		esac
	done
	touch -r "$bb" "$stage/bin" "$stage/sbin" "$stage/usr/bin" \
		"$stage/usr/sbin" "$stage/usr"
fi
if [ -n "$extra" ]; then
	if [ ! -d "$extra" ]; then
		echo "mkinitramfs: ROOTFS_EXTRA=$extra is not a directory" >&2
		exit 1
	fi
	cp -pR "$extra/." "$stage/"
fi
# Sorted, times kept (cp -p), the stage's own directory time fixed: the
# same tree makes the same archive, which then stays untouched, so that
# nothing built from it is built again.
touch -r "$here/user/rootfs" "$stage"
(cd "$stage" && find . | LC_ALL=C sort |
	cpio -o -H newc -R 0:0 --quiet) > "$out.tmp"
if cmp -s "$out.tmp" "$out" 2>/dev/null; then
	rm -f "$out.tmp"
else
	mv "$out.tmp" "$out"
fi
