#!/bin/sh
# SPDX-License-Identifier: MIT
#
# `make bench-linux`: one benchmark program (user/musl/m-bench.c, a
# static musl binary) on Linux and on this kernel, under the same QEMU
# flags for both, those of `make bench` (tools/bench.sh) but for memory:
# -icount shift=0,sleep=off (the TSC counts instructions), -cpu
# qemu64,vendor=GenuineIntel, -m 1G (see QEMU_FLAGS).
#
# Usage: bench-linux.sh DIR ISO PROGRAM MODE
#   DIR      where the logs, the table and the plot go (Linux itself is
#            fetched once into LINUX_CACHE, DIR/linux by default)
#   ISO      this kernel, booting `init=m-bench poweroff -- MODE`
#   PROGRAM  the m-bench binary, packed as Linux's /init
#   MODE     full or quick (m-bench's argument)
#
# Linux is Debian's linux-image-cloud-amd64 (the kernel the package
# depends on), fetched with `apt-get download` (no root needed) and
# booted with -kernel/-initrd, with BUSYBOX (/bin/busybox by default)
# as its /bin/busybox for the exec-busybox-true row. If it cannot be
# fetched, the Linux column is skipped with a line that says so. Each
# kernel boots twice, and the two runs must give identical counts.
set -eu
dir=$1
iso=$2
prog=$3
mode=${4:-full}
here=$(cd "$(dirname "$0")/.." && pwd)
linux_dir=${LINUX_CACHE:-$dir/linux}
# mitigations=off by default: this kernel has none, and the comparison
# is of the work each does. MITIGATIONS=auto boots Linux with its own
# default instead.
case ${MITIGATIONS:-off} in
off) mitigations="mitigations=off" ;;
auto) mitigations= ;;
*) echo "bench-linux: MITIGATIONS is off or auto" >&2; exit 2 ;;
esac
# Transparent huge pages off by default: Linux turns them off itself
# below 512 MiB, as it ran here before QEMU_FLAGS gave it 1 GiB, and this
# kernel maps 4 KiB pages only; with them, a fork of 64 MiB copies 32
# entries of 2 MiB instead of 16384 of 4 KiB. THP=auto keeps Linux's
# default.
case ${THP:-never} in
never) thp="transparent_hugepage=never" ;;
auto) thp= ;;
*) echo "bench-linux: THP is never or auto" >&2; exit 2 ;;
esac
linux_cmdline="console=ttyS0 quiet panic=-1 $mitigations $thp -- $mode"
# The flags of tools/bench.sh. The clock starts at a fixed date and runs
# with the instructions (-rtc ... clock=vm): with the host's time in its
# RTC, Linux seeds its random pool differently in each boot, and some of
# its counts then differ by up to a few thousand instructions per run.
# 1 GiB instead of bench.sh's 256 MiB: Linux's root file system is a
# tmpfs allowed an inode for every two pages of RAM (shmem's default
# nr_inodes): about 32000 in 256 MiB, too few for the full run's
# directory of 10^5 names (stat-dir-100000); about 128000 in 1 GiB.
QEMU_FLAGS="-m 1G -cpu qemu64,vendor=GenuineIntel -icount shift=0,sleep=off
	-rtc base=2024-01-01T00:00:00,clock=vm
	-no-reboot -display none -device isa-debug-exit,iobase=0xf4,iosize=0x04"
LINUX_TIMEOUT=${LINUX_TIMEOUT:-600}
mkdir -p "$dir" "$linux_dir"

# m-bench's lines from a serial log: the notes and `name count per-op`,
# from its first line to its last.
table_of() {
	tr -d '\r' < "$1" | sed 's/\x1b\[[0-9;]*m//g' |
		sed -n '/^# m-bench /,/^m-bench: /p' > "$2"
	grep -q '^m-bench: all ok$' "$2"
}

