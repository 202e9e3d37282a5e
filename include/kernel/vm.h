/* SPDX-License-Identifier: MIT */
/*
 * Address spaces for user programs (kernel/vm.c): a PML4 whose lower half
 * is the program's own and whose upper half is the kernel's, shared.
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <stdbool.h>
#include <stdint.h>

#include <kernel/mmu.h>

/*
 * The user stack: 8 pages below USER_STACK_TOP, with an unmapped guard
 * page below them. It sits 4 GiB below the end of the lower half, so a
 * program may still place code in the very last page (tests do: a
 * SYSCALL in the last bytes of user space returns to a non-canonical
 * address).
 */
#define USER_STACK_TOP (USER_SPACE_END - (_UL(1) << 32))
#define USER_STACK_PAGES 8
#define USER_STACK_BOTTOM (USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE)
/* Program segments stay out of [USER_STACK_GUARD, USER_STACK_TOP). */
#define USER_STACK_GUARD (USER_STACK_BOTTOM - PAGE_SIZE)
/* Nothing is mapped below this (catches NULL pointers). */
#define USER_MIN_ADDR 0x10000

struct address_space {
	uint64_t pml4_phys;
	uint64_t pages; /* pages mapped in the user half (not tables) */
};

/* Page-table flags for user mappings. */
#define VM_READ 0
#define VM_WRITE 1
#define VM_EXEC 2

bool vm_create(struct address_space *as);
void vm_destroy(struct address_space *as);
void vm_activate(const struct address_space *as);
void vm_activate_kernel(void);

/**
 * vm_map_new_page - map a fresh zeroed page at user address @va
 * Returns its physical address, or 0 when memory ran out or @va is
 * already mapped or not a user address.
 */
uint64_t vm_map_new_page(struct address_space *as, uint64_t va, int prot);

/* Unmap and free the page at user address @va, if one is mapped. */
void vm_unmap_page(struct address_space *as, uint64_t va);

/* Make @dst (empty, from vm_create) a copy of @src's user half, page by
 * page (no copy-on-write yet). False if memory ran out; then @dst holds
 * a partial copy that vm_destroy() frees. */
bool vm_clone(struct address_space *dst, const struct address_space *src);

/* The leaf entry for @va in @as, or 0. */
uint64_t vm_lookup(const struct address_space *as, uint64_t va);

#endif
