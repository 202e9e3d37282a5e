/* SPDX-License-Identifier: MIT */
/* The physical page allocator (kernel/pmm.c). */
#ifndef KERNEL_PMM_H
#define KERNEL_PMM_H

#include <stdint.h>

#include <kernel/multiboot2.h>

void pmm_init(const struct boot_info *bi);

/* A zeroed 4 KiB page, by physical address; 0 when memory is exhausted. */
uint64_t alloc_page(void);
void free_page(uint64_t phys);
uint64_t pmm_free_pages(void);
uint64_t pmm_total_pages(void);

#endif