# The vmlinuz of linux-image-cloud-amd64, in $linux_dir, fetched once.
fetch_linux() {
	vmlinuz=$(ls "$linux_dir"/x/boot/vmlinuz-* 2>/dev/null | head -n 1)
	[ -n "$vmlinuz" ] && return 0
	command -v apt-get >/dev/null 2>&1 || { why="no apt-get here"; return 1; }
	pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9].*\)/\1/p' | head -n 1)
	if [ -z "$pkg" ]; then
		echo "bench-linux: linux-image-cloud-amd64 unknown to apt; apt-get update"
		sudo=
		[ "$(id -u)" -eq 0 ] || sudo=sudo
		timeout 300 $sudo apt-get update -qq || true
		pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
			sed -n 's/^ *Depends: \(linux-image-[0-9].*\)/\1/p' | head -n 1)
	fi
	[ -n "$pkg" ] || { why="apt knows no linux-image-cloud-amd64"; return 1; }
	echo "bench-linux: apt-get download $pkg"
	rm -f "$linux_dir"/*.deb
	(cd "$linux_dir" && timeout 300 apt-get download -q "$pkg" >download.log 2>&1) ||
		{ why="apt-get download $pkg failed (see $linux_dir/download.log)"; return 1; }
	rm -rf "$linux_dir/x"
	dpkg-deb -x "$linux_dir"/"$pkg"_*.deb "$linux_dir/x" ||
		{ why="dpkg-deb could not unpack $pkg"; return 1; }
	vmlinuz=$(ls "$linux_dir"/x/boot/vmlinuz-* 2>/dev/null | head -n 1)
	[ -n "$vmlinuz" ] || { why="no vmlinuz in $pkg"; return 1; }
}

run_linux() {
	log=$1
	status=0
	# shellcheck disable=SC2086 # the flags are meant to split
	timeout "$LINUX_TIMEOUT" qemu-system-x86_64 -kernel "$vmlinuz" \
		-initrd "$dir/m-bench-initrd.cpio" -append "$linux_cmdline" \
		$QEMU_FLAGS -serial "file:$log" || status=$?
	if [ "$status" -eq 124 ]; then
		echo "bench-linux: Linux still ran after $LINUX_TIMEOUT s; see $log" >&2
		return 1
	fi
	table_of "$log" "$log.table" ||
		{ echo "bench-linux: m-bench on Linux failed; see $log" >&2; return 1; }
}

run_here() {
	log=$1
	status=0
	# shellcheck disable=SC2086
	timeout 600 qemu-system-x86_64 -cdrom "$iso" -boot d $QEMU_FLAGS \
		-serial "file:$log" || status=$?
	# 33: the program exited 0 and the kernel powered off.
	if [ "$status" -ne 33 ]; then
		echo "bench-linux: QEMU exited with status $status; see $log" >&2
		return 1
	fi
	table_of "$log" "$log.table" ||
		{ echo "bench-linux: m-bench on this kernel failed; see $log" >&2; return 1; }
}

same() {
	if cmp -s "$1" "$2"; then
		echo "bench-linux: $3: two boots gave identical counts"
	else
		echo "bench-linux: $3: the two boots differ:" >&2
		diff "$1" "$2" >&2 || true
		return 1
	fi
}

linux_table=
linux_name=
why=
if fetch_linux; then
	python3 "$here/tools/mkinitrd-linux.py" "$dir/m-bench-initrd.cpio" "$prog" \
		"${BUSYBOX:-/bin/busybox}"
	linux_name=$(basename "$vmlinuz" | sed 's/^vmlinuz-/Linux /')
	echo "bench-linux: booting $linux_name: $linux_cmdline"
	run_linux "$dir/m-bench-linux-1.log"
	run_linux "$dir/m-bench-linux-2.log"
	same "$dir/m-bench-linux-1.log.table" "$dir/m-bench-linux-2.log.table" "$linux_name"
	linux_table=$dir/m-bench-linux-1.log.table
else
	echo "bench-linux: no Linux to compare with: $why; the Linux column is skipped"
fi

echo "bench-linux: booting this kernel: init=m-bench poweroff -- $mode"
run_here "$dir/m-bench-here-1.log"
run_here "$dir/m-bench-here-2.log"
same "$dir/m-bench-here-1.log.table" "$dir/m-bench-here-2.log.table" "this kernel"

python3 "$here/tools/bench-table.py" --linux "${linux_table:-}" \
	--linux-name "${linux_name:-Linux}" --here "$dir/m-bench-here-1.log.table" \
	--svg "$dir/bench-linux.svg" \
	--note "qemu64,vendor=GenuineIntel, -m 1G; Linux: ${linux_cmdline% -- *}"
