// SPDX-License-Identifier: MIT
/*
 * The kernel's page tables, replacing the boot stub's.
 *
 * The boot stub maps the first 1 GiB with large writable, executable
 * pages, three times over. Here the kernel builds tables that say what
 * each part of it is for:
 *
 *   kernel image at KERNEL_VMA, 4 KiB pages, W^X:
 *     .text            present                 (read, execute)
 *     .rodata, .ksyms  present, NX             (read only)
 *     .data, .bss      present, writable, NX   (read, write)
 *     guard pages      not present             (below every kernel stack)
 *   direct map at PHYS_MAP_BASE: all RAM (at least the first 4 GiB),
 *     2 MiB pages, writable, NX
 *   identity map: gone. The boot stub and the boot loader's memory are
 *     reached through the direct map from now on.
 *
 * These tables come from a static pool: they are made before the page
 * allocator exists.
 */
#include <stdbool.h>
#include <stddef.h>

#include <kernel/console.h>
#include <kernel/io.h>
#include <kernel/mmu.h>
#include <kernel/msr.h>
#include <kernel/panic.h>
#include <kernel/paging.h>
#include <kernel/pmm.h>
#include <kernel/stack.h>
#include <lib/string.h>

/* 4 tables for the image, 1 + DIRECT_MAP_MAX / 1 GiB for the direct map. */
#define PT_POOL_PAGES 128

static uint64_t pt_pool[PT_POOL_PAGES][512]
	__attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static unsigned int pt_pool_used;
static uint64_t *kernel_pml4;
static uint64_t *kstack_pd; /* the kernel-stack region's page directory */
uint64_t direct_map_size;
uint64_t kernel_pml4_phys;

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[],
	__data_start[], __bss_end[];

static uint64_t *alloc_table(void)
{
	if (pt_pool_used == PT_POOL_PAGES)
		panic("paging: static page-table pool exhausted");
	return pt_pool[pt_pool_used++]; /* .bss: already zero */
}

/* Upper levels allow everything; the leaf entry decides. */
static uint64_t *next_table(uint64_t *table, unsigned int index)
{
	if (!(table[index] & PTE_PRESENT)) {
		uint64_t *t = alloc_table();
		table[index] = KERNEL_VIRT_TO_PHYS(t) | PTE_PRESENT | PTE_WRITE;
	}
	if (table[index] & PTE_PS)
		panic("paging: large page where a table was expected");
	return PHYS_TO_VIRT(table[index] & PTE_ADDR_MASK);
}

static void map_page(uint64_t va, uint64_t pa, uint64_t flags)
{
	uint64_t *pdpt = next_table(kernel_pml4, PML4_INDEX(va));
	uint64_t *pd = next_table(pdpt, PDPT_INDEX(va));
	uint64_t *pt = next_table(pd, PD_INDEX(va));

	pt[PT_INDEX(va)] = pa | flags;
}

static void map_large_page(uint64_t va, uint64_t pa, uint64_t flags)
{
	uint64_t *pdpt = next_table(kernel_pml4, PML4_INDEX(va));
	uint64_t *pd = next_table(pdpt, PDPT_INDEX(va));

	pd[PD_INDEX(va)] = pa | flags | PTE_PS;
}

static void map_kernel_range(const char *start, const char *end,
			     uint64_t flags)
{
	for (uint64_t va = (uint64_t)start; va < (uint64_t)end; va += PAGE_SIZE)
		map_page(va, KERNEL_VIRT_TO_PHYS(va), flags);
}

static bool is_guard_page(uint64_t va)
{
	uint64_t start = (uint64_t)__stacks_start;

	return va >= start && va < (uint64_t)__stacks_end &&
	       (va - start) % GUARDED_STACK_SIZE == 0;
}

/* How much physical memory to direct-map: all RAM the firmware reports,
 * at least 4 GiB (the VGA buffer, ACPI tables and the boot loader's data
 * live there), at most DIRECT_MAP_MAX. */
static uint64_t direct_map_extent(const struct boot_info *bi)
{
	uint64_t end = DIRECT_MAP_MIN;

	for (unsigned int i = 0; i < bi->mmap_count; i++) {
		const struct boot_mmap_entry *e = &bi->mmap[i];
		uint64_t e_end = e->base + e->length;

		if (e->type == MB2_MMAP_AVAILABLE && e_end > end)
			end = e_end;
	}
	if (end > DIRECT_MAP_MAX) {
		printk("paging: RAM above %lu GiB is not mapped\n",
		       DIRECT_MAP_MAX >> 30);
		end = DIRECT_MAP_MAX;
	}
	return (end + LARGE_PAGE_SIZE - 1) & ~(LARGE_PAGE_SIZE - 1);
}

