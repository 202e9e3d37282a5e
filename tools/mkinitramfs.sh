#!/bin/sh
# SPDX-License-Identifier: MIT
# Build the initramfs: a newc cpio archive, the format Linux takes, that
# the kernel unpacks into its root file system at boot (kernel/fs/rootfs.c).
# Usage: mkinitramfs.sh OUT.cpio [EXTRA_DIR]
# The archive holds user/rootfs/ (/etc and the rest of the tree), then
# EXTRA_DIR's tree over it (make iso ROOTFS_EXTRA=DIR), every file owned
# by root. The programs are not in it: each is a boot module of its own,
# which the kernel puts in /bin.
set -eu
out=$1
extra=${2:-}
here=$(cd "$(dirname "$0")/.." && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

cp -pR "$here/user/rootfs/." "$stage/"
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
