#!/bin/sh
# SPDX-License-Identifier: MIT
#
# `make debug`: boot the ISO in QEMU paused with its gdb stub, and attach
# gdb with the kernel's symbols, stopped at kmain.
#
# QEMU runs in the background; the kernel's serial output goes to
# build/debug-serial.log (watch it with `tail -f` in another terminal).
# Quitting gdb stops QEMU.  GDB_PORT=n picks another port (default 1234).
set -eu
kernel=$1
iso=$2
port=${GDB_PORT:-1234}
log=$(dirname "$kernel")/debug-serial.log
here=$(cd "$(dirname "$0")" && pwd)

qemu-system-x86_64 -cdrom "$iso" -boot d -m 256M \
	-cpu "${CPU:-qemu64,vendor=GenuineIntel}" -no-reboot \
	-display none -serial "file:$log" -gdb "tcp::$port" -S &
qemu=$!
trap 'kill $qemu 2>/dev/null || true' EXIT INT TERM

echo "debug: QEMU is paused (pid $qemu); serial output goes to $log"
echo "debug: gdb will stop at kmain. Try: bt, info registers, next, continue."
gdb -q -x "$here/gdb/kernel.gdb" \
	-ex "target remote localhost:$port" \
	-ex kstart \
	"$kernel"
