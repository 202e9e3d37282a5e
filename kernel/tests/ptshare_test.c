// SPDX-License-Identifier: MIT
/*
 * Page tables that fork shares (kernel/mm/vm.c): which table each
 * address space maps a page through, how many users tables and pages
 * have, and that every change in a shared table, every exit and every
 * failure for want of memory leaves the others' memory as it was and
 * no page behind. user/hostile/cow.c checks what user space can see.
 */
#include <kernel/ktest.h>
#include <kernel/mmu.h>
#include <kernel/pmm.h>
#include <kernel/vm.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#include "hoard.h"

#define VA 0x400000ul           /* the first page of a page table's 2 MiB */
#define PAGES 4                 /* the region at VA */
#define FAR_VA 0x40000000ul     /* another page directory (1 GiB on) */
#define WRITE_FAULT (PF_PRESENT | PF_WRITE | PF_USER)

/* The directory entry that leads to @va's page table, or 0. */
static uint64_t pde_of(const struct address_space *as, uint64_t va)
{
	const uint64_t *t = PHYS_TO_VIRT(as->pml4_phys);
	uint64_t e = t[PML4_INDEX(va)];

	if (!(e & PTE_PRESENT))
		return 0;
	t = PHYS_TO_VIRT(e & PTE_ADDR_MASK);
	e = t[PDPT_INDEX(va)];
	if (!(e & PTE_PRESENT))
		return 0;
	t = PHYS_TO_VIRT(e & PTE_ADDR_MASK);
	return t[PD_INDEX(va)];
}

static uint64_t table_at(const struct address_space *as, uint64_t va)
{
	return pde_of(as, va) & PTE_ADDR_MASK;
}

static uint64_t page_at(const struct address_space *as, uint64_t va)
{
	return vm_lookup(as, va) & PTE_ADDR_MASK;
}

static bool writable(const struct address_space *as, uint64_t va)
{
	return vm_lookup(as, va) & PTE_WRITE;
}

static char byte_at(const struct address_space *as, uint64_t va)
{
	return *(char *)PHYS_TO_VIRT(page_at(as, va) + va % PAGE_SIZE);
}

/* An address space with PAGES writable pages at VA, page i holding
 * 'a' + i, and one at FAR_VA; NULL if memory ran out. */
static struct address_space *make_process(void)
{
	struct address_space *as = vm_new();

	if (!as)
		return NULL;
	if (vma_add(as, VA, VA + PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    VMA_ANON) ||
	    vma_add(as, FAR_VA, FAR_VA + PAGE_SIZE, PROT_READ | PROT_WRITE,
		    VMA_ANON) ||
	    vm_fault(as, FAR_VA, PF_WRITE | PF_USER)) {
		vm_put(as);
		return NULL;
	}
	for (uint64_t i = 0; i < PAGES; i++) {
		if (vm_fault(as, VA + i * PAGE_SIZE, PF_WRITE | PF_USER)) {
			vm_put(as);
			return NULL;
		}
		memset(PHYS_TO_VIRT(page_at(as, VA + i * PAGE_SIZE)),
		       'a' + (int)i, PAGE_SIZE);
	}
	return as;
}

/* fork: a copy of @parent, or NULL. */
static struct address_space *fork_of(struct address_space *parent)
{
	struct address_space *child = vm_new();

	if (child && !vm_clone(child, parent)) {
		vm_put(child);
		return NULL;
	}
	return child;
}

