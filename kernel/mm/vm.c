// SPDX-License-Identifier: MIT
/*
 * User address spaces: their page tables.
 *
 * Each one has its own PML4. Entries 256-511 (the upper, kernel half) are
 * copied from the kernel's PML4, so every address space sees the same
 * kernel; entries 0-255 lead to the program's own tables, all allocated
 * from the page allocator and all freed with it. User pages have PTE_USER
 * set at every level; kernel pages never do, so ring 3 cannot touch them.
 * Which pages may exist at all is the business of the regions
 * (kernel/mm/mmap.c); this file only builds, walks and frees the tables.
 *
 * A leaf entry either holds a user of its page (private memory: the
 * page's count in the page allocator says how many page tables map it,
 * and the last entry to go frees it) or, with PTE_SW_SHARED, borrows it
 * from a shared mapping whose own count decides when the page goes
 * (kernel/mm/mmap.c).
 *
 * Copy-on-write. fork does not copy private pages: vm_clone() makes the
 * child's page tables (eagerly, every table of the parent's) with the
 * same leaf entries, read-only in both, and counts one more user of
 * each page. A write to such a page then faults, and vm_cow_write()
 * gives the writer a copy of its own, or, if nobody else maps the page
 * any more, makes the entry writable again:
 *
 *   after fork:                       after the child writes:
 *   parent PTE -r-+                   parent PTE -r--> page P (1 user)
 *                 +--> page P (2)     child  PTE -w--> page Q (1 user),
 *   child  PTE -r-+                                    a copy of P
 *
 * and the parent's next write finds P with one user and only flips the
 * entry back to writable. A page whose entry is read-only for good (a
 * program's text) is shared the same way and never copied. The kernel's
 * own writes to user memory (copy_to_user) fault the same way, since
 * CR0.WP makes ring 0 honour read-only entries.
 */
#include <kernel/heap.h>
#include <kernel/io.h>
#include <kernel/paging.h>
#include <kernel/pmm.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define USER_PML4_ENTRIES 256

static const unsigned int level_shift[] = { 0, 12, 21, 30, 39 };

static uint64_t *table_virt(uint64_t entry)
{
	return PHYS_TO_VIRT(entry & PTE_ADDR_MASK);
}

/** vm_create - a new, empty user address space; false if out of memory */
bool vm_create(struct address_space *as)
{
	uint64_t *pml4, *kernel = PHYS_TO_VIRT(kernel_pml4_phys);

	as->pages = 0;
	as->areas = NULL;
	as->pml4_phys = alloc_page();
	if (!as->pml4_phys)
		return false;
	pml4 = PHYS_TO_VIRT(as->pml4_phys);
	for (unsigned int i = USER_PML4_ENTRIES; i < 512; i++)
		pml4[i] = kernel[i];
	return true;
}

/* Drop one leaf entry: one user fewer of its page, if it is private. */
static void drop_pte(struct address_space *as, uint64_t *pte)
{
	if (!(*pte & PTE_SW_SHARED)) {
		page_put(*pte & PTE_ADDR_MASK);
		as->pages--;
	}
	*pte = 0;
}

/* Free a table and, below it, every table and page it leads to. */
static void free_level(struct address_space *as, uint64_t table_phys,
		       int level)
{
	uint64_t *t = PHYS_TO_VIRT(table_phys);
	unsigned int n = level == 4 ? USER_PML4_ENTRIES : 512;

	for (unsigned int i = 0; i < n; i++) {
		if (!(t[i] & PTE_PRESENT))
			continue;
		if (level == 1)
			drop_pte(as, &t[i]);
		else
			free_level(as, t[i] & PTE_ADDR_MASK, level - 1);
	}
	free_page(table_phys);
}

/** vm_destroy - free every page, table and region of @as (not the
 * kernel half) */
void vm_destroy(struct address_space *as)
{
	if (!as->pml4_phys)
		return;
	if ((read_cr3() & PTE_ADDR_MASK) == as->pml4_phys)
		vm_activate_kernel();
	free_level(as, as->pml4_phys, 4);
	as->pml4_phys = 0;
	vma_destroy_all(as);
}

struct address_space *vm_new(void)
{
	struct address_space *as = kmalloc(sizeof(*as));

	if (!as)
		return NULL;
	memset(as, 0, sizeof(*as));
	if (!vm_create(as)) {
		kfree(as);
		return NULL;
	}
	as->users = 1;
	return as;
}

struct address_space *vm_get(struct address_space *as)
{
	as->users++;
	return as;
}

