#!/bin/sh
# SPDX-License-Identifier: MIT
#
# `make bench`: boot the benchmark ISO under QEMU with -icount
# shift=0,sleep=off (the TSC then counts instructions, one per
# instruction), twice, and print the bench program's table. The two runs
# must agree exactly: the counts are deterministic. The real-time clock
# starts at a fixed date and follows the instruction count (-rtc), as in
# `make bench-linux` (tools/bench-linux.sh), whose flags are these.
#
# A second ISO (the same kernel booted with fpu=lazy) runs once more, for
# its "bench: fpu" row: eager and lazy FPU switching side by side.
set -eu
iso=$1
lazy_iso=${2:-}
dir=$(dirname "$iso")

run() {
	log=$1
	image=${2:-$iso}
	status=0
	timeout 300 qemu-system-x86_64 -cdrom "$image" -boot d -m 256M \
		-cpu qemu64,vendor=GenuineIntel -icount shift=0,sleep=off \
		-rtc base=2024-01-01T00:00:00,clock=vm \
		-no-reboot -display none -serial "file:$log" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 || status=$?
	# 33: the bench program exited 0 and the kernel powered off.
	if [ "$status" -ne 33 ]; then
		echo "bench: QEMU exited with status $status; see $log" >&2
		exit 1
	fi
	tr -d '\r' < "$log" | sed 's/\x1b\[[0-9;]*m//g' | grep '^bench: ' > "$log.table"
}

run "$dir/bench-1.log"
run "$dir/bench-2.log"
cat "$dir/bench-1.log.table"
if [ -n "$lazy_iso" ]; then
	run "$dir/bench-lazy.log" "$lazy_iso"
	grep '^bench: fpu ' "$dir/bench-lazy.log.table"
fi
if cmp -s "$dir/bench-1.log.table" "$dir/bench-2.log.table"; then
	echo "bench: two boots gave identical counts"
else
	echo "bench: the two boots differ:" >&2
	diff "$dir/bench-1.log.table" "$dir/bench-2.log.table" >&2 || true
	exit 1
fi
