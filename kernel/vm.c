// SPDX-License-Identifier: MIT
/*
 * User address spaces.
 *
 * Each one has its own PML4. Entries 256-511 (the upper, kernel half) are
 * copied from the kernel's PML4, so every address space sees the same
 * kernel; entries 0-255 lead to the program's own tables, all allocated
 * from the page allocator and all freed with it. User pages have PTE_USER
 * set at every level; kernel pages never do, so ring 3 cannot touch them.
 */
#include <kernel/io.h>
#include <kernel/paging.h>
#include <kernel/pmm.h>
#include <kernel/vm.h>
#include <lib/string.h>

#define USER_PML4_ENTRIES 256

static uint64_t *table_virt(uint64_t entry)
{
	return PHYS_TO_VIRT(entry & PTE_ADDR_MASK);
}

/** vm_create - a new, empty user address space; false if out of memory */
bool vm_create(struct address_space *as)
{
	uint64_t *pml4, *kernel = PHYS_TO_VIRT(kernel_pml4_phys);

	as->pages = 0;
	as->pml4_phys = alloc_page();
	if (!as->pml4_phys)
		return false;
	pml4 = PHYS_TO_VIRT(as->pml4_phys);
	for (unsigned int i = USER_PML4_ENTRIES; i < 512; i++)
		pml4[i] = kernel[i];
	return true;
}

/* Free a table and, below it, every table and page it leads to. */
static void free_level(uint64_t table_phys, int level, uint64_t *pages)
{
	uint64_t *t = PHYS_TO_VIRT(table_phys);
	unsigned int n = level == 4 ? USER_PML4_ENTRIES : 512;

	for (unsigned int i = 0; i < n; i++) {
		if (!(t[i] & PTE_PRESENT))
			continue;
		if (level == 1) {
			free_page(t[i] & PTE_ADDR_MASK);
			(*pages)--;
		} else {
			free_level(t[i] & PTE_ADDR_MASK, level - 1, pages);
		}
	}
	free_page(table_phys);
}

/** vm_destroy - free every page and table of @as (not the kernel half) */
void vm_destroy(struct address_space *as)
{
	if (!as->pml4_phys)
		return;
	if ((read_cr3() & PTE_ADDR_MASK) == as->pml4_phys)
		vm_activate_kernel();
	free_level(as->pml4_phys, 4, &as->pages);
	as->pml4_phys = 0;
}

void vm_activate(const struct address_space *as)
{
	write_cr3(as->pml4_phys);
}

void vm_activate_kernel(void)
{
	write_cr3(kernel_pml4_phys);
}

/* The entry for @va at the last level, making tables on the way. */
static uint64_t *walk_create(struct address_space *as, uint64_t va)
{
	uint64_t *t = PHYS_TO_VIRT(as->pml4_phys);
	static const unsigned int shifts[] = { 39, 30, 21 };

	for (unsigned int l = 0; l < 3; l++) {
		uint64_t *e = &t[(va >> shifts[l]) & 511];

		if (!(*e & PTE_PRESENT)) {
			uint64_t page = alloc_page();
			if (!page)
				return 0;
			*e = page | PTE_PRESENT | PTE_WRITE | PTE_USER;
		}
		t = table_virt(*e);
	}
	return &t[PT_INDEX(va)];
}

uint64_t vm_map_new_page(struct address_space *as, uint64_t va, int prot)
{
	uint64_t *pte, page;

	if (va % PAGE_SIZE || va < USER_MIN_ADDR || va >= USER_SPACE_END)
		return 0;
	pte = walk_create(as, va);
	if (!pte || (*pte & PTE_PRESENT))
		return 0;
	page = alloc_page();
	if (!page)
		return 0;
	*pte = page | PTE_PRESENT | PTE_USER | (prot & VM_WRITE ? PTE_WRITE : 0) |
	       (prot & VM_EXEC ? 0 : PTE_NX);
	as->pages++;
	return page;
}

uint64_t vm_lookup(const struct address_space *as, uint64_t va)
{
	uint64_t *t = PHYS_TO_VIRT(as->pml4_phys);
	static const unsigned int shifts[] = { 39, 30, 21, 12 };

	if (va >= USER_SPACE_END)
		return 0;
	for (unsigned int l = 0; l < 4; l++) {
		uint64_t e = t[(va >> shifts[l]) & 511];

		if (!(e & PTE_PRESENT))
			return 0;
		if (l == 3)
			return e;
		t = table_virt(e);
	}
	return 0;
}

void vm_unmap_page(struct address_space *as, uint64_t va)
{
	uint64_t *t = PHYS_TO_VIRT(as->pml4_phys);
	static const unsigned int shifts[] = { 39, 30, 21 };

	if (va >= USER_SPACE_END)
		return;
	for (unsigned int l = 0; l < 3; l++) {
		uint64_t e = t[(va >> shifts[l]) & 511];

		if (!(e & PTE_PRESENT))
			return;
		t = table_virt(e);
	}
	if (t[PT_INDEX(va)] & PTE_PRESENT) {
		free_page(t[PT_INDEX(va)] & PTE_ADDR_MASK);
		t[PT_INDEX(va)] = 0;
		as->pages--;
		if ((read_cr3() & PTE_ADDR_MASK) == as->pml4_phys)
			__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
	}
}

/* Copy every page below @table (a table at @level, 4 = PML4) into @dst. */
static bool clone_level(struct address_space *dst, uint64_t table_phys,
			int level, uint64_t va_base)
{
	const uint64_t *t = PHYS_TO_VIRT(table_phys);
	unsigned int n = level == 4 ? USER_PML4_ENTRIES : 512;
	unsigned int shift = 12 + 9 * (level - 1);

	for (unsigned int i = 0; i < n; i++) {
		uint64_t va = va_base + ((uint64_t)i << shift);
		uint64_t *pte, page;

		if (!(t[i] & PTE_PRESENT))
			continue;
		if (level > 1) {
			if (!clone_level(dst, t[i] & PTE_ADDR_MASK, level - 1, va))
				return false;
			continue;
		}
		pte = walk_create(dst, va);
		page = pte ? alloc_page() : 0;
		if (!page)
			return false;
		page_copy(PHYS_TO_VIRT(page), PHYS_TO_VIRT(t[i] & PTE_ADDR_MASK));
		*pte = page | (t[i] & ~PTE_ADDR_MASK);
		dst->pages++;
	}
	return true;
}

bool vm_clone(struct address_space *dst, const struct address_space *src)
{
	return clone_level(dst, src->pml4_phys, 4, 0);
}
