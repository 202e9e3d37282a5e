/* SPDX-License-Identifier: MIT */
/*
 * The system call ABI shared by the kernel and user space. docs/syscalls.md
 * explains it with diagrams.
 *
 * Every entry takes the number in RAX and returns the result in RAX: a
 * non-negative value, or -errno (include/uapi/errno.h). All 64 bits of RAX
 * are the number: a value with any of bits 63:32 set is simply out of
 * range and fails with -ENOSYS (Linux instead ignores bits 63:32).
 *
 *   entry      instruction  arguments 1..6              clobbered
 *   SYSCALL    syscall      rdi rsi rdx r10 r8 r9       rax rcx r11
 *   int 0x80   int $0x80    rdi rsi rdx r10 r8 r9       rax
 *   SYSENTER   sysenter     rdi rsi r11 r10 r8 r9       rax (rcx, rdx: see below)
 *
 * SYSENTER saves no user state, so the caller passes its return address
 * in RDX and its stack pointer in RCX (the convention of the design this
 * kernel grew from); the third argument moves to R11 to make room. Both
 * come back unchanged. SYSENTER works in 64-bit mode on Intel CPUs only;
 * ask with syscall_entries() (via int 0x80, which always works) first.
 */
#ifndef UAPI_SYSCALL_H
#define UAPI_SYSCALL_H

#define __NR_PRIVATE_BASE 1024

/* Bits returned by syscall_entries(). */
#define SYSCALL_ENTRY_SYSENTER 0x1
#define SYSCALL_ENTRY_INT80 0x2
#define SYSCALL_ENTRY_SYSCALL 0x4

#define SYSCALL_INT_VECTOR 0x80

/* execve: at most this many argument and environment strings together,
 * argv[0] included, and this many bytes of them, NULs included (else
 * E2BIG). Linux allows a quarter of the stack limit, 2 MiB by default;
 * shells hand a command line of a $(seq 1 20000) or a long glob to a
 * program, so these are not much smaller (the busybox group's big-args).
 * execve copies the strings into a static buffer of this size first. */
#define EXEC_MAX_STRINGS 32768
#define EXEC_ARG_BYTES (256 * 1024)

#ifndef __ASSEMBLER__
#include <uapi/poll.h>
#include <uapi/resource.h>
#include <uapi/robust_list.h>
#include <uapi/time.h>
#include <uapi/wait.h>

enum {
#define SYSCALL(nr, name) __NR_##name = nr,
#include <uapi/syscall_list.h>
#undef SYSCALL
};

/* One more than the highest number in the list. */
#define NR_SYSCALLS (__NR_PRIVATE_BASE + 8)

/* writev(2) */
struct iovec {
	void *iov_base;
	unsigned long iov_len;
};
#define IOV_MAX 1024

/* uname(2), Linux's layout: six fields of 65 bytes. */
#define UTSNAME_LENGTH 65
struct utsname {
	char sysname[UTSNAME_LENGTH];
	char nodename[UTSNAME_LENGTH];
	char release[UTSNAME_LENGTH];
	char version[UTSNAME_LENGTH];
	char machine[UTSNAME_LENGTH];
	char domainname[UTSNAME_LENGTH];
};
#endif

#endif
