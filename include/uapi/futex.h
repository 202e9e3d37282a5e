/* SPDX-License-Identifier: MIT */
/*
 * futex(2): Linux's operation numbers and flags (<linux/futex.h>), shared
 * by kernel/proc/futex.c and the test programs, and checked against the build
 * machine's Linux headers by tests/host/test_uapi_futex.c.
 *
 * The operation is the command in the low bits, with two flags on top.
 * This kernel does WAIT, WAKE, WAIT_BITSET and WAKE_BITSET; the other
 * commands are named so that the trace and the tests can say which they
 * are, and fail with ENOSYS (docs/syscalls.md, "Futexes").
 */
#ifndef UAPI_FUTEX_H
#define UAPI_FUTEX_H

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_FD 2
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_LOCK_PI 6
#define FUTEX_UNLOCK_PI 7
#define FUTEX_TRYLOCK_PI 8
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI 12
#define FUTEX_LOCK_PI2 13

/* The word is used by one process only (threads): Linux keys it by the
 * address space and address; here it changes nothing (see kernel/proc/futex.c). */
#define FUTEX_PRIVATE_FLAG 128
/* An absolute timeout of WAIT_BITSET is on CLOCK_REALTIME, not MONOTONIC. */
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE (FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)

/* The bitset of plain WAIT and WAKE: every waiter matches every waker. */
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

#endif
