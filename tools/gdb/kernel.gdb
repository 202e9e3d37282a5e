# SPDX-License-Identifier: MIT
# gdb set-up for this kernel, used by `make debug` (tools/debug.sh) and by
# the gdb test in tests/run.py. Load it before connecting:
#
#   gdb -x tools/gdb/kernel.gdb -ex 'target remote :1234' build/kernel.elf
#
# The CPU starts in 16- and 32-bit modes and the kernel only reaches 64-bit
# code later. QEMU's x86-64 gdb stub always sends 64-bit registers, so gdb
# must think "x86-64" from the start; otherwise it fails with "Remote 'g'
# packet reply is too long". Breakpoints on kernel code go in as hardware
# breakpoints (hbreak): when gdb connects, the higher-half kernel is not
# mapped yet, and a software breakpoint could not be written there.
set architecture i386:x86-64
set disassembly-flavor att
set confirm off

# "kstart": run to the kernel's C entry and stop there.
define kstart
  hbreak kmain
  continue
  delete
end
document kstart
Continue until kmain, the first C function of the kernel (64-bit, higher half).
end
