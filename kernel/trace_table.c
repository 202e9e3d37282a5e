// SPDX-License-Identifier: MIT
/*
 * What the kernel knows about each Linux system call: its name (from
 * include/uapi/linux_syscalls.h).
 */
#include <stddef.h>

#include <kernel/trace.h>

static const char *const linux_names[] = {
#define LINUX_SYSCALL(nr, name) [nr] = #name,
#include <uapi/linux_syscalls.h>
#undef LINUX_SYSCALL
};

#define NR_LINUX (sizeof(linux_names) / sizeof(linux_names[0]))

/**
 * linux_syscall_name - Linux's x86-64 name of system call @nr
 *
 * Returns "read" for 0, "rt_sigreturn" for 15, ... and NULL for a number
 * Linux does not have (335-423, and everything past the last).
 */
const char *linux_syscall_name(uint64_t nr)
{
	return nr < NR_LINUX ? linux_names[nr] : NULL;
}