KTEST(page_tables_shared_by_three_and_written_in_turn)
{
	uint64_t before = pmm_free_pages(), t, pa;
	struct address_space *a = make_process(), *b, *c;

	KT_ASSERT(a);
	t = table_at(a, VA);
	pa = page_at(a, VA);
	KT_ASSERT(writable(a, VA));

	/* Two forks: one table for all three, read-only to all three,
	 * and not one page counted twice. */
	b = fork_of(a);
	c = fork_of(a);
	KT_ASSERT(b && c);
	KT_ASSERT_EQ(table_at(b, VA), t);
	KT_ASSERT_EQ(table_at(c, VA), t);
	KT_ASSERT_EQ(page_users(t), 3);
	KT_ASSERT_EQ(page_users(pa), 1);
	KT_ASSERT(!writable(a, VA) && !writable(b, VA) && !writable(c, VA));
	KT_ASSERT_EQ(b->pages, a->pages);

	/* b writes: its own table, then its own page. */
	KT_ASSERT_EQ(vm_write(b, VA, "B", 1), 0);
	KT_ASSERT(table_at(b, VA) != t);
	KT_ASSERT_EQ(page_users(t), 2);
	KT_ASSERT(page_at(b, VA) != pa && writable(b, VA));
	KT_ASSERT_EQ(page_users(pa), 1);
	/* Its other pages: shared with a and c's table, read-only. */
	KT_ASSERT_EQ(page_at(b, VA + PAGE_SIZE), page_at(a, VA + PAGE_SIZE));
	KT_ASSERT_EQ(page_users(page_at(b, VA + PAGE_SIZE)), 2);
	KT_ASSERT(!writable(b, VA + PAGE_SIZE));

	/* c writes through the kernel's fault path. */
	KT_ASSERT_EQ(vm_fault(c, VA, WRITE_FAULT), 0);
	KT_ASSERT(table_at(c, VA) != t);
	KT_ASSERT_EQ(page_users(t), 1);
	*(char *)PHYS_TO_VIRT(page_at(c, VA)) = 'C';

	/* a, the table's last user: the same table and page, writable. */
	KT_ASSERT_EQ(vm_fault(a, VA, WRITE_FAULT), 0);
	KT_ASSERT_EQ(table_at(a, VA), t);
	KT_ASSERT_EQ(page_at(a, VA), pa);
	KT_ASSERT(writable(a, VA));
	KT_ASSERT_EQ(byte_at(a, VA), 'a');
	KT_ASSERT_EQ(byte_at(b, VA), 'B');
	KT_ASSERT_EQ(byte_at(c, VA), 'C');
	KT_ASSERT_EQ(byte_at(c, VA + 3 * PAGE_SIZE), 'd');

	/* The table at FAR_VA nobody wrote to: still one for all three. */
	KT_ASSERT_EQ(page_users(table_at(a, FAR_VA)), 3);
	vm_put(b);
	vm_put(c);
	KT_ASSERT_EQ(page_users(table_at(a, FAR_VA)), 1);
	vm_put(a);
	KT_ASSERT_EQ(pmm_free_pages(), before);
}

KTEST(page_tables_shared_changed_in_the_child)
{
	uint64_t before = pmm_free_pages(), t, moved = VA + 8 * PAGE_SIZE;
	struct address_space *a = make_process(), *b;

	KT_ASSERT(a);
	t = table_at(a, VA);
	b = fork_of(a);
	KT_ASSERT(b);

	/* munmap in the child: its own table; the parent's untouched. */
	KT_ASSERT_EQ(vma_unmap(b, VA, VA + PAGE_SIZE), 0);
	KT_ASSERT(table_at(b, VA) != t && table_at(a, VA) == t);
	KT_ASSERT(!vm_lookup(b, VA) && vm_lookup(a, VA));
	KT_ASSERT_EQ(byte_at(a, VA), 'a');

	/* mremap's move in the child: entries move in its table only. */
	KT_ASSERT_EQ(vm_move_range(b, VA + PAGE_SIZE, moved, PAGE_SIZE), 0);
	KT_ASSERT_EQ(byte_at(b, moved), 'b');
	KT_ASSERT(!vm_lookup(a, moved) && vm_lookup(a, VA + PAGE_SIZE));
	KT_ASSERT_EQ(byte_at(a, VA + PAGE_SIZE), 'b');

	/* A walk over a range the shared table maps nothing of leaves it
	 * shared: nothing there to change. */
	KT_ASSERT_EQ(vm_unshare_range(b, FAR_VA + PAGE_SIZE,
				      FAR_VA + 2 * PAGE_SIZE), 0);
	KT_ASSERT_EQ(table_at(b, FAR_VA), table_at(a, FAR_VA));
	KT_ASSERT_EQ(vm_unshare_range(b, FAR_VA, FAR_VA + PAGE_SIZE), 0);
	KT_ASSERT(table_at(b, FAR_VA) != table_at(a, FAR_VA));

	/* The parent goes first; the child keeps what it maps. */
	vm_put(a);
	KT_ASSERT_EQ(byte_at(b, VA + 2 * PAGE_SIZE), 'c');
	KT_ASSERT_EQ(page_users(page_at(b, VA + 2 * PAGE_SIZE)), 1);
	vm_put(b);
	KT_ASSERT_EQ(pmm_free_pages(), before);
}

