/* SPDX-License-Identifier: MIT */
/* The physical page allocator (kernel/mm/pmm.c). */
#ifndef KERNEL_PMM_H
#define KERNEL_PMM_H

#include <stdint.h>

#include <kernel/multiboot2.h>

void pmm_init(const struct boot_info *bi);

/* A zeroed 4 KiB page with one user, by physical address; 0 when memory
 * is exhausted. free_page() takes back a page with one user. */
uint64_t alloc_page(void);
void free_page(uint64_t phys);
/* A new page (one user) holding a copy of page @src; 0 when exhausted. */
uint64_t alloc_page_copy(uint64_t src);

/* Pages shared by several page tables (copy-on-write fork): one more
 * user, one fewer (the last frees the page), and how many there are. */
void page_get(uint64_t phys);
void page_put(uint64_t phys);
uint32_t page_users(uint64_t phys);
uint64_t pmm_free_pages(void);

/* Whole pages at a time, by kernel virtual address (rep stosq/movsq). */
static inline void page_zero(void *page)
{
	unsigned long n = 4096 / 8;

	__asm__ volatile("rep stosq" : "+D"(page), "+c"(n) : "a"(0) : "memory");
}

static inline void page_copy(void *dst, const void *src)
{
	unsigned long n = 4096 / 8;

	__asm__ volatile("rep movsq"
			 : "+D"(dst), "+S"(src), "+c"(n)
			 :
			 : "memory");
}
uint64_t pmm_total_pages(void);

#endif