/**
 * paging_init - switch to the kernel's own page tables
 * @bi: the parsed boot information (for the size of RAM)
 */
void paging_init(const struct boot_info *bi)
{
	kernel_pml4 = alloc_table();

	map_kernel_range(__text_start, __text_end, PTE_PRESENT);
	map_kernel_range(__rodata_start, __rodata_end, PTE_PRESENT | PTE_NX);
	for (uint64_t va = (uint64_t)__data_start; va < (uint64_t)__bss_end;
	     va += PAGE_SIZE) {
		if (!is_guard_page(va))
			map_page(va, KERNEL_VIRT_TO_PHYS(va),
				 PTE_PRESENT | PTE_WRITE | PTE_NX);
	}

	/* The kernel-stack region's page directory, made now: every address
	 * space copies the kernel's PML4 entries, so they all share it and
	 * see the page tables kstack_alloc() hangs in it later. */
	kstack_pd = next_table(next_table(kernel_pml4, PML4_INDEX(KSTACK_REGION)),
			       PDPT_INDEX(KSTACK_REGION));

	direct_map_size = direct_map_extent(bi);
	for (uint64_t pa = 0; pa < direct_map_size; pa += LARGE_PAGE_SIZE) {
		/* The framebuffer gets its own write-combining mapping; one page
		 * must not be mapped with two memory types (SDM Vol. 3A,
		 * 12.12.4), so the direct map leaves it out. */
		if (bi->fb.present && bi->fb.type == MB2_FB_TYPE_RGB &&
		    pa < bi->fb.addr + (uint64_t)bi->fb.pitch * bi->fb.height &&
		    bi->fb.addr < pa + LARGE_PAGE_SIZE)
			continue;
		map_large_page(PHYS_MAP_BASE + pa, pa,
			       PTE_PRESENT | PTE_WRITE | PTE_NX);
	}

	kernel_pml4_phys = KERNEL_VIRT_TO_PHYS(kernel_pml4);
	write_cr3(kernel_pml4_phys);
}

uint64_t paging_lookup(uint64_t va, uint64_t *size)
{
	const uint64_t *table = PHYS_TO_VIRT(read_cr3() & PTE_ADDR_MASK);
	static const unsigned int shifts[] = { 39, 30, 21, 12 };

	for (unsigned int level = 0; level < 4; level++) {
		uint64_t e = table[(va >> shifts[level]) & 511];

		if (!(e & PTE_PRESENT))
			return 0;
		if (level == 3 || (level >= 1 && (e & PTE_PS))) {
			*size = 1ul << shifts[level];
			return e;
		}
		table = PHYS_TO_VIRT(e & PTE_ADDR_MASK);
	}
	return 0;
}

/*
 * Kernel stacks of processes and threads, made when a thread is made.
 *
 * The region at KSTACK_REGION is cut into KSTACK_SLOTS slots of
 * GUARDED_STACK_SIZE bytes; a slot's first page is never mapped (the
 * guard), the rest get fresh pages. The slots are address space only:
 * memory, not the number of slots, limits how many threads there are.
 * The lowest free slot is taken, so the stacks stay packed into few page
 * tables; a page table is made when its first stack comes and freed when
 * its last one goes, so an idle kernel holds no memory for stacks.
 */
#define KSTACK_PAGES (GUARDED_STACK_SIZE / PAGE_SIZE)
#define KSTACK_PTS (KSTACK_SLOTS * KSTACK_PAGES / 512 + 1)

_Static_assert((uint64_t)KSTACK_SLOTS * GUARDED_STACK_SIZE <= (1ul << 30),
	       "the kernel-stack region is one page directory (1 GiB)");

static uint64_t kstack_busy[(KSTACK_SLOTS + 63) / 64]; /* one bit a slot */
static uint16_t kstack_pt_used[KSTACK_PTS]; /* pages mapped in each table */

static uint64_t kstack_base(unsigned int slot)
{
	return KSTACK_REGION + (uint64_t)slot * GUARDED_STACK_SIZE;
}