void vm_put(struct address_space *as)
{
	if (--as->users)
		return;
	vm_destroy(as); /* leaves these page tables first if they are loaded */
	iput(as->exe);
	dentry_free(as->exe_name);
	kfree(as);
}

void vm_set_exe(struct address_space *as, struct inode *file,
		struct dentry *name)
{
	iput(as->exe);
	dentry_free(as->exe_name);
	as->exe = file ? iget(file) : NULL;
	as->exe_name = name;
}

void vm_inherit(struct address_space *dst, const struct address_space *src)
{
	const struct dentry *n = src->exe_name;

	dst->brk_start = src->brk_start;
	dst->brk = src->brk;
	dst->arg_start = src->arg_start;
	dst->arg_end = src->arg_end;
	dst->env_start = src->env_start;
	dst->env_end = src->env_end;
	dst->start_stack = src->start_stack;
	vm_set_exe(dst, src->exe,
		   n ? dentry_alloc(n->dir, n->name, n->len, src->exe) : NULL);
}

void vm_activate(const struct address_space *as)
{
	write_cr3(as->pml4_phys);
}

void vm_activate_kernel(void)
{
	write_cr3(kernel_pml4_phys);
}

uint64_t *vm_walk_create(struct address_space *as, uint64_t va)
{
	uint64_t *t = PHYS_TO_VIRT(as->pml4_phys);

	for (int level = 4; level > 1; level--) {
		uint64_t *e = &t[(va >> level_shift[level]) & 511];

		if (!(*e & PTE_PRESENT)) {
			uint64_t page = alloc_page();
			if (!page)
				return NULL;
			*e = page | PTE_PRESENT | PTE_WRITE | PTE_USER;
		}
		t = table_virt(*e);
	}
	return &t[PT_INDEX(va)];
}

uint64_t vm_prot_pte(unsigned int prot)
{
	uint64_t f = PTE_PRESENT;

	/* PROT_NONE: present for the kernel's bookkeeping, closed to ring 3. */
	if (prot & (PROT_READ | PROT_WRITE | PROT_EXEC))
		f |= PTE_USER;
	if (prot & PROT_WRITE)
		f |= PTE_WRITE;
	if (!(prot & PROT_EXEC))
		f |= PTE_NX;
	return f;
}

int vm_map_page(struct address_space *as, uint64_t va, uint64_t page, int prot)
{
	uint64_t *pte;

	if (va % PAGE_SIZE || va < USER_MIN_ADDR || va >= USER_SPACE_END)
		return -EINVAL;
	pte = vm_walk_create(as, va);
	if (!pte)
		return -ENOMEM;
	if (*pte & PTE_PRESENT)
		return -EEXIST;
	*pte = page | PTE_PRESENT | PTE_USER | (prot & VM_WRITE ? PTE_WRITE : 0) |
	       (prot & VM_EXEC ? 0 : PTE_NX);
	as->pages++;
	return 0;
}

uint64_t vm_map_new_page(struct address_space *as, uint64_t va, int prot)
{
	uint64_t page = alloc_page();

	if (page && vm_map_page(as, va, page, prot)) {
		free_page(page);
		return 0;
	}
	return page;
}

uint64_t vm_lookup(const struct address_space *as, uint64_t va)
{
	uint64_t *t = PHYS_TO_VIRT(as->pml4_phys);

	if (va >= USER_SPACE_END)
		return 0;
	for (int level = 4; level >= 1; level--) {
		uint64_t e = t[(va >> level_shift[level]) & 511];

		if (!(e & PTE_PRESENT))
			return 0;
		if (level == 1)
			return e;
		t = table_virt(e);
	}
	return 0;
}

/* vm_walk_range below one table at @level covering [base, base + span). */
static void walk_level(struct address_space *as, uint64_t *t, int level,
		       uint64_t base, uint64_t start, uint64_t end,
		       void (*fn)(struct address_space *, uint64_t *, uint64_t,
				  void *),
		       void *arg)
{
	uint64_t size = 1ul << level_shift[level];
	/* Start at the entry that covers @start, not at entry 0. */
	unsigned int first = start > base ? (start - base) >> level_shift[level] : 0;

	for (unsigned int i = first; i < 512; i++) {
		uint64_t va = base + i * size;

		if (va >= end)
			break;
		if (!(t[i] & PTE_PRESENT))
			continue;
		if (level == 1)
			fn(as, &t[i], va, arg);
		else
			walk_level(as, table_virt(t[i]), level - 1, va, start,
				   end, fn, arg);
	}
}

void vm_walk_range(struct address_space *as, uint64_t start, uint64_t end,
		   void (*fn)(struct address_space *, uint64_t *pte,
			      uint64_t va, void *arg),
		   void *arg)
{
	if (end > USER_SPACE_END)
		end = USER_SPACE_END;
	if (start < end)
		walk_level(as, PHYS_TO_VIRT(as->pml4_phys), 4, 0, start, end,
			   fn, arg);
}

