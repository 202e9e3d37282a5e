/* SPDX-License-Identifier: MIT */
/* The kernel's own page tables (kernel/mm/paging.c). */
#ifndef KERNEL_PAGING_H
#define KERNEL_PAGING_H

#include <stdint.h>

#include <kernel/const.h>

#include <kernel/multiboot2.h>

/* Physical memory the direct map covers at most (page tables are static). */
#define DIRECT_MAP_MAX (_UL(64) << 30)
#define DIRECT_MAP_MIN (_UL(4) << 30)

void paging_init(const struct boot_info *bi);

/**
 * paging_lookup - the leaf entry mapping @va in the current page tables
 * @va:   virtual address
 * @size: set to the page size of the mapping (4 KiB, 2 MiB or 1 GiB)
 *
 * Returns the entry, or 0 when @va is not mapped.
 */
uint64_t paging_lookup(uint64_t va, uint64_t *size);

/*
 * Kernel stacks of processes and threads (kernel/mm/paging.c): slot i is
 * GUARDED_STACK_SIZE bytes at KSTACK_REGION + i * GUARDED_STACK_SIZE, its
 * first page never mapped. Slots are address space (1 GiB of it); the
 * pages and page tables are allocated when a thread is made.
 */
#define KSTACK_SLOTS 49152
uint64_t kstack_alloc(unsigned int *slot); /* top of stack, or 0 */
void kstack_free(unsigned int slot);

/* The framebuffer, mapped write-combining (kernel/drivers/fbcon.c). */
#define FB_MAX_SIZE (_UL(64) << 20)
void *paging_map_framebuffer(uint64_t phys, uint64_t size);

extern uint64_t direct_map_size;
/* Physical address of the kernel's PML4, the CR3 of kernel threads. */
extern uint64_t kernel_pml4_phys;

#endif
