// SPDX-License-Identifier: MIT
/*
 * mremap(old, old_size, new_size, flags, new_addr): make a mapping
 * smaller or bigger, or move it, as Linux's mm/mremap.c does.
 *
 *   smaller            the tail goes, as munmap would; the address stays
 *   the same size      nothing happens
 *   bigger             in place, if the range after the region is free;
 *                      else, with MREMAP_MAYMOVE, to a free range
 *   MREMAP_FIXED       to new_addr exactly (what is there goes first)
 *   MREMAP_DONTUNMAP   moved, and the old range stays mapped, without
 *                      its pages (it reads zeros again)
 *
 *   before:   old [ A B C . ]          after a move:   old  (unmapped)
 *                   | | |                              new [ A B C . . . ]
 *                   v v v  page table entries carried over, 0 pages copied
 *
 * A move carries the page table entries to the new address: the pages
 * stay where they are, so growing a big block costs what its page
 * tables cost, not a copy (glibc's and musl's realloc count on it).
 *
 * "The region" is Linux's: Linux merges neighbouring anonymous regions
 * of the same protection into one vm_area_struct, which this kernel
 * keeps apart (mprotect splits and never joins), so the region is
 * joined with such neighbours first (vma_find_merged). The old range
 * must lie in it (else EFAULT), and it grows in place only if the old
 * range ends where it ends.
 *
 * Only private anonymous memory (mmap's) grows or moves; making any
 * other region (shared anonymous memory, the heap, the stack, a
 * program's segments) bigger or moving it is EINVAL here, where Linux
 * would do it. Making any region smaller is munmap, and works.
 */
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/vm.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#define MREMAP_FLAGS (MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)

