/* SPDX-License-Identifier: MIT */
/*
 * Futexes (kernel/proc/futex.c): the futex(2) call, and the wake the kernel
 * itself makes when a thread that asked for CLONE_CHILD_CLEARTID ends.
 */
#ifndef KERNEL_FUTEX_H
#define KERNEL_FUTEX_H

#include <stdint.h>

/**
 * futex_wake - wake up to @n processes waiting on the futex word at user
 * address @uaddr of the current process (FUTEX_WAKE, not private)
 *
 * The thread-exit path calls it after writing 0 to the clear_child_tid
 * word, for pthread_join. Returns how many were woken, or -EINVAL
 * (unaligned) or -EFAULT (not a readable user address).
 */
int futex_wake(uint64_t uaddr, int n);

#endif
