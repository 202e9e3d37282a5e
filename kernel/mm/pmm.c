// SPDX-License-Identifier: MIT
/*
 * The physical page allocator.
 *
 * Every 4 KiB page that the multiboot2 memory map calls available goes on
 * a free list, except the pages that are already in use: the first 1 MiB
 * (real-mode and BIOS data), the kernel image, the boot information and
 * the boot modules. The list runs through the free pages themselves,
 * reached through the direct map.
 *
 * Each page also has a count of its users (page_refs[], one 32-bit
 * word per page frame up to the highest free page, carved out of free
 * RAM at boot, as Linux's mem_map is): alloc_page() hands a page out
 * with one user, and a private user page that fork shares between two
 * page tables (copy-on-write, kernel/mm/vm.c) gets one more per table
 * with page_get(); page_put() frees it with its last user. Pages that
 * never came from the free list (the kernel image, the boot modules,
 * the first 1 MiB) keep a count of 0 and can be neither counted nor
 * freed. One CPU and no interrupts in the kernel: no locking yet.
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
static uint32_t *page_refs; /* users of each page frame */
static uint64_t page_frames; /* how many page_refs[] counts */

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

/* Put @phys on the free list. */
static void push_free(uint64_t phys)
{
	struct free_page *p = PHYS_TO_VIRT(phys);

	p->next = free_list;
	free_list = p;
	free_count++;
}

/* The end of the highest available page the allocator can reach. */
static uint64_t ram_end(const struct boot_info *bi)
{
	uint64_t top = 0;

	for (unsigned int i = 0; i < bi->mmap_count; i++) {
		const struct boot_mmap_entry *e = &bi->mmap[i];
		uint64_t end = (e->base + e->length) & ~(PAGE_SIZE - 1);

		if (e->type == MB2_MMAP_AVAILABLE && end > top)
			top = end;
	}
	return top < direct_map_size ? top : direct_map_size;
}

/* @size bytes of available RAM, page-aligned, that overlap none of
 * @used, for the page counts; panics if there are none. */
static uint64_t carve(const struct boot_info *bi, uint64_t size,
		      const struct range *used, size_t n)
{
	for (unsigned int i = 0; i < bi->mmap_count; i++) {
		const struct boot_mmap_entry *e = &bi->mmap[i];
		uint64_t at = (e->base + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
		uint64_t end = (e->base + e->length) & ~(PAGE_SIZE - 1);
		bool moved = true;

		if (e->type != MB2_MMAP_AVAILABLE)
			continue;
		if (at < LOW_MEMORY_END)
			at = LOW_MEMORY_END;
		if (end > direct_map_size)
			end = direct_map_size;
		/* Step past every used range in the way, until none is. */
		while (moved && at + size <= end) {
			moved = false;
			for (size_t j = 0; j < n; j++) {
				if (overlaps(at, at + size, &used[j])) {
					at = (used[j].end + PAGE_SIZE - 1) &
					     ~(PAGE_SIZE - 1);
					moved = true;
				}
			}
		}
		if (!moved && at + size <= end)
			return at;
	}
	panic("pmm: no room for %lu bytes of page counts", size);
}

/**
 * pmm_init - put every free page of RAM on the free list
 * @bi: the boot information: the memory map, the modules and where the
 *      boot information itself lies, all of which stay untouched
 */
void pmm_init(const struct boot_info *bi)
{
	struct range used[3 + BOOT_MODULES_MAX];
	uint64_t refs_size, refs_at;
	size_t n = 0;

	used[n++] = (struct range){ 0, KERNEL_VIRT_TO_PHYS(__kernel_end) };
	used[n++] = (struct range){ bi->mbi_phys, bi->mbi_phys + bi->mbi_size };
	for (unsigned int i = 0; i < bi->module_count; i++)
		used[n++] = (struct range){ bi->modules[i].start,
					    bi->modules[i].end };
	page_frames = ram_end(bi) / PAGE_SIZE;
	refs_size = (page_frames * sizeof(*page_refs) + PAGE_SIZE - 1) &
		    ~(PAGE_SIZE - 1);
	refs_at = carve(bi, refs_size, used, n);
	used[n++] = (struct range){ refs_at, refs_at + refs_size };
	page_refs = PHYS_TO_VIRT(refs_at);
	memset(page_refs, 0, refs_size);

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
			push_free(pa);
			total_count++;
		}
	}
	printk("memory: %lu pages (%lu KiB) free for allocation\n", free_count,
	       free_count * PAGE_SIZE / 1024);
}

/* A page off the free list, with one user and whatever it held; 0 if
 * none is left (page 0 is never handed out, so 0 cannot be a page). */
static uint64_t take_page(void)
{
	struct free_page *p = free_list;
	uint64_t phys;

	if (!p)
		return 0;
	free_list = p->next;
	free_count--;
	phys = (uint64_t)p - PHYS_MAP_BASE;
	page_refs[phys / PAGE_SIZE] = 1;
	return phys;
}

/* The count of @phys, which must be a page the allocator hands out. */
static uint32_t *refs_of(uint64_t phys, const char *who)
{
	if (phys % PAGE_SIZE || phys < LOW_MEMORY_END ||
	    phys / PAGE_SIZE >= page_frames)
		panic("%s: %#lx is not an allocatable page", who, phys);
	return &page_refs[phys / PAGE_SIZE];
}

/**
 * alloc_page - take a page off the free list
 *
 * Returns the physical address of a zeroed page with one user, or 0 when
 * none is left.
 */
uint64_t alloc_page(void)
{
	uint64_t phys = take_page();

	if (phys)
		page_zero(PHYS_TO_VIRT(phys));
	return phys;
}

/**
 * alloc_page_copy - a new page holding a copy of page @src (a
 * copy-on-write fault's), with one user; 0 when none is left
 */
uint64_t alloc_page_copy(uint64_t src)
{
	uint64_t phys = take_page();

	if (phys)
		page_copy(PHYS_TO_VIRT(phys), PHYS_TO_VIRT(src));
	return phys;
}

/**
 * free_page - give a page from alloc_page() back
 *
 * It must have exactly one user: freeing a page that a page table
 * still shares, or one already free, is a kernel bug.
 */
void free_page(uint64_t phys)
{
	uint32_t *refs = refs_of(phys, "free_page");

	if (*refs != 1)
		panic("free_page: page %#lx has %u users", phys, *refs);
	*refs = 0;
	push_free(phys);
}

/** page_get - one more user of @phys, a page in use */
void page_get(uint64_t phys)
{
	uint32_t *refs = refs_of(phys, "page_get");

	if (!*refs || *refs == UINT32_MAX)
		panic("page_get: page %#lx has %u users", phys, *refs);
	(*refs)++;
}

/** page_put - one user fewer of @phys; the last one frees it */
void page_put(uint64_t phys)
{
	uint32_t *refs = refs_of(phys, "page_put");

	if (*refs == 1)
		free_page(phys);
	else if (*refs)
		(*refs)--;
	else
		panic("page_put: page %#lx is free", phys);
}

/** page_users - how many users @phys has (1 for a page nobody shares) */
uint32_t page_users(uint64_t phys)
{
	return *refs_of(phys, "page_users");
}

uint64_t pmm_free_pages(void)
{
	return free_count;
}

uint64_t pmm_total_pages(void)
{
	return total_count;
}
