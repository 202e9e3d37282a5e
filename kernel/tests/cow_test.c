// SPDX-License-Identifier: MIT
/*
 * Copy-on-write fork below the system calls: the page counts, and what
 * vm_clone() and write faults do to two address spaces' entries and
 * pages, which user space cannot see (user/hostile/cow.c checks what it
 * can: data, and free pages).
 */
#include <kernel/ktest.h>
#include <kernel/mmu.h>
#include <kernel/pmm.h>
#include <kernel/vm.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#include "hoard.h"

#define VA 0x400000ul
#define RO_VA (VA + 2 * PAGE_SIZE)
#define WRITE_FAULT (PF_PRESENT | PF_WRITE | PF_USER)

static uint64_t page_at(const struct address_space *as, uint64_t va)
{
	return vm_lookup(as, va) & PTE_ADDR_MASK;
}

static bool writable(const struct address_space *as, uint64_t va)
{
	return vm_lookup(as, va) & PTE_WRITE;
}

KTEST(page_counts)
{
	uint64_t before = pmm_free_pages(), p = alloc_page(), q;

	KT_ASSERT(p);
	KT_ASSERT_EQ(page_users(p), 1);
	page_get(p);
	page_get(p);
	KT_ASSERT_EQ(page_users(p), 3);
	page_put(p);
	page_put(p);
	KT_ASSERT_EQ(pmm_free_pages(), before - 1); /* one user left */
	memset(PHYS_TO_VIRT(p), 0x5a, PAGE_SIZE);
	q = alloc_page_copy(p);
	KT_ASSERT(q && q != p);
	KT_ASSERT_EQ(page_users(q), 1);
	KT_ASSERT(!memcmp(PHYS_TO_VIRT(q), PHYS_TO_VIRT(p), PAGE_SIZE));
	page_put(p);
	free_page(q);
	KT_ASSERT_EQ(pmm_free_pages(), before);
}

KTEST(copy_on_write_entries_and_pages)
{
	uint64_t before = pmm_free_pages(), pa, pb, text, hoard;
	struct address_space *a = vm_new(), *b = vm_new();

	KT_ASSERT(a && b);
	/* A writable page and a read-only one (as a program's text). */
	KT_ASSERT_EQ(vma_add(a, VA, VA + 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			     VMA_ANON), 0);
	KT_ASSERT_EQ(vma_add(a, RO_VA, RO_VA + PAGE_SIZE, PROT_READ, VMA_ANON),
		     0);
	KT_ASSERT_EQ(vm_fault(a, VA, PF_WRITE | PF_USER), 0);
	KT_ASSERT_EQ(vm_fault(a, RO_VA, PF_USER), 0);
	pa = page_at(a, VA);
	text = page_at(a, RO_VA);
	memset(PHYS_TO_VIRT(pa), 'a', PAGE_SIZE);
	KT_ASSERT(writable(a, VA));

	/* fork: one page, read-only to both through one shared page
	 * table, which is its only user (kernel/tests/ptshare_test.c). */
	KT_ASSERT(vm_clone(b, a));
	KT_ASSERT_EQ(page_at(b, VA), pa);
	KT_ASSERT(!writable(a, VA) && !writable(b, VA));
	KT_ASSERT_EQ(page_users(pa), 1);
	KT_ASSERT_EQ(page_at(b, RO_VA), text);
	KT_ASSERT_EQ(page_users(text), 1);

	/* Out of memory, the copy fails and changes nothing. */
	hoard = take_all_but(0);
	KT_ASSERT_EQ(vm_fault(b, VA, WRITE_FAULT), -ENOMEM);
	give_back(hoard);
	KT_ASSERT_EQ(page_at(b, VA), pa);
	KT_ASSERT(!writable(b, VA));
	KT_ASSERT_EQ(page_users(pa), 1);

	/* b writes: b gets a copy of the table, then of the page; a keeps
	 * the page, now alone. */
	KT_ASSERT_EQ(vm_fault(b, VA, WRITE_FAULT), 0);
	pb = page_at(b, VA);
	KT_ASSERT(pb != pa && writable(b, VA));
	KT_ASSERT(!memcmp(PHYS_TO_VIRT(pb), PHYS_TO_VIRT(pa), PAGE_SIZE));
	KT_ASSERT_EQ(page_users(pa), 1);
	KT_ASSERT_EQ(page_users(pb), 1);
	KT_ASSERT(!writable(a, VA));

	/* a writes: its only user, so the same page, writable again. */
	KT_ASSERT_EQ(vm_fault(a, VA, WRITE_FAULT), 0);
	KT_ASSERT_EQ(page_at(a, VA), pa);
	KT_ASSERT(writable(a, VA));

	/* Writing where the region forbids it copies nothing. Both
	 * tables map the text now. */
	KT_ASSERT_EQ(vm_fault(b, RO_VA, WRITE_FAULT), -EFAULT);
	KT_ASSERT_EQ(page_users(text), 2);

	/* vm_write, the kernel's writer into an address space that need
	 * not be loaded (exec's stack), copies as a fault would. */
	vm_put(b);
	KT_ASSERT_EQ(page_users(text), 1);
	b = vm_new();
	KT_ASSERT(b && vm_clone(b, a));
	KT_ASSERT_EQ(page_users(pa), 1);
	KT_ASSERT_EQ(vm_write(b, VA + 1, "b", 1), 0);
	KT_ASSERT(page_at(b, VA) != pa && writable(b, VA));
	KT_ASSERT_EQ(*((char *)PHYS_TO_VIRT(page_at(b, VA)) + 1), 'b');
	KT_ASSERT_EQ(*((char *)PHYS_TO_VIRT(pa) + 1), 'a');
	KT_ASSERT_EQ(page_users(pa), 1);
	vm_put(b);
	KT_ASSERT_EQ(page_users(text), 1);
	vm_put(a);
	KT_ASSERT_EQ(pmm_free_pages(), before);
}
