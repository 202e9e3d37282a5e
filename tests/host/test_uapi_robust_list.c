// SPDX-License-Identifier: MIT
/*
 * tests/host/test_uapi_robust_list.c - include/uapi/robust_list.h against
 * Linux's <linux/futex.h> (Debian's linux-libc-dev). set_robust_list
 * takes exactly sizeof(struct robust_list_head), so that size is ABI.
 *
 *   gcc -std=gnu11 -Wall -Wextra -Werror -O2 -I include \
 *       tests/host/test_uapi_robust_list.c -o /tmp/t && /tmp/t
 *
 * Prints "[OK] uapi: robust_list_head layout" or "[FAIL] ...".
 */
#include <linux/futex.h>

#include <stddef.h>
#include <stdio.h>

/* Ours under other tags, beside Linux's. */
#define robust_list our_robust_list
#define robust_list_head our_robust_list_head
#include <uapi/robust_list.h>
#undef robust_list
#undef robust_list_head

#define SAME_SIZE(ours, theirs)                                                \
	(sizeof(struct ours) == sizeof(struct theirs) ||                       \
	 (printf("  sizeof %s %zu, Linux %zu\n", #ours, sizeof(struct ours),   \
		 sizeof(struct theirs)),                                       \
	  0))
#define SAME_FIELD(ours, theirs, f)                                            \
	((offsetof(struct ours, f) == offsetof(struct theirs, f) &&            \
	  sizeof(((struct ours *)0)->f) == sizeof(((struct theirs *)0)->f)) || \
	 (printf("  %s.%s differs\n", #ours, #f), 0))

int main(void)
{
	int bad =
	    !SAME_SIZE(our_robust_list, robust_list) +
	    !SAME_FIELD(our_robust_list, robust_list, next) +
	    !SAME_SIZE(our_robust_list_head, robust_list_head) +
	    !SAME_FIELD(our_robust_list_head, robust_list_head, list) +
	    !SAME_FIELD(our_robust_list_head, robust_list_head, futex_offset) +
	    !SAME_FIELD(our_robust_list_head, robust_list_head,
			list_op_pending) +
	    (sizeof(struct our_robust_list_head) != 24 &&
	     printf("  not 24 bytes: set_robust_list's length\n"));

	printf("[%s] uapi: robust_list_head layout\n", bad ? "FAIL" : "OK");
	return bad ? 1 : 0;
}
