/* SPDX-License-Identifier: MIT */
/*
 * The robust futex list, Linux's x86-64 layout (<linux/futex.h>);
 * tests/host/test_uapi_robust_list.c checks it against the real header.
 *
 * A thread that holds robust mutexes keeps them on a list in its own
 * memory and tells the kernel where the head is (set_robust_list), so
 * that the kernel can mark them as abandoned when the thread dies. The
 * kernel only ever reads the list, and only at a thread's end.
 */
#ifndef UAPI_ROBUST_LIST_H
#define UAPI_ROBUST_LIST_H

struct robust_list {
	struct robust_list *next;
};

struct robust_list_head {
	struct robust_list list; /* the first entry, or the head */
	long futex_offset;	 /* from an entry to its futex word */
	struct robust_list *list_op_pending; /* being added or removed */
};

#endif
