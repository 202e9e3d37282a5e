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
 * Copy-on-write. fork copies neither private pages nor the page tables
 * that map them. vm_clone() copies the upper levels (PML4, PDPTs, page
 * directories: a few pages) and shares every page table, the level
 * that holds the leaf entries, between parent and child: one more user
 * of the table in the page allocator, and both directory entries made
 * read-only. The CPU allows a write only if every level of the walk
 * allows it (Intel SDM Vol. 3A, 4.6), so the whole 2 MiB under a shared
 * table is read-only to both, whatever its leaf entries say:
 *
 *   after fork:                  after the child's first write under T:
 *   parent PDE -r-+              parent PDE -r--> table T (1) --r--+
 *                 +--> T (2)                                      +--> P (2)
 *   child  PDE -r-+    |         child  PDE -w--> table U (1) --r--+
 *                      +--w--> page P (1)
 *
 * (and then the write's copy-on-write fault gives the child its own P)
 *
 * The first write (or any change the kernel makes to an entry under a
 * shared table: a fault that maps a page, munmap, mprotect, mremap,
 * brk, madvise) first unshares the table (unshare_table()): the writer
 * gets a copy of it, and every private page the table maps gets one
 * more user, its entries read-only in both tables. From there a write
 * is the copy-on-write of pages: vm_cow_write() gives the writer a copy
 * of its own, or, if nobody else maps the page any more, makes the
 * entry writable again. A table whose other users have all let go is
 * only made writable again: its entries are as they were before fork.
 * So a read-only directory entry is the mark of a table fork shared,
 * and a writable private leaf entry always means the page has one user.
 *
 * A fork therefore costs what the upper tables cost, and the tables the
 * two processes go on to write to; exit frees a shared table's pages
 * only with its last user. A page whose entry is read-only for good (a
 * program's text) is shared and never copied. The kernel's own writes
 * to user memory (copy_to_user) fault the same way, since CR0.WP makes
 * ring 0 honour read-only entries; vm_lookup() reports the write bit
 * the CPU would use, every level's.
 */
#include <kernel/heap.h>
#include <kernel/io.h>
#include <kernel/paging.h>
#include <kernel/panic.h>
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

/*
 * The first entry of the table @t from @i on, below @n, that is not
 * empty (0), or @n. A program's address space is sparse: most of the
 * 512 entries of its tables are 0, and fork, exit and the first write
 * after a fork walk whole tables. Eight entries (a cache line) are
 * tested together, so an empty run costs about two instructions per
 * eight entries rather than four or five per entry.
 */
static unsigned int next_used(const uint64_t *t, unsigned int i,
			      unsigned int n)
{
	for (; i + 8 <= n; i += 8)
		if (t[i] | t[i + 1] | t[i + 2] | t[i + 3] | t[i + 4] |
		    t[i + 5] | t[i + 6] | t[i + 7])
			break;
	while (i < n && !t[i])
		i++;
	return i;
}

/* Every index @i of an entry of @t below @n that is not 0. */
#define for_each_used(i, t, n)                                               \
	for (unsigned int i = next_used(t, 0, n); i < (n);                   \
	     i = next_used(t, i + 1, n))

/* Does the directory entry @pde lead to a page table that fork shared
 * (and that may still be shared)? User tables are otherwise writable at
 * every level above the leaf. */
static bool table_shared(uint64_t pde)
{
	return (pde & PTE_PRESENT) && !(pde & PTE_WRITE);
}

/* Drop every cached translation of @as, if it is loaded (one CPU). */
static void flush_all_if_active(struct address_space *as)
{
	if ((read_cr3() & PTE_ADDR_MASK) == as->pml4_phys)
		write_cr3(as->pml4_phys);
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

	for_each_used(i, t, n) {
		if (!(t[i] & PTE_PRESENT))
			continue;
		if (level == 1)
			drop_pte(as, &t[i]);
		else if (level == 2 && page_users(t[i] & PTE_ADDR_MASK) > 1)
			page_put(t[i] & PTE_ADDR_MASK); /* a table others share */
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

/*
 * Make the page table under the directory entry @pde @as's own, before
 * an entry in it changes. A table others still share is copied: the
 * copy and the original map the same pages, so each private page gets
 * one more user and goes read-only in both (the original's other users
 * see it read-only already, through their own read-only entry). A
 * table nobody else shares any more is only made writable. 0, or
 * -ENOMEM with nothing changed.
 */
static int unshare_table(struct address_space *as, uint64_t *pde)
{
	uint64_t table = *pde & PTE_ADDR_MASK, copy;
	uint64_t *from, *to;

	if (!table_shared(*pde))
		return 0;
	if (page_users(table) > 1) {
		copy = alloc_page_copy(table);
		if (!copy)
			return -ENOMEM;
		from = PHYS_TO_VIRT(table);
		to = PHYS_TO_VIRT(copy);
		for_each_used(i, from, 512) {
			if (!(from[i] & PTE_PRESENT) || (from[i] & PTE_SW_SHARED))
				continue;
			from[i] &= ~PTE_WRITE;
			to[i] = from[i];
			page_get(from[i] & PTE_ADDR_MASK);
		}
		page_put(table); /* the others keep it */
		*pde = copy | (*pde & ~PTE_ADDR_MASK);
	}
	*pde |= PTE_WRITE;
	/* Cached walks may lead through the old table, read-only. */
	flush_all_if_active(as);
	return 0;
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
		/* The caller changes the leaf entry: not in a shared table. */
		if (level == 2 && unshare_table(as, e))
			return NULL;
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
	uint64_t write = PTE_WRITE;

	if (va >= USER_SPACE_END)
		return 0;
	for (int level = 4; level >= 1; level--) {
		uint64_t e = t[(va >> level_shift[level]) & 511];

		if (!(e & PTE_PRESENT))
			return 0;
		/* Writable only if every level says so, as the CPU has it:
		 * under a shared table the leaf's own bit is not the answer. */
		if (level == 1)
			return (e & ~PTE_WRITE) | (e & write);
		write &= e;
		t = table_virt(e);
	}
	return 0;
}

/* The first entry of a table at @level that covers @start, the table
 * itself covering from @base: not always entry 0. */
static unsigned int first_index(int level, uint64_t base, uint64_t start)
{
	return start > base ? (start - base) >> level_shift[level] : 0;
}

/*
 * A walk that changes entries must not meet one in a table still
 * shared: its callers unshare the range first (vm_unshare_range). A
 * shared table without an entry in the range may stay shared: the walk
 * has nothing to do in it.
 */
static void check_unshared(const uint64_t *pt, uint64_t base, uint64_t start,
			   uint64_t end)
{
	for (unsigned int i = first_index(1, base, start);
	     i < 512 && base + i * PAGE_SIZE < end; i++)
		if (pt[i] & PTE_PRESENT)
			panic("vm: a walk meets %#lx in a shared page table",
			      base + i * PAGE_SIZE);
}

/* vm_walk_range below one table at @level covering [base, base + span). */
static void walk_level(struct address_space *as, uint64_t *t, int level,
		       uint64_t base, uint64_t start, uint64_t end,
		       void (*fn)(struct address_space *, uint64_t *, uint64_t,
				  void *),
		       void *arg)
{
	uint64_t size = 1ul << level_shift[level];
	for (unsigned int i = first_index(level, base, start); i < 512; i++) {
		uint64_t va = base + i * size;

		if (va >= end)
			break;
		if (!(t[i] & PTE_PRESENT))
			continue;
		if (level == 1)
			fn(as, &t[i], va, arg);
		else if (level == 2 && table_shared(t[i]))
			check_unshared(table_virt(t[i]), va, start, end);
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

/* Does the page table @pt, covering from @base, map a page in
 * [start, end)? */
static bool maps_any(const uint64_t *pt, uint64_t base, uint64_t start,
		     uint64_t end)
{
	for (unsigned int i = first_index(1, base, start);
	     i < 512 && base + i * PAGE_SIZE < end; i++)
		if (pt[i] & PTE_PRESENT)
			return true;
	return false;
}

/*
 * Let go of the shared page table under @pde, which others still use,
 * instead of copying it: a range about to be unmapped covers all of it.
 * Its pages stay with the others; @as no longer counts them.
 */
static void drop_shared_table(struct address_space *as, uint64_t *pde)
{
	const uint64_t *pt = table_virt(*pde);

	for_each_used(i, pt, 512)
		if ((pt[i] & PTE_PRESENT) && !(pt[i] & PTE_SW_SHARED))
			as->pages--;
	page_put(*pde & PTE_ADDR_MASK);
	*pde = 0;
	flush_all_if_active(as);
}

/* What vm_unshare_range and vm_unshare_for_unmap ask of a walk. */
struct unshare {
	uint64_t start, end;
	bool unmap;   /* the range's entries are about to go */
	bool to_drop; /* the first pass found a table to let go */
	bool drop;    /* the second pass of an unmap's: let go, copy nothing */
};

/* The walk of struct unshare below one table at @level, which covers
 * from @base. */
static int unshare_level(struct address_space *as, uint64_t *t, int level,
			 uint64_t base, struct unshare *u)
{
	uint64_t size = 1ul << level_shift[level];

	for (unsigned int i = first_index(level, base, u->start); i < 512;
	     i++) {
		uint64_t va = base + i * size;

		if (va >= u->end)
			break;
		if (!(t[i] & PTE_PRESENT))
			continue;
		if (level > 2) {
			if (unshare_level(as, table_virt(t[i]), level - 1, va,
					  u))
				return -ENOMEM;
		} else if (!table_shared(t[i]) ||
			   !maps_any(table_virt(t[i]), va, u->start, u->end)) {
			continue; /* our own, or shared but with nothing to
				   * change in the range */
		} else if (u->unmap && va >= u->start && va + size <= u->end &&
			   page_users(t[i] & PTE_ADDR_MASK) > 1) {
			if (u->drop)
				drop_shared_table(as, &t[i]);
			u->to_drop = true;
		} else if (!u->drop && unshare_table(as, &t[i])) {
			return -ENOMEM;
		}
	}
	return 0;
}

/* The directory entry for @va's page table, or 0 if there is none. */
static uint64_t pde_of(const struct address_space *as, uint64_t va)
{
	const uint64_t *t = PHYS_TO_VIRT(as->pml4_phys);

	for (int level = 4; level > 2; level--) {
		uint64_t e = t[(va >> level_shift[level]) & 511];

		if (!(e & PTE_PRESENT))
			return 0;
		t = table_virt(e);
	}
	return t[PD_INDEX(va)];
}

static int unshare_range(struct address_space *as, uint64_t start,
			 uint64_t end, bool unmap)
{
	struct unshare u = { start, end, unmap, false, false };
	uint64_t *pml4 = PHYS_TO_VIRT(as->pml4_phys);

	if (u.end > USER_SPACE_END)
		u.end = USER_SPACE_END;
	if (u.start >= u.end)
		return 0;
	/* The common case, a range within one table that is our own:
	 * one look at its directory entry, not a walk (munmap's cost). */
	if (start >> level_shift[2] == (u.end - 1) >> level_shift[2] &&
	    !table_shared(pde_of(as, start)))
		return 0;
	/* Copies first, which may fail; only then let go of the tables
	 * the range covers whole, which unmaps them and cannot fail:
	 * after a failure, nothing anybody sees has changed. */
	if (unshare_level(as, pml4, 4, 0, &u))
		return -ENOMEM;
	u.drop = true;
	return u.to_drop ? unshare_level(as, pml4, 4, 0, &u) : 0;
}

int vm_unshare_range(struct address_space *as, uint64_t start, uint64_t end)
{
	return unshare_range(as, start, end, false);
}

int vm_unshare_for_unmap(struct address_space *as, uint64_t start,
			 uint64_t end)
{
	return unshare_range(as, start, end, true);
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

	/* The old entries change: their tables must be our own. */
	if (vm_unshare_range(as, from, from + len))
		return -ENOMEM;
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
 * @level (4 = PML4, 2 = a page directory), @d the child's empty one. The
 * upper tables are copied; each page table is shared: one more user,
 * and the directory entries that lead to it read-only in both (see the
 * top of this file). Its entries and the pages they map stay as they
 * are until one side changes one.
 */
static bool clone_level(uint64_t *src, uint64_t *d, int level)
{
	unsigned int n = level == 4 ? USER_PML4_ENTRIES : 512;

	for_each_used(i, src, n) {
		uint64_t e = src[i], table;

		if (!(e & PTE_PRESENT))
			continue;
		if (level == 2) {
			page_get(e & PTE_ADDR_MASK);
			src[i] = d[i] = e & ~PTE_WRITE;
			continue;
		}
		table = alloc_page();
		if (!table)
			return false;
		/* Linked first, so that vm_destroy() finds what a failure
		 * leaves half made. */
		d[i] = table | (e & ~PTE_ADDR_MASK);
		if (!clone_level(table_virt(e), PHYS_TO_VIRT(table), level - 1))
			return false;
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
	ok = clone_level(PHYS_TO_VIRT(src->pml4_phys),
			 PHYS_TO_VIRT(dst->pml4_phys), 4);
	/* Every page the parent maps, the child maps too, through the
	 * same tables. */
	dst->pages = src->pages;
	/* The parent's directory entries lost their write bit: drop what
	 * the TLB remembers (even after a failure, which leaves some so). */
	flush_all_if_active(src);
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