static void flush_if_active(struct address_space *as, uint64_t va)
{
	if ((read_cr3() & PTE_ADDR_MASK) == as->pml4_phys)
		__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static void unmap_one(struct address_space *as, uint64_t *pte, uint64_t va,
		      void *arg)
{
	(void)arg;
	drop_pte(as, pte);
	flush_if_active(as, va);
}

void vm_unmap_range(struct address_space *as, uint64_t start, uint64_t end)
{
	vm_walk_range(as, start, end, unmap_one, NULL);
}

void vm_unmap_page(struct address_space *as, uint64_t va)
{
	vm_unmap_range(as, va, va + PAGE_SIZE);
}

struct pte_move {
	uint64_t from, to;
	bool failed;
};

/* The first pass: the tables for the entry that will come to @va's
 * new address. */
static void make_table(struct address_space *as, uint64_t *pte, uint64_t va,
		       void *arg)
{
	struct pte_move *m = arg;

	(void)pte;
	if (!m->failed && !vm_walk_create(as, va - m->from + m->to))
		m->failed = true;
}

/* The second pass: the entry moves, its tables made by the first. */
static void move_one(struct address_space *as, uint64_t *pte, uint64_t va,
		     void *arg)
{
	struct pte_move *m = arg;
	uint64_t *to = vm_walk_create(as, va - m->from + m->to);

	*to = *pte;
	*pte = 0;
	flush_if_active(as, va);
}

int vm_move_range(struct address_space *as, uint64_t from, uint64_t to,
		  uint64_t len)
{
	struct pte_move m = { from, to, false };

	/* Every table first, so that the move cannot stop half-way. The
	 * walks skip tables that are not there: a big, mostly untouched
	 * mapping costs what it holds. The two ranges do not overlap, so
	 * a table made for the new one holds nothing the walk looks at. */
	vm_walk_range(as, from, from + len, make_table, &m);
	if (m.failed)
		return -ENOMEM;
	vm_walk_range(as, from, from + len, move_one, &m);
	return 0;
}

/*
 * The part of vm_clone below one table: @src is a table of the parent at
 * @level (4 = PML4), @dst the child's empty one. Tables are copied;
 * private pages are shared copy-on-write (read-only in both, one more
 * user); shared pages are mapped as they are.
 */
static bool clone_level(struct address_space *dst, uint64_t *src,
			uint64_t *d, int level)
{
	unsigned int n = level == 4 ? USER_PML4_ENTRIES : 512;

	for (unsigned int i = 0; i < n; i++) {
		uint64_t e = src[i], table;

		if (!(e & PTE_PRESENT))
			continue;
		if (level > 1) {
			table = alloc_page();
			if (!table)
				return false;
			/* Linked first, so that vm_destroy() finds what a
			 * failure leaves half made. */
			d[i] = table | (e & ~PTE_ADDR_MASK);
			if (!clone_level(dst, table_virt(e), PHYS_TO_VIRT(table),
					 level - 1))
				return false;
			continue;
		}
		if (!(e & PTE_SW_SHARED)) {
			e &= ~PTE_WRITE;
			src[i] = e;
			page_get(e & PTE_ADDR_MASK);
			dst->pages++;
		}
		d[i] = e;
	}
	return true;
}

bool vm_clone(struct address_space *dst, struct address_space *src)
{
	bool ok;

	/* Regions first: a shared page in the tables is only ever freed
	 * through a region that holds its shared mapping. */
	if (vma_clone(dst, src))
		return false;
	ok = clone_level(dst, PHYS_TO_VIRT(src->pml4_phys),
			 PHYS_TO_VIRT(dst->pml4_phys), 4);
	/* The parent's entries lost their write bit: drop what the TLB
	 * remembers of them (even after a failure, which leaves some so). */
	if ((read_cr3() & PTE_ADDR_MASK) == src->pml4_phys)
		write_cr3(src->pml4_phys);
	return ok;
}

int vm_cow_write(struct address_space *as, uint64_t *pte, uint64_t va)
{
	uint64_t page = *pte & PTE_ADDR_MASK, copy;

	if (page_users(page) > 1) {
		copy = alloc_page_copy(page);
		if (!copy)
			return -ENOMEM;
		page_put(page); /* the others keep it */
		*pte = copy | (*pte & ~PTE_ADDR_MASK);
	}
	*pte |= PTE_WRITE;
	flush_if_active(as, va);
	return 0;
}
