#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Boot an ISO in Bochs, headless, with COM1 written to a file.
#
#   sh tools/run-bochs.sh ISO SERIAL_LOG [CPU_MODEL] [TIMEOUT_SECONDS]
#
# CPU_MODEL is a name from `bochs --help cpu` (default corei7_skylake_x,
# an Intel CPU; ryzen for AMD). TIMEOUT_SECONDS defaults to 120. Next to
# SERIAL_LOG (say x.log) it leaves x.bochsrc (`bochs -q -f x.bochsrc` boots
# the same machine again, in Bochs' debugger), x.bochs.log (Bochs' own
# log) and x.bochs.out (its stdout and stderr).
#
# Bochs' exit status says nothing about the guest: the kernel ends it by
# writing "Shutdown" to port 0x8900, which exits with status 1 like any
# Bochs panic does. So the verdict comes from the serial log, which Bochs
# flushes after every byte. This script exits 0 when Bochs ended by
# itself, 124 when it was stopped at the timeout, 2 on bad arguments, and
# prints the message Bochs exited with on stderr.
#
# How it runs headless, as checked with Debian 12's bochs 2.7:
# - Display: the build has no "nogui" library ("display library 'nogui'
#   not available"); x, sdl2, term and wx come in the packages bochs-x,
#   bochs-sdl, bochs-term and bochs-wx and need an X server or a terminal.
#   rfb (a VNC server) is part of the bochs package itself, and with
#   timeout=0 it does not wait for a client. It only listens, on the first
#   free TCP port from 5900 to 5949, so parallel runs work (up to 50 at a
#   time; after that Bochs stops with "RFB could not bind any port").
# - Sound: with no sound card the ALSA driver Bochs loads by default
#   aborts it ("buffer overflow detected"): use the dummy driver and no
#   PC speaker.
# - Debugger: the build has Bochs' internal debugger and stops at the
#   first instruction, so -rc gives it the command "c" (continue). stdin
#   is /dev/null: should the debugger prompt come back, it reads EOF and
#   quits instead of waiting.
# - A triple fault stops Bochs (reset_on_triple_fault=0, like QEMU's
#   -no-reboot) instead of booting again until the timeout.
set -eu

usage() {
	echo "usage: $0 ISO SERIAL_LOG [CPU_MODEL] [TIMEOUT_SECONDS]" >&2
	exit 2
}

if [ $# -lt 2 ] || [ $# -gt 4 ]; then
	usage
fi
iso=$1
serial=$2
cpu=${3:-corei7_skylake_x}
limit=${4:-120}

case $limit in
'' | *[!0-9]*) usage ;;
esac
case $cpu in
'' | *[!A-Za-z0-9_]*) usage ;;
esac
if [ ! -f "$iso" ]; then
	echo "run-bochs: no such ISO: $iso" >&2
	exit 2
fi
for tool in bochs timeout; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "run-bochs: $tool is missing (run: sh tools/setup.sh test)" >&2
		exit 2
	fi
done

mkdir -p "$(dirname "$serial")"
iso=$(realpath "$iso")
serial=$(realpath -m "$serial")
# bochsrc values end at a comma or a space.
case "$iso$serial" in
*[,\ \"]*)
	echo "run-bochs: paths with a comma, space or quote do not work in a bochsrc" >&2
	exit 2
	;;
esac

base=${serial%.log}
rc=$base.bochsrc
cmds=$base.bochs-cmds
log=$base.bochs.log
out=$base.bochs.out
rm -f "$serial" "$log" "$out"

cat > "$rc" <<EOF
# Written by tools/run-bochs.sh
display_library: rfb, options="timeout=0"
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
megs: 256
cpu: model=$cpu, reset_on_triple_fault=0
ata0-master: type=cdrom, path=$iso, status=inserted
boot: cdrom
com1: enabled=1, mode=file, dev=$serial
sound: driver=dummy
speaker: enabled=0
log: $log
panic: action=fatal
error: action=report
EOF
echo c > "$cmds"

status=0
# timeout sends SIGTERM, then SIGKILL 5 s later if Bochs is still there.
timeout -k 5 "$limit" bochs -q -f "$rc" -rc "$cmds" </dev/null >"$out" 2>&1 || status=$?
rm -f "$cmds"

# The line after the banner, e.g. "[UNMAP ] Shutdown port: shutdown requested".
why=$(sed -n '/^Bochs is exiting with the following message:/{n;p;q;}' "$out")
case $status in
124 | 137)
	echo "run-bochs: timeout: Bochs was stopped after $limit s" >&2
	exit 124
	;;
esac
echo "run-bochs: Bochs exited (status $status): ${why:-no exit message, see $out}" >&2
exit 0