KTEST(page_tables_shared_parent_exits_first)
{
	uint64_t before = pmm_free_pages(), t, pa;
	struct address_space *a = make_process(), *b;

	KT_ASSERT(a);
	t = table_at(a, VA);
	pa = page_at(a, VA);
	b = fork_of(a);
	KT_ASSERT(b);
	vm_put(a);
	/* The child alone: the table has one user again, and a write only
	 * makes its directory entry writable; no table or page copied. */
	KT_ASSERT_EQ(page_users(t), 1);
	KT_ASSERT(!writable(b, VA));
	KT_ASSERT_EQ(byte_at(b, VA + PAGE_SIZE), 'b');
	KT_ASSERT_EQ(vm_write(b, VA, "B", 1), 0);
	KT_ASSERT_EQ(table_at(b, VA), t);
	KT_ASSERT_EQ(page_at(b, VA), pa);
	KT_ASSERT(writable(b, VA) && (pde_of(b, VA) & PTE_WRITE));
	KT_ASSERT_EQ(byte_at(b, VA), 'B');
	vm_put(b);
	KT_ASSERT_EQ(pmm_free_pages(), before);
}

KTEST(page_tables_shared_out_of_memory)
{
	uint64_t before = pmm_free_pages(), t, pa, hoard;
	struct address_space *a = make_process(), *b;
	unsigned int forks = 0;

	KT_ASSERT(a);
	t = table_at(a, VA);
	pa = page_at(a, VA);

	/* fork with 0, 1, 2, ... pages free: each fails somewhere else,
	 * until one succeeds; each failure leaks nothing and leaves the
	 * parent's tables with one user. */
	for (uint64_t keep = 0; !forks; keep++) {
		uint64_t free_now = pmm_free_pages();

		hoard = take_all_but(keep);
		b = fork_of(a);
		if (b) {
			forks++;
			vm_put(b);
		}
		give_back(hoard);
		KT_ASSERT_EQ(pmm_free_pages(), free_now);
		KT_ASSERT_EQ(page_users(t), 1);
		KT_ASSERT(keep < 16);
	}

	/* A table that cannot be copied: the write fails, the munmap
	 * fails, and both change nothing. */
	b = fork_of(a);
	KT_ASSERT(b);
	hoard = take_all_but(0);
	KT_ASSERT_EQ(vm_fault(b, VA, WRITE_FAULT), -ENOMEM);
	KT_ASSERT_EQ(vma_unmap(b, VA, VA + PAGE_SIZE), -ENOMEM);
	give_back(hoard);
	KT_ASSERT_EQ(table_at(b, VA), t);
	KT_ASSERT_EQ(page_users(t), 2);
	KT_ASSERT(vma_find(b, VA) && page_at(b, VA) == pa);
	KT_ASSERT_EQ(page_users(pa), 1);
	KT_ASSERT_EQ(vm_fault(b, VA, WRITE_FAULT), 0);
	KT_ASSERT(page_at(b, VA) != pa);
	vm_put(b);
	vm_put(a);
	KT_ASSERT_EQ(pmm_free_pages(), before);
}

