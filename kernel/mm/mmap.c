// SPDX-License-Identifier: MIT
/*
 * Regions of user address spaces, page faults, and the memory calls:
 * mmap, munmap, mprotect, madvise and brk.
 *
 * An address space is a sorted list of regions (struct vm_area in
 * <kernel/vm.h>), each a page-aligned range with one protection:
 *
 *   VMA_ELF    a program segment, its pages mapped at execve (the
 *              program file's own pages where they can be,
 *              kernel/proc/elf.c)
 *   VMA_HEAP   the brk heap: its pages are allocated as brk grows, so
 *              brk fails cleanly when memory runs out
 *   VMA_STACK  the 8 MiB user stack: pages on first touch
 *   VMA_ANON   mmap(MAP_ANONYMOUS): pages on first touch (demand-zero),
 *              so a program may reserve far more than there is memory
 *
 * A page fault inside a region, allowed by its protection, on a page
 * not yet there, brings in a zeroed page; a write the region allows to
 * a page fork left read-only gets a copy of it (copy-on-write,
 * kernel/mm/vm.c); any other fault is the program's (SIGSEGV). When no
 * page is left, the process that touched the page ends with SIGKILL and
 * one line saying so; the kernel goes on.
 *
 * MAP_SHARED|MAP_ANONYMOUS pages belong to a struct shared_anon that all
 * regions mapping them (after fork, in several processes) count; the
 * page tables map them with PTE_SW_SHARED and never free them.
 */
#include <kernel/console.h>
#include <kernel/heap.h>
#include <kernel/io.h>
#include <kernel/pmm.h>
#include <kernel/proc.h>
#include <kernel/trap.h>
#include <kernel/vm.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

/* What MAP_SHARED_VALIDATE accepts: Linux's legacy flags and the ones
 * this kernel knows, all below bit 21. */
#define MAP_KNOWN_FLAGS 0x1fffff

#define PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)

static uint64_t page_down(uint64_t a)
{
	return a & ~(PAGE_SIZE - 1);
}