/* Linux's PAGE_ALIGN, which wraps to 0 for the last page's lengths. */
static uint64_t page_align(uint64_t len)
{
	return (len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

/* One call's state, as Linux's struct vma_remap_struct. */
struct remap {
	struct address_space *as;
	uint64_t addr, old_len, new_len, new_addr;
	unsigned int flags;
	struct vm_area *vma; /* the region holding addr, merged */
};

/* munmap(start, len), with munmap's checks (Linux's do_vmi_munmap). */
static long unmap(struct address_space *as, uint64_t start, uint64_t len)
{
	if (start % PAGE_SIZE || !len || len > USER_SPACE_END ||
	    start > USER_SPACE_END - len)
		return -EINVAL;
	return vma_unmap(as, start, start + len);
}

/*
 * Linux's check_prep_vma: may the region grow, or move, from here? Only
 * when the call maps something new (a bigger size, or a new address).
 */
static long check_region(const struct remap *r)
{
	const struct vm_area *a = r->vma;
	uint64_t old_len = r->old_len;

	if (!a)
		return -EFAULT;
	if (r->new_len <= r->old_len &&
	    !(r->flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)))
		return 0;
	/* old_len 0 "duplicates" a shared mapping on Linux; nonsense for
	 * private memory. */
	if (!old_len && !a->shm)
		return -EINVAL;
	if (r->new_len < old_len)
		old_len = r->new_len; /* the tail goes: it may leave the region */
	if (old_len > a->end - r->addr)
		return -EFAULT; /* the old range leaves the region */
	/* What Linux does and this kernel does not (see the top). */
	if (a->kind != VMA_ANON || a->shm)
		return -EINVAL;
	return 0;
}

/* Move [addr, addr + old_len) to new_addr, where new_len bytes are
 * free, as a region of new_len bytes: new_addr, or -ENOMEM with nothing
 * moved. */
static long move(struct remap *r)
{
	uint64_t old_end = r->addr + r->old_len;
	unsigned int prot = r->vma->prot;
	struct address_space *as = r->as;

	/* Cut the old range out of its region first, so that nothing
	 * after the move can fail for want of memory. */
	if (vma_split(as, r->addr) || vma_split(as, old_end))
		return -ENOMEM;
	if (vma_add(as, r->new_addr, r->new_addr + r->new_len, prot, VMA_ANON))
		return -ENOMEM;
	if (vm_move_range(as, r->addr, r->new_addr, r->old_len)) {
		vma_unmap(as, r->new_addr, r->new_addr + r->new_len);
		return -ENOMEM;
	}
	if (!(r->flags & MREMAP_DONTUNMAP))
		vma_unmap(as, r->addr, old_end); /* no split left: no failure */
	return (long)r->new_addr;
}

/* Can the region grow by @delta bytes where it ends? */
static bool expandable(const struct remap *r, uint64_t delta)
{
	uint64_t end = r->vma->end + delta;

	return end > r->vma->end && end <= USER_SPACE_END &&
	       !vma_overlaps(r->as, r->vma->end, end);
}

/* Without MREMAP_FIXED or MREMAP_DONTUNMAP (Linux's mremap_at). */
static long remap_at(struct remap *r)
{
	uint64_t delta = r->new_len - r->old_len;
	long err;

	if (r->new_len == r->old_len)
		return (long)r->addr;
	if (r->new_len < r->old_len) {
		err = unmap(r->as, r->addr + r->new_len, r->old_len - r->new_len);
		return err ? err : (long)r->addr;
	}
	if (r->vma->end - r->addr == r->old_len && expandable(r, delta)) {
		r->vma->end += delta;
		return (long)r->addr;
	}
	if (!(r->flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	r->new_addr = vma_find_gap(r->as, r->new_len);
	if (!r->new_addr)
		return -ENOMEM;
	return move(r);
}

/* Is [addr, addr + len) free, and where mmap could put something? */
static bool free_range(const struct address_space *as, uint64_t addr,
		       uint64_t len)
{
	return addr >= USER_MIN_ADDR && addr <= USER_SPACE_END - len &&
	       !vma_overlaps(as, addr, addr + len);
}

/* With MREMAP_FIXED or MREMAP_DONTUNMAP (Linux's mremap_to). */
static long remap_to(struct remap *r)
{
	long err;

	if (r->flags & MREMAP_FIXED) {
		err = unmap(r->as, r->new_addr, r->new_len);
		if (err)
			return err;
	}
	if (r->new_len < r->old_len) {
		err = unmap(r->as, r->addr + r->new_len, r->old_len - r->new_len);
		if (err)
			return err;
		r->old_len = r->new_len;
	}
	/* The unmaps may have split the region: find it again. */
	r->vma = vma_find_merged(r->as, r->addr);
	if (!r->vma)
		return -EFAULT;
	if (r->flags & MREMAP_FIXED) {
		if (r->new_addr < USER_MIN_ADDR)
			return -EPERM; /* as mmap's MAP_FIXED there */
	} else if (!free_range(r->as, r->new_addr, r->new_len)) {
		/* MREMAP_DONTUNMAP alone: new_addr is a hint, as mmap's. */
		r->new_addr = vma_find_gap(r->as, r->new_len);
		if (!r->new_addr)
			return -ENOMEM;
	}
	return move(r);
}

/* The first region that reaches into [at, end), or NULL. */
static struct vm_area *first_in(const struct address_space *as, uint64_t at,
				uint64_t end)
{
	for (struct vm_area *a = as->areas; a && a->start < end; a = a->next)
		if (a->end > at)
			return a;
	return NULL;
}

/*
 * MREMAP_FIXED without a new size (Linux's remap_move, since 6.17):
 * the old range may hold several regions, and gaps between them; each
 * region's part moves to the same offset from new_addr, the gaps stay
 * as they are at both ends. Nothing mapped at old itself is -EFAULT.
 * A part that cannot move stops the call there, the parts before it
 * moved, as on Linux.
 */
static long remap_move(struct remap *r)
{
	uint64_t start = r->addr, end = r->addr + r->old_len, at = start;
	long res = -EFAULT, got;
	struct vm_area *a;

	while ((a = first_in(r->as, at, end))) {
		struct remap part = *r;

		if (at == start && a->start > start)
			return -EFAULT; /* a gap at the start */
		part.addr = a->start > at ? a->start : at;
		part.old_len = part.new_len = (a->end < end ? a->end : end) -
					      part.addr;
		part.new_addr = r->new_addr + (part.addr - start);
		part.vma = vma_find_merged(r->as, part.addr);
		got = check_region(&part);
		if (!got)
			got = remap_to(&part);
		if (got < 0)
			return got;
		if (at == start)
			res = got;
		at = part.addr + part.old_len;
	}
	return res;
}

/**
 * sys_mremap - mremap(old, old_size, new_size, flags, new_addr)
 *
 * See the top of this file. Returns the mapping's address, or Linux's
 * errors: -EINVAL (unknown flags, @old or a fixed @new_addr not page
 * aligned, @new_size 0 or beyond user space, MREMAP_FIXED or
 * MREMAP_DONTUNMAP without MREMAP_MAYMOVE, MREMAP_DONTUNMAP with a new
 * size, overlapping old and new ranges, @old_size 0 of private memory),
 * -EFAULT (nothing mapped at @old, or the old range leaves its region),
 * -ENOMEM (no room to grow in place without MREMAP_MAYMOVE, or none
 * anywhere).
 */
long sys_mremap(struct pt_regs *regs)
{
	struct remap r = { .as = current->as, .addr = regs->rdi,
			   .old_len = page_align(regs->rsi),
			   .new_len = page_align(regs->rdx),
			   .flags = (unsigned int)regs->r10,
			   .new_addr = regs->r8 };
	bool to = r.flags & (MREMAP_FIXED | MREMAP_DONTUNMAP);
	long err;

	/* Linux's check_mremap_params, in its order, on the rounded sizes. */
	if (regs->r10 & ~(uint64_t)MREMAP_FLAGS || r.addr % PAGE_SIZE ||
	    !r.new_len || r.new_len > USER_SPACE_END)
		return -EINVAL;
	if (to && (r.new_addr > USER_SPACE_END - r.new_len ||
		   r.new_addr % PAGE_SIZE || !(r.flags & MREMAP_MAYMOVE) ||
		   ((r.flags & MREMAP_DONTUNMAP) && r.old_len != r.new_len) ||
		   (r.addr + r.old_len > r.new_addr &&
		    r.new_addr + r.new_len > r.addr)))
		return -EINVAL;
	if ((r.flags & MREMAP_FIXED) && r.old_len == r.new_len)
		return remap_move(&r);
	r.vma = r.addr < USER_SPACE_END ? vma_find_merged(r.as, r.addr) : NULL;
	err = check_region(&r);
	if (err)
		return err;
	return to ? remap_to(&r) : remap_at(&r);
}
