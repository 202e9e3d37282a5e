// SPDX-License-Identifier: MIT
/*
 * tests/host/test_uapi_futex.c - include/uapi/futex.h against the build
 * machine's <linux/futex.h> (Debian's linux-libc-dev).
 *
 *   gcc -std=gnu11 -Wall -Wextra -Werror -O2 -I include \
 *       tests/host/test_uapi_futex.c -o /tmp/t && /tmp/t
 *
 * As in test_uapi_mman.c: Linux's header comes first, its values are
 * copied into linux_* constants and #undef'd, then ours is included and
 * each pair compared. One line: "[OK] uapi: futex" or "[FAIL] ...".
 */
#include <linux/futex.h>

#include <stdio.h>

/* clang-format off */
#define CONSTANTS(X) \
	X(FUTEX_WAIT) X(FUTEX_WAKE) X(FUTEX_FD) X(FUTEX_REQUEUE) \
	X(FUTEX_CMP_REQUEUE) X(FUTEX_WAKE_OP) X(FUTEX_LOCK_PI) \
	X(FUTEX_UNLOCK_PI) X(FUTEX_TRYLOCK_PI) X(FUTEX_WAIT_BITSET) \
	X(FUTEX_WAKE_BITSET) X(FUTEX_WAIT_REQUEUE_PI) \
	X(FUTEX_CMP_REQUEUE_PI) X(FUTEX_LOCK_PI2) \
	X(FUTEX_PRIVATE_FLAG) X(FUTEX_CLOCK_REALTIME) X(FUTEX_CMD_MASK) \
	X(FUTEX_WAIT_PRIVATE) X(FUTEX_WAKE_PRIVATE) \
	X(FUTEX_WAIT_BITSET_PRIVATE) X(FUTEX_WAKE_BITSET_PRIVATE) \
	X(FUTEX_BITSET_MATCH_ANY)
/* clang-format on */

#define LINUX_VALUE(n) static const long linux_##n = (long)(n);
CONSTANTS(LINUX_VALUE)

#undef FUTEX_WAIT
#undef FUTEX_WAKE
#undef FUTEX_FD
#undef FUTEX_REQUEUE
#undef FUTEX_CMP_REQUEUE
#undef FUTEX_WAKE_OP
#undef FUTEX_LOCK_PI
#undef FUTEX_UNLOCK_PI
#undef FUTEX_TRYLOCK_PI
#undef FUTEX_WAIT_BITSET
#undef FUTEX_WAKE_BITSET
#undef FUTEX_WAIT_REQUEUE_PI
#undef FUTEX_CMP_REQUEUE_PI
#undef FUTEX_LOCK_PI2
#undef FUTEX_PRIVATE_FLAG
#undef FUTEX_CLOCK_REALTIME
#undef FUTEX_CMD_MASK
#undef FUTEX_WAIT_PRIVATE
#undef FUTEX_WAKE_PRIVATE
#undef FUTEX_WAIT_BITSET_PRIVATE
#undef FUTEX_WAKE_BITSET_PRIVATE
#undef FUTEX_BITSET_MATCH_ANY

#include <uapi/futex.h>

int main(void)
{
	int bad = 0;

#define COMPARE(n)                                                             \
	if ((long)(n) != linux_##n) {                                          \
		printf("# %s: ours %ld, Linux's %ld\n", #n, (long)(n),         \
		       linux_##n);                                             \
		bad++;                                                         \
	}
	CONSTANTS(COMPARE)
	if (bad)
		printf("[FAIL] uapi: futex (%d values differ)\n", bad);
	else
		printf("[OK] uapi: futex\n");
	return bad != 0;
}