KTEST(page_tables_shared_unmapped_whole)
{
	uint64_t before = pmm_free_pages(), t, next = VA + (2ul << 20), hoard;
	struct address_space *a = make_process(), *b;

	KT_ASSERT(a);
	/* One page in the next page table too. */
	KT_ASSERT_EQ(vma_add(a, next, next + PAGE_SIZE, PROT_READ | PROT_WRITE,
			     VMA_ANON), 0);
	KT_ASSERT_EQ(vm_fault(a, next, PF_WRITE | PF_USER), 0);
	t = table_at(a, VA);
	b = fork_of(a);
	KT_ASSERT(b);
	hoard = take_all_but(0);

	/* The whole of one shared table and part of another, with no
	 * page free: the part needs a copy, so nothing goes, not even the
	 * whole table, which needs none. */
	KT_ASSERT_EQ(vma_unmap(b, VA, next + PAGE_SIZE), -ENOMEM);
	KT_ASSERT_EQ(table_at(b, VA), t);
	KT_ASSERT(vm_lookup(b, VA) && vm_lookup(b, next));

	/* The whole table alone: let go, not copied, so it takes no page. */
	KT_ASSERT_EQ(vma_unmap(b, VA, next), 0);
	give_back(hoard);
	KT_ASSERT(!pde_of(b, VA) && !vm_lookup(b, VA) && !vma_find(b, VA));
	KT_ASSERT_EQ(page_users(t), 1);
	KT_ASSERT_EQ(b->pages, a->pages - PAGES);
	KT_ASSERT_EQ(byte_at(a, VA + 3 * PAGE_SIZE), 'd');
	KT_ASSERT_EQ(vm_fault(a, VA, WRITE_FAULT), 0);
	KT_ASSERT_EQ(table_at(a, VA), t); /* a's alone now: no copy */
	vm_put(b);
	vm_put(a);
	KT_ASSERT_EQ(pmm_free_pages(), before);
}

/* The user address with these indices in the PML4, a page directory
 * pointer table, a page directory and a page table. */
static uint64_t va_at(uint64_t l4, uint64_t l3, uint64_t l2, uint64_t l1)
{
	return l4 << 39 | l3 << 30 | l2 << 21 | l1 << 12;
}

KTEST(page_tables_walks_find_every_entry)
{
	/* Pages on both sides of the edges of the eight-entry groups the
	 * walks skip empty entries by (next_used()), alone in a group of
	 * their own (8, 15), and at the ends of each level: the PML4's
	 * last user entry is 255. */
	const uint64_t va[] = {
		va_at(0, 0, 2, 0),     va_at(0, 0, 2, 7),
		va_at(0, 0, 2, 8),     va_at(0, 0, 2, 511),
		va_at(0, 0, 7, 8),     va_at(0, 0, 8, 15),
		va_at(0, 0, 511, 0),   va_at(0, 7, 0, 0),
		va_at(0, 8, 0, 0),     va_at(0, 511, 0, 0),
		va_at(7, 0, 0, 0),     va_at(8, 0, 0, 0),
		va_at(255, 0, 0, 0),   va_at(255, 511, 511, 510),
	};
	const unsigned int n = sizeof(va) / sizeof(va[0]);
	uint64_t before = pmm_free_pages(), pa[sizeof(va) / sizeof(va[0])];
	struct address_space *a = vm_new(), *b;

	KT_ASSERT(a);
	for (unsigned int i = 0; i < n; i++) {
		KT_ASSERT_EQ(vma_add(a, va[i], va[i] + PAGE_SIZE,
				     PROT_READ | PROT_WRITE, VMA_ANON), 0);
		KT_ASSERT_EQ(vm_write(a, va[i], &"abcdefghijklmn"[i], 1), 0);
		pa[i] = page_at(a, va[i]);
	}

	/* fork finds every page: the same page, read-only to both. */
	b = fork_of(a);
	KT_ASSERT(b);
	KT_ASSERT_EQ(b->pages, (uint64_t)n);
	for (unsigned int i = 0; i < n; i++) {
		KT_ASSERT_EQ(page_at(b, va[i]), pa[i]);
		KT_ASSERT(!writable(a, va[i]) && !writable(b, va[i]));
	}

	/* The child writes to each in turn. Its first write under a table
	 * copies the table, and every page the copy maps gets a second
	 * user: then its own write copies that page. */
	for (unsigned int i = 0; i < n; i++) {
		KT_ASSERT_EQ(vm_write(b, va[i], "X", 1), 0);
		KT_ASSERT(page_at(b, va[i]) != pa[i]);
		KT_ASSERT_EQ(page_users(pa[i]), 1);
		KT_ASSERT_EQ(byte_at(a, va[i]), "abcdefghijklmn"[i]);
		KT_ASSERT_EQ(byte_at(b, va[i]), 'X');
		if (i + 1 < n && table_at(b, va[i + 1]) == table_at(b, va[i]))
			KT_ASSERT_EQ(page_users(pa[i + 1]), 2);
	}

	/* exit finds every page and table: nothing is left behind. */
	vm_put(b);
	vm_put(a);
	KT_ASSERT_EQ(pmm_free_pages(), before);
}