/* Round @len up to pages; 0 if that overflows or leaves user space. */
static uint64_t page_len(uint64_t len)
{
	if (len > USER_SPACE_END)
		return 0;
	return (len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

/* ------------------------------------------------ shared anonymous pages */

/* At most SHM_MAX_PAGES: one directory page of 512 leaf pages, each
 * holding 512 physical addresses (1 GiB). */
#define SHM_FANOUT (PAGE_SIZE / sizeof(uint64_t))
#define SHM_MAX_PAGES (SHM_FANOUT * SHM_FANOUT)

struct shared_anon {
	unsigned int refs; /* regions that map it */
	uint64_t npages;
	uint64_t dir;      /* physical address of the directory page */
};

static struct shared_anon *shm_create(uint64_t npages)
{
	struct shared_anon *s;

	if (npages > SHM_MAX_PAGES)
		return NULL;
	s = kmalloc(sizeof(*s));
	if (!s)
		return NULL;
	s->dir = alloc_page();
	if (!s->dir) {
		kfree(s);
		return NULL;
	}
	s->refs = 1;
	s->npages = npages;
	return s;
}

static void shm_put(struct shared_anon *s)
{
	uint64_t *dir;

	if (!s || --s->refs)
		return;
	dir = PHYS_TO_VIRT(s->dir);
	for (unsigned int i = 0; i < SHM_FANOUT; i++) {
		uint64_t *leaf;

		if (!dir[i])
			continue;
		leaf = PHYS_TO_VIRT(dir[i]);
		for (unsigned int j = 0; j < SHM_FANOUT; j++)
			if (leaf[j])
				free_page(leaf[j]);
		free_page(dir[i]);
	}
	free_page(s->dir);
	kfree(s);
}

/* Page @index of @s, allocated (zeroed) on first use; 0 if out of memory. */
static uint64_t shm_page(struct shared_anon *s, uint64_t index)
{
	uint64_t *dir = PHYS_TO_VIRT(s->dir), *leaf;

	if (index >= s->npages)
		return 0;
	if (!dir[index / SHM_FANOUT]) {
		dir[index / SHM_FANOUT] = alloc_page();
		if (!dir[index / SHM_FANOUT])
			return 0;
	}
	leaf = PHYS_TO_VIRT(dir[index / SHM_FANOUT]);
	if (!leaf[index % SHM_FANOUT])
		leaf[index % SHM_FANOUT] = alloc_page();
	return leaf[index % SHM_FANOUT];
}

/* ---------------------------------------------------------------- regions */

struct vm_area *vma_find(const struct address_space *as, uint64_t addr)
{
	for (struct vm_area *a = as->areas; a && a->start <= addr; a = a->next)
		if (addr < a->end)
			return a;
	return NULL;
}

bool vma_overlaps(const struct address_space *as, uint64_t start, uint64_t end)
{
	for (struct vm_area *a = as->areas; a && a->start < end; a = a->next)
		if (a->end > start)
			return true;
	return false;
}

/* Link @n into the sorted list. */
static void vma_link(struct address_space *as, struct vm_area *n)
{
	struct vm_area **pp = &as->areas;

	while (*pp && (*pp)->start < n->start)
		pp = &(*pp)->next;
	n->next = *pp;
	*pp = n;
}

static struct vm_area *vma_new(uint64_t start, uint64_t end, unsigned int prot,
			       unsigned int kind)
{
	struct vm_area *a = kmalloc(sizeof(*a));

	if (a)
		*a = (struct vm_area){ .start = start, .end = end, .prot = prot,
				       .kind = kind };
	return a;
}

int vma_add(struct address_space *as, uint64_t start, uint64_t end,
	    unsigned int prot, unsigned int kind)
{
	struct vm_area *a = vma_new(start, end, prot, kind);

	if (!a)
		return -ENOMEM;
	vma_link(as, a);
	return 0;
}

static void vma_free(struct vm_area *a)
{
	shm_put(a->shm);
	kfree(a);
}

void vma_destroy_all(struct address_space *as)
{
	while (as->areas) {
		struct vm_area *a = as->areas;

		as->areas = a->next;
		vma_free(a);
	}
}

int vma_clone(struct address_space *dst, const struct address_space *src)
{
	struct vm_area **tail = &dst->areas;

	for (const struct vm_area *a = src->areas; a; a = a->next) {
		struct vm_area *n = kmalloc(sizeof(*n));

		if (!n)
			return -ENOMEM;
		*n = *a;
		n->next = NULL;
		if (n->shm)
			n->shm->refs++;
		*tail = n;
		tail = &n->next;
	}
	return 0;
}

/*
 * Split the region containing @at (if one does and @at is inside it) in
 * two at @at. The two halves together mean what the one did, so a split
 * that is not followed by anything else changes nothing.
 */
int vma_split(struct address_space *as, uint64_t at)
{
	struct vm_area *a = vma_find(as, at), *b;

	if (!a || a->start == at)
		return 0;
	b = vma_new(at, a->end, a->prot, a->kind);
	if (!b)
		return -ENOMEM;
	b->shm = a->shm;
	if (a->kind == VMA_ELF)
		b->file_offset = a->file_offset + (at - a->start);
	if (b->shm) {
		b->shm->refs++;
		b->shm_pgoff = a->shm_pgoff + (at - a->start) / PAGE_SIZE;
	}
	a->end = at;
	b->next = a->next;
	a->next = b;
	return 0;
}

/* Remove every region and page in [start, end); 0 or -ENOMEM (from a
 * split, before anything was removed). */
int vma_unmap(struct address_space *as, uint64_t start, uint64_t end)
{
	struct vm_area **pp = &as->areas;

	/* The splits change nothing by themselves; the unsharing, which
	 * may let go of tables, must come after anything that can fail. */
	if (vma_split(as, start) || vma_split(as, end) ||
	    vm_unshare_for_unmap(as, start, end))
		return -ENOMEM;
	vm_unmap_range(as, start, end);
	while (*pp) {
		struct vm_area *a = *pp;

		if (a->start >= start && a->end <= end) {
			*pp = a->next;
			vma_free(a);
		} else {
			pp = &a->next;
		}
	}
	return 0;
}

/*
 * Would Linux have made @b, which follows @a, one region with it? Its
 * vma_merge joins neighbours that map the same kind of memory the same
 * way: anonymous private memory of one protection, or pieces of one
 * shared mapping in order. This kernel keeps them apart (mmap adds a
 * region, mprotect splits one and never joins them again), which means
 * the same thing, until a call such as mremap asks about "the region".
 */
bool vma_mergeable(const struct vm_area *a, const struct vm_area *b)
{
	if (a->end != b->start || a->kind != VMA_ANON || b->kind != VMA_ANON ||
	    a->prot != b->prot || a->shm != b->shm)
		return false;
	return !a->shm ||
	       b->shm_pgoff == a->shm_pgoff + (a->end - a->start) / PAGE_SIZE;
}

struct vm_area *vma_find_merged(struct address_space *as, uint64_t addr)
{
	struct vm_area *head = NULL, *prev = NULL, *a;

	for (a = as->areas; a && a->start <= addr; prev = a, a = a->next) {
		if (!prev || !vma_mergeable(prev, a))
			head = a;
		if (addr < a->end)
			break;
	}
	if (!a || a->start > addr)
		return NULL;
	while (head->next && vma_mergeable(head, head->next)) {
		struct vm_area *n = head->next;

		head->end = n->end;
		head->next = n->next;
		vma_free(n); /* a shared mapping: head holds it too */
	}
	return head;
}

/* Is [start, end) covered by regions, without a hole? */
static bool vma_covers(const struct address_space *as, uint64_t start,
		       uint64_t end)
{
	uint64_t at = start;

	for (struct vm_area *a = as->areas; a && at < end; a = a->next) {
		if (a->end <= at)
			continue;
		if (a->start > at)
			return false;
		at = a->end;
	}
	return at >= end;
}

/* The highest free range of @len bytes below USER_MMAP_TOP, or 0. */
uint64_t vma_find_gap(const struct address_space *as, uint64_t len)
{
	uint64_t best = 0, gap_start = USER_MIN_ADDR;

	for (const struct vm_area *a = as->areas;; a = a->next) {
		uint64_t gap_end = a ? a->start : USER_MMAP_TOP;

		if (gap_end > USER_MMAP_TOP)
			gap_end = USER_MMAP_TOP;
		if (gap_end > gap_start && gap_end - gap_start >= len)
			best = gap_end - len;
		if (!a || a->end >= USER_MMAP_TOP)
			break;
		if (a->end > gap_start)
			gap_start = a->end;
	}
	return best;
}

/* ------------------------------------------------------------ page faults */

int vm_fault(struct address_space *as, uint64_t addr, uint64_t error_code)
{
	struct vm_area *a = vma_find(as, addr);
	uint64_t va = page_down(addr), *pte, page, flags;

	if (!a)
		return -EFAULT; /* no region */
	if (!(a->prot & PROT_ALL) ||
	    ((error_code & PF_WRITE) && !(a->prot & PROT_WRITE)) ||
	    ((error_code & PF_INSTR) && !(a->prot & PROT_EXEC)))
		return -EFAULT;
	pte = vm_walk_create(as, va);
	if (!pte)
		return -ENOMEM;
	if (error_code & PF_PRESENT) {
		/* A protection fault the region allows: only a write under
		 * a page table fork shared (vm_walk_create() unshared it)
		 * or to a private page fork shared is ours to mend. */
		if (!(error_code & PF_WRITE))
			return -EFAULT;
		if (!(*pte & PTE_PRESENT))
			return 0; /* gone meanwhile: the retry brings one in */
		if (*pte & PTE_SW_SHARED)
			return *pte & PTE_WRITE ? 0 : -EFAULT;
		return vm_cow_write(as, pte, va);
	}
	if (*pte & PTE_PRESENT)
		return 0;
	flags = vm_prot_pte(a->prot);
	if (a->shm) {
		page = shm_page(a->shm, a->shm_pgoff + (va - a->start) / PAGE_SIZE);
		flags |= PTE_SW_SHARED;
	} else {
		page = alloc_page();
		if (page)
			as->pages++;
	}
	if (!page)
		return -ENOMEM;
	*pte = page | flags;
	return 0;
}

/**
 * vm_handle_page_fault - demand paging for the trap handler
 *
 * A fault in ring 3, or in the kernel's user-copy routines (which have
 * exception-table entries), at a user address of the current process:
 * a page not there yet, or a write to a copy-on-write page (a read()
 * into a buffer the process shares with its parent lands here).
 * Out of memory ends the process with SIGKILL: at once from ring 3; from
 * a copy routine once the system call returns (the copy fails first).
 */
bool vm_handle_page_fault(struct pt_regs *regs)
{
	uint64_t addr = read_cr2();
	int r;

	if (!current || addr >= USER_SPACE_END || !current->as)
		return false;
	if (!user_mode(regs) && !search_exception_table(regs->rip))
		return false;
	r = vm_fault(current->as, addr, regs->error_code);
	if (r == 0)
		return true;
	if (r == -ENOMEM) {
		if (user_mode(regs))
			task_kill(regs, "out of memory at address %#lx", addr);
		color_printk(RED, BLACK,
			     "pid %d (%s): out of memory at address %#lx\n",
			     current->pid, current->name, addr);
		current->killed = SIGKILL;
	}
	return false;
}

/* ----------------------------------------------------------- system calls */

/* mmap with MAP_FIXED: replace whatever is at [addr, addr + len). */
static long map_fixed(struct address_space *as, uint64_t addr, uint64_t len,
		      int flags)
{
	if (addr % PAGE_SIZE)
		return -EINVAL;
	if (addr > USER_SPACE_END - len)
		return -ENOMEM;
	if (addr < USER_MIN_ADDR)
		return -EPERM; /* Linux: below vm.mmap_min_addr */
	if ((flags & MAP_FIXED_NOREPLACE) && vma_overlaps(as, addr, addr + len))
		return -EEXIST;
	if (vma_unmap(as, addr, addr + len))
		return -ENOMEM;
	return (long)addr;
}

/**
 * sys_mmap - mmap(addr, length, prot, flags, fd, offset): anonymous memory
 *
 * MAP_PRIVATE or MAP_SHARED with MAP_ANONYMOUS (there are no files yet:
 * any other mapping fails with -EBADF), MAP_FIXED, MAP_FIXED_NOREPLACE;
 * MAP_NORESERVE, MAP_POPULATE, MAP_STACK and the like are accepted and
 * change nothing, since every page comes on first touch. Without
 * MAP_FIXED, a free @addr is taken as given, else the highest free range
 * below USER_MMAP_TOP. Errors as Linux's: EINVAL (misaligned offset or
 * fixed address, length 0, no type), ENOMEM (no room, or outside user
 * space), EPERM (fixed below USER_MIN_ADDR), EEXIST.
 */
long sys_mmap(struct pt_regs *regs)
{
	uint64_t addr = regs->rdi, len = page_len(regs->rsi);
	unsigned int prot = (unsigned int)regs->rdx & PROT_ALL;
	int flags = (int)regs->r10;
	struct address_space *as = current->as;
	struct vm_area *a;
	long at;

	if (regs->r9 % PAGE_SIZE)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -EBADF;
	if (!regs->rsi)
		return -EINVAL;
	switch (flags & MAP_TYPE) {
	case MAP_SHARED_VALIDATE:
		if (flags & ~MAP_KNOWN_FLAGS)
			return -EOPNOTSUPP;
		break;
	case MAP_SHARED:
	case MAP_PRIVATE:
		break;
	default:
		return -EINVAL;
	}
	if (!len)
		return -ENOMEM;
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		at = map_fixed(as, addr, len, flags);
		if (at < 0)
			return at;
	} else {
		addr = page_down(addr);
		if (addr < USER_MIN_ADDR || addr > USER_SPACE_END - len ||
		    vma_overlaps(as, addr, addr + len))
			addr = vma_find_gap(as, len);
		if (!addr)
			return -ENOMEM;
		at = (long)addr;
	}
	a = vma_new((uint64_t)at, (uint64_t)at + len, prot, VMA_ANON);
	if (!a)
		return -ENOMEM;
	if (flags & MAP_SHARED) { /* MAP_SHARED or MAP_SHARED_VALIDATE */
		a->shm = shm_create(len / PAGE_SIZE);
		if (!a->shm) {
			kfree(a);
			return -ENOMEM;
		}
	}
	vma_link(as, a);
	return at;
}

/** sys_munmap - munmap(addr, length): -EINVAL if misaligned, empty or
 * outside user space; unmapping what is not mapped is not an error. */
long sys_munmap(struct pt_regs *regs)
{
	uint64_t addr = regs->rdi, len = page_len(regs->rsi);

	if (addr % PAGE_SIZE || !regs->rsi || !len ||
	    addr > USER_SPACE_END - len)
		return -EINVAL;
	return vma_unmap(current->as, addr, addr + len);
}

static void protect_one(struct address_space *as, uint64_t *pte, uint64_t va,
			void *arg)
{
	uint64_t keep = *pte & (PTE_ADDR_MASK | PTE_SW_SHARED);
	uint64_t flags = vm_prot_pte(*(unsigned int *)arg);

	/* A private page another page table still maps stays read-only:
	 * the first write must copy it (copy-on-write). */
	if (!(keep & PTE_SW_SHARED) && page_users(keep & PTE_ADDR_MASK) > 1)
		flags &= ~PTE_WRITE;
	*pte = keep | flags;
	if ((read_cr3() & PTE_ADDR_MASK) == as->pml4_phys)
		__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/**
 * sys_mprotect - mprotect(addr, length, prot)
 * -EINVAL for a misaligned address or unknown bits, -ENOMEM when part of
 * the range is not mapped (then nothing changes).
 */
long sys_mprotect(struct pt_regs *regs)
{
	uint64_t addr = regs->rdi, len = page_len(regs->rsi), end;
	unsigned int prot = (unsigned int)regs->rdx;
	struct address_space *as = current->as;

	/* Linux's order: alignment, empty range, a range that wraps or
	 * leaves user space, then the bits. */
	if (addr % PAGE_SIZE)
		return -EINVAL;
	if (!regs->rsi)
		return 0;
	if (!len || addr > USER_SPACE_END - len)
		return -ENOMEM;
	if (prot & ~PROT_ALL)
		return -EINVAL;
	end = addr + len;
	if (!vma_covers(as, addr, end))
		return -ENOMEM;
	if (vm_unshare_range(as, addr, end) || vma_split(as, addr) ||
	    vma_split(as, end))
		return -ENOMEM;
	for (struct vm_area *a = as->areas; a && a->start < end; a = a->next)
		if (a->start >= addr)
			a->prot = prot;
	vm_walk_range(as, addr, end, protect_one, &prot);
	return 0;
}

/**
 * sys_madvise - madvise(addr, length, advice)
 *
 * MADV_DONTNEED drops the pages: private anonymous memory reads back as
 * zeros, shared memory as what the other mappings hold. Hints that need
 * nothing done (NORMAL, RANDOM, SEQUENTIAL, WILLNEED, FREE) succeed.
 */
long sys_madvise(struct pt_regs *regs)
{
	uint64_t addr = regs->rdi, len = regs->rsi, end;
	struct address_space *as = current->as;

	/* Linux's order: the advice, alignment, a length that wraps. */
	switch (regs->rdx) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_FREE:
		break;
	default:
		return -EINVAL;
	}
	if (addr % PAGE_SIZE)
		return -EINVAL;
	end = addr + ((len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
	if (len > ~0ul - PAGE_SIZE || end < addr)
		return -EINVAL;
	if (end == addr)
		return 0;
	/* Beyond user space nothing is mapped. */
	if (end > USER_SPACE_END || !vma_covers(as, addr, end))
		return -ENOMEM;
	if (regs->rdx == MADV_DONTNEED) {
		if (vm_unshare_for_unmap(as, addr, end))
			return -ENOMEM;
		vm_unmap_range(as, addr, end);
	}
	return 0;
}

/**
 * sys_brk - brk(addr): move the end of the heap to @addr
 *
 * Returns the new end, or the old one if @addr is out of range, runs
 * into another mapping, or memory ran out (Linux's semantics); brk(0)
 * asks for the current end. Heap pages are allocated here, not on first
 * touch, so a program learns that memory ran out from brk itself.
 */
long sys_brk(struct pt_regs *regs)
{
	struct address_space *as = current->as;
	uint64_t want = regs->rdi, old = as->brk;
	uint64_t old_top = (old + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	uint64_t new_top = (want + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	struct vm_area *heap;

	if (want < as->brk_start || want > USER_STACK_GUARD)
		return (long)old;
	if (new_top > old_top) {
		if (vma_overlaps(as, old_top, new_top))
			return (long)old;
		for (uint64_t va = old_top; va < new_top; va += PAGE_SIZE) {
			if (!vm_map_new_page(as, va, VM_WRITE)) {
				vm_unmap_range(as, old_top, va);
				return (long)old;
			}
		}
		/* Grow the heap's region, or make it. */
		heap = old_top > as->brk_start ? vma_find(as, old_top - 1)
						    : NULL;
		if (heap && heap->kind == VMA_HEAP && heap->end == old_top) {
			heap->end = new_top;
		} else if (vma_add(as, old_top, new_top, PROT_READ | PROT_WRITE,
				   VMA_HEAP)) {
			vm_unmap_range(as, old_top, new_top);
			return (long)old;
		}
	} else if (new_top < old_top && vma_unmap(as, new_top, old_top)) {
		return (long)old;
	}
	as->brk = want;
	return (long)want;
}
