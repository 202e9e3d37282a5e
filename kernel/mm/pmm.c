// SPDX-License-Identifier: MIT
/*
 * The physical page allocator.
 *
 * Every 4 KiB page that the multiboot2 memory map calls available goes on
 * a free list, except the pages that are already in use: the first 1 MiB
 * (real-mode and BIOS data), the kernel image, the boot information and
 * the boot modules. The list runs through the free pages themselves,
 * reached through the direct map, so the allocator needs no memory of
 * its own. One CPU and no interrupts in the kernel: no locking yet.
 */
#include <stdbool.h>
#include <stddef.h>

#include <kernel/console.h>
#include <kernel/mmu.h>
#include <kernel/paging.h>
#include <kernel/panic.h>
#include <kernel/pmm.h>
#include <lib/string.h>

#define LOW_MEMORY_END 0x100000

struct free_page {
	struct free_page *next;
};

static struct free_page *free_list;
static uint64_t free_count, total_count;

extern char __kernel_end[];

struct range {
	uint64_t start, end;
};

static bool overlaps(uint64_t start, uint64_t end, const struct range *r)
{
	return start < r->end && r->start < end;
}

static bool page_in_use(uint64_t pa, const struct range *used, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (overlaps(pa, pa + PAGE_SIZE, &used[i]))
			return true;
	return false;
}

/**
 * pmm_init - put every free page of RAM on the free list
 * @bi: the boot information: the memory map, the modules and where the
 *      boot information itself lies, all of which stay untouched
 */
void pmm_init(const struct boot_info *bi)
{
	struct range used[2 + BOOT_MODULES_MAX];
	size_t n = 0;

	used[n++] = (struct range){ 0, KERNEL_VIRT_TO_PHYS(__kernel_end) };
	used[n++] = (struct range){ bi->mbi_phys, bi->mbi_phys + bi->mbi_size };
	for (unsigned int i = 0; i < bi->module_count; i++)
		used[n++] = (struct range){ bi->modules[i].start,
					    bi->modules[i].end };

	for (unsigned int i = 0; i < bi->mmap_count; i++) {
		const struct boot_mmap_entry *e = &bi->mmap[i];
		uint64_t start = (e->base + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
		uint64_t end = (e->base + e->length) & ~(PAGE_SIZE - 1);

		if (e->type != MB2_MMAP_AVAILABLE)
			continue;
		if (start < LOW_MEMORY_END)
			start = LOW_MEMORY_END;
		if (end > direct_map_size)
			end = direct_map_size; /* unreachable without a mapping */
		for (uint64_t pa = start; pa < end; pa += PAGE_SIZE) {
			if (page_in_use(pa, used, n))
				continue;
			free_page(pa);
			total_count++;
		}
	}
	printk("memory: %lu pages (%lu KiB) free for allocation\n", free_count,
	       free_count * PAGE_SIZE / 1024);
}

/**
 * alloc_page - take a page off the free list
 *
 * Returns the physical address of a zeroed page, or 0 when none is left
 * (page 0 is never handed out, so 0 cannot be a page).
 */
uint64_t alloc_page(void)
{
	struct free_page *p = free_list;

	if (!p)
		return 0;
	free_list = p->next;
	free_count--;
	page_zero(p);
	return (uint64_t)p - PHYS_MAP_BASE;
}

/** free_page - give a page from alloc_page() back */
void free_page(uint64_t phys)
{
	struct free_page *p = PHYS_TO_VIRT(phys);

	if (phys % PAGE_SIZE || phys < LOW_MEMORY_END || phys >= direct_map_size)
		panic("free_page: %#lx is not an allocatable page", phys);
	p->next = free_list;
	free_list = p;
	free_count++;
}

uint64_t pmm_free_pages(void)
{
	return free_count;
}

uint64_t pmm_total_pages(void)
{
	return total_count;
}
