/* SPDX-License-Identifier: MIT */
/* What the kernel knows about Linux's system calls (kernel/trace_table.c). */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include <stdint.h>

/* Linux's x86-64 name of system call @nr, or NULL (kernel/trace_table.c). */
const char *linux_syscall_name(uint64_t nr);

#endif