/* The page table for @va: made if @create, else NULL when there is none. */
static uint64_t *kstack_pt(uint64_t va, bool create)
{
	uint64_t *pde = &kstack_pd[PD_INDEX(va)];

	if (!(*pde & PTE_PRESENT)) {
		uint64_t page = create ? alloc_page() : 0;

		if (!page)
			return NULL;
		*pde = page | PTE_PRESENT | PTE_WRITE;
	}
	return PHYS_TO_VIRT(*pde & PTE_ADDR_MASK);
}

/* Unmap and free the stack pages of @slot; then its empty tables. */
static void kstack_unmap(unsigned int slot)
{
	uint64_t base = kstack_base(slot);
	bool table_freed = false;

	for (uint64_t va = base + PAGE_SIZE; va < base + GUARDED_STACK_SIZE;
	     va += PAGE_SIZE) {
		unsigned int t = (unsigned int)((va - KSTACK_REGION) >> 21);
		uint64_t *pt = kstack_pt(va, false), *pte;

		if (!pt || !(pt[PT_INDEX(va)] & PTE_PRESENT))
			continue;
		pte = &pt[PT_INDEX(va)];
		free_page(*pte & PTE_ADDR_MASK);
		*pte = 0;
		__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
		if (--kstack_pt_used[t] == 0) {
			free_page(kstack_pd[PD_INDEX(va)] & PTE_ADDR_MASK);
			kstack_pd[PD_INDEX(va)] = 0;
			table_freed = true;
		}
	}
	/* The CPU may cache the directory entry (Intel SDM Vol. 3A, 4.10.3):
	 * reloading CR3 drops every cached walk through the freed table. */
	if (table_freed)
		write_cr3(read_cr3());
}

/**
 * kstack_alloc - a new kernel stack with a guard page below it
 * @slot: set to its slot, for kstack_free()
 *
 * Returns the top of the stack, or 0 when memory (or, with tens of
 * thousands of threads, the region) ran out; then nothing stays taken.
 */
uint64_t kstack_alloc(unsigned int *slot)
{
	unsigned int s = 0;
	uint64_t base;

	while (s < KSTACK_SLOTS && kstack_busy[s / 64] == ~0ull)
		s += 64;
	while (s < KSTACK_SLOTS && (kstack_busy[s / 64] >> (s % 64) & 1))
		s++;
	if (s >= KSTACK_SLOTS)
		return 0;
	base = kstack_base(s);
	for (uint64_t va = base + PAGE_SIZE; va < base + GUARDED_STACK_SIZE;
	     va += PAGE_SIZE) {
		uint64_t *pt = kstack_pt(va, true);
		uint64_t page = pt ? alloc_page() : 0;

		if (!page) {
			kstack_unmap(s);
			return 0;
		}
		pt[PT_INDEX(va)] = page | PTE_PRESENT | PTE_WRITE | PTE_NX;
		kstack_pt_used[(va - KSTACK_REGION) >> 21]++;
	}
	kstack_busy[s / 64] |= 1ull << (s % 64);
	*slot = s;
	return base + GUARDED_STACK_SIZE;
}

/* Give back a stack from kstack_alloc(): its pages and its slot. */
void kstack_free(unsigned int slot)
{
	kstack_unmap(slot);
	kstack_busy[slot / 64] &= ~(1ull << (slot % 64));
}

/**
 * paging_map_framebuffer - map @size bytes of device memory at @phys to
 * FB_REGION, write-combining (PAT entry 1, see below), not executable
 *
 * Write-combining lets the CPU merge pixel writes into bursts; ordinary
 * write-back caching must not be used for a device. Returns the virtual
 * address, or NULL when the buffer is larger than FB_MAX_SIZE.
 */
void *paging_map_framebuffer(uint64_t phys, uint64_t size)
{
	uint64_t offset = phys & (PAGE_SIZE - 1);
	uint64_t flags = PTE_PRESENT | PTE_WRITE | PTE_NX | PTE_PWT;

	if (size > FB_MAX_SIZE)
		return NULL;
	/* IA32_PAT entry 1 (PWT=1, PCD=0, PAT=0) becomes WC; it is WT after
	 * reset, which nothing else here uses (Intel SDM Vol. 3A, 12.12). */
	wrmsr(MSR_IA32_PAT, (rdmsr(MSR_IA32_PAT) & ~(0xffull << 8)) |
				    (PAT_WC << 8));
	for (uint64_t off = 0; off < size + offset; off += PAGE_SIZE)
		map_page(FB_REGION + off, (phys - offset + off), flags);
	write_cr3(kernel_pml4_phys); /* flush: the region may have had entries */
	return (void *)(FB_REGION + offset);
}
