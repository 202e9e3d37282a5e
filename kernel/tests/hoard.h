/* SPDX-License-Identifier: MIT */
/*
 * Memory pressure for the tests: take the free pages, give them back.
 * The pages hold their own list: each one's first word is the next.
 */
#ifndef KERNEL_TESTS_HOARD_H
#define KERNEL_TESTS_HOARD_H

#include <stdint.h>

#include <kernel/mmu.h>
#include <kernel/pmm.h>

/* Take all free pages but @keep; give them back with give_back(). */
static inline uint64_t take_all_but(uint64_t keep)
{
	uint64_t head = 0, p;

	while (pmm_free_pages() > keep && (p = alloc_page())) {
		*(uint64_t *)PHYS_TO_VIRT(p) = head;
		head = p;
	}
	return head;
}

static inline void give_back(uint64_t head)
{
	while (head) {
		uint64_t next = *(uint64_t *)PHYS_TO_VIRT(head);

		free_page(head);
		head = next;
	}
}

#endif
