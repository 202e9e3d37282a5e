/* SPDX-License-Identifier: MIT */
/*
 * Address spaces for user programs (kernel/mm/vm.c): a PML4 whose lower half
 * is the program's own and whose upper half is the kernel's, shared.
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kernel/mmu.h>
#include <uapi/mman.h>

/*
 * The user stack: 8 MiB (Linux's default RLIMIT_STACK) below
 * USER_STACK_TOP, its pages allocated on first touch, with an unmapped
 * guard page below. It sits 4 GiB below the end of the lower half, so a
 * program may still place code in the very last page (tests do: a
 * SYSCALL in the last bytes of user space returns to a non-canonical
 * address).
 */
#define USER_STACK_TOP (USER_SPACE_END - (_UL(1) << 32))
#define USER_STACK_SIZE (_UL(8) << 20)
#define USER_STACK_BOTTOM (USER_STACK_TOP - USER_STACK_SIZE)
/* Program segments stay out of [USER_STACK_GUARD, USER_STACK_TOP). */
#define USER_STACK_GUARD (USER_STACK_BOTTOM - PAGE_SIZE)
/* mmap without an address takes the highest free range below this. */
#define USER_MMAP_TOP (USER_STACK_GUARD - (_UL(1) << 30))
/* Nothing is mapped below this (catches NULL pointers); Linux's default
 * vm.mmap_min_addr. */
#define USER_MIN_ADDR 0x10000

/* Page-table flags for user mappings. */
#define VM_READ 0
#define VM_WRITE 1
#define VM_EXEC 2

/* Protection bits of regions: PROT_* of mmap(2), <uapi/mman.h>. */

struct shared_anon;

/*
 * A region of an address space (Linux's vm_area_struct): a page-aligned
 * range with one protection, whose pages come from the ELF file, brk, or
 * on first touch (anonymous memory, the stack). The regions of an
 * address space are a list sorted by address that never overlap.
 */
struct vm_area {
	uint64_t start, end;      /* [start, end) */
	unsigned int prot;        /* PROT_* */
	unsigned int kind;        /* VMA_* */
	struct shared_anon *shm;  /* MAP_SHARED|MAP_ANONYMOUS: the pages */
	uint64_t shm_pgoff;       /* which page of shm is at start */
	uint64_t file_offset;     /* VMA_ELF: where start's page is in the
				   * program file (/proc/PID/maps) */
	struct vm_area *next;
};

enum { VMA_ANON, VMA_ELF, VMA_HEAP, VMA_STACK };

/*
 * The user half of memory (Linux's mm_struct): page tables, regions and
 * the heap. Threads made by clone(CLONE_VM) share one; it goes when the
 * last of them lets go (vm_put).
 */
struct address_space {
	uint64_t pml4_phys;
	uint64_t pages; /* private pages mapped in the user half (not tables) */
	struct vm_area *areas;
	uint64_t brk_start, brk; /* the heap: brk(2) */
	unsigned int users;      /* processes and threads using it */
	/* What /proc/PID shows of the program (Linux's mm_struct has
	 * them too): its argument and environment strings on the stack,
	 * the stack pointer it started with, and the file it runs, which
	 * it holds, with the name it was found by (a detached dentry). */
	uint64_t arg_start, arg_end, env_start, env_end;
	uint64_t start_stack;
	struct inode *exe;
	struct dentry *exe_name;
};

struct inode;
struct dentry;

/* A new empty address space with one user, or NULL (out of memory). */
struct address_space *vm_new(void);
/* The program @as runs is @file, found by @name (which passes to @as;
 * may be NULL). */
void vm_set_exe(struct address_space *as, struct inode *file,
		struct dentry *name);
/* fork: what @dst (a copy of @src's memory) inherits besides the
 * pages: the heap's bounds and what /proc shows of the program. */
void vm_inherit(struct address_space *dst, const struct address_space *src);
/* One more user of @as; and one fewer, freeing it with the last. */
struct address_space *vm_get(struct address_space *as);
void vm_put(struct address_space *as);

bool vm_create(struct address_space *as);
void vm_destroy(struct address_space *as);
void vm_activate(const struct address_space *as);
void vm_activate_kernel(void);

/**
 * vm_map_new_page - map a fresh zeroed page at user address @va
 * Returns its physical address, or 0 when memory ran out or @va is
 * already mapped or not a user address.
 */
uint64_t vm_map_new_page(struct address_space *as, uint64_t va, int prot);

/**
 * vm_map_page - map the page @page, whose use the caller hands over, at
 * user address @va: a private entry, which drops that use when it goes
 * (the ELF loader maps a program file's pages so, kernel/proc/elf.c).
 * 0, or -EINVAL, -ENOMEM, -EEXIST; on failure the caller keeps its use.
 */
int vm_map_page(struct address_space *as, uint64_t va, uint64_t page, int prot);

/* Unmap and free the page at user address @va, if one is mapped. */
void vm_unmap_page(struct address_space *as, uint64_t va);

/* Make @dst (empty, from vm_create) a copy of @src's user half: its
 * upper page tables are copied, its page tables (and through them its
 * pages) shared copy-on-write: both sides' directory entries read-only
 * until one side's first change to a table copies it. False if memory
 * ran out; then @dst holds a partial copy that vm_destroy() frees. */
bool vm_clone(struct address_space *dst, struct address_space *src);

/**
 * vm_cow_write - make the private page at @va writable for @as: a
 * copy-on-write fault's work (@pte: its present leaf entry)
 * A page others still map is copied, and @as maps the copy; a page
 * nobody else maps is only made writable. 0, or -ENOMEM with nothing
 * changed.
 */
int vm_cow_write(struct address_space *as, uint64_t *pte, uint64_t va);

/* The leaf entry for @va in @as, or 0. */
uint64_t vm_lookup(const struct address_space *as, uint64_t va);

/* The leaf entry for @va, making the tables on the way; NULL if out of
 * memory. */
uint64_t *vm_walk_create(struct address_space *as, uint64_t va);

/* Call @fn for every present leaf entry of [start, end), skipping the
 * tables that do not exist. The entries' tables must not be shared
 * (vm_unshare_range first): a walk that meets one panics. */
void vm_walk_range(struct address_space *as, uint64_t start, uint64_t end,
		   void (*fn)(struct address_space *, uint64_t *pte,
			      uint64_t va, void *arg),
		   void *arg);

/* Give @as its own copy of every page table that fork shared and that
 * maps a page in [start, end), before a walk changes those entries
 * (vm_walk_range, vm_unmap_range). 0, or -ENOMEM (some tables may be
 * copied, which changes nothing anybody sees). */
int vm_unshare_range(struct address_space *as, uint64_t start, uint64_t end);
/* The same before [start, end) is unmapped (munmap, MADV_DONTNEED): a
 * shared table wholly inside the range is not copied but let go. */
int vm_unshare_for_unmap(struct address_space *as, uint64_t start,
			 uint64_t end);

/* Unmap [start, end): private pages are freed, shared ones stay with
 * their owner (kernel/mm/mmap.c). Tables unshared first, as for
 * vm_walk_range. */
void vm_unmap_range(struct address_space *as, uint64_t start, uint64_t end);

/* Move the page table entries of [from, from + len) to [to, to + len),
 * which must not overlap it and must have no pages: the pages change
 * address, not place (mremap). 0, or -ENOMEM (for page tables) with
 * nothing moved. */
int vm_move_range(struct address_space *as, uint64_t from, uint64_t to,
		  uint64_t len);

/* The PTE flags for a user page of protection @prot (PROT_*). */
uint64_t vm_prot_pte(unsigned int prot);

/* --- regions (kernel/mm/mmap.c) --- */

/* The region containing @addr, or NULL. */
struct vm_area *vma_find(const struct address_space *as, uint64_t addr);
/* Add a region over [start, end), which must be free; -ENOMEM or 0. */
int vma_add(struct address_space *as, uint64_t start, uint64_t end,
	    unsigned int prot, unsigned int kind);
/* Copy @src's regions into @dst (fork); -ENOMEM or 0. */
int vma_clone(struct address_space *dst, const struct address_space *src);
/* Free every region of @as (vm_destroy). */
void vma_destroy_all(struct address_space *as);
/* Does any region overlap [start, end)? */
bool vma_overlaps(const struct address_space *as, uint64_t start, uint64_t end);
/* Split the region holding @at in two there (nothing else changes); 0 or
 * -ENOMEM. */
int vma_split(struct address_space *as, uint64_t at);
/* munmap's work: every region and page in [start, end) goes; 0 or
 * -ENOMEM (then nothing went). */
int vma_unmap(struct address_space *as, uint64_t start, uint64_t end);
/* The highest free range of @len bytes below USER_MMAP_TOP, or 0. */
uint64_t vma_find_gap(const struct address_space *as, uint64_t len);
/* Would Linux have made @b, which follows @a, one region with it
 * (anonymous memory of one kind and protection)? */
bool vma_mergeable(const struct vm_area *a, const struct vm_area *b);
/* The region holding @addr, joined first with the neighbours Linux would
 * have merged it with (same kind of anonymous memory, same protection),
 * so that it is Linux's vm_area_struct; NULL if no region holds @addr. */
struct vm_area *vma_find_merged(struct address_space *as, uint64_t addr);

/**
 * vm_fault - bring in the page at @addr on a page fault with @error_code
 * Returns 0 when the access may be retried, -EFAULT when the access is
 * not allowed (SIGSEGV), -ENOMEM when no page could be had.
 */
int vm_fault(struct address_space *as, uint64_t addr, uint64_t error_code);

struct pt_regs;
/* The trap handler's part: true if the #PF was handled. */
bool vm_handle_page_fault(struct pt_regs *regs);

/* Copy @len bytes to user address @va of @as (not necessarily the
 * active one), bringing in pages as a fault would; -errno or 0. */
int vm_write(struct address_space *as, uint64_t va, const void *src,
	     size_t len);
/* Copy up to @len bytes from user address @va of @as (not necessarily
 * the active one) into @dst, stopping at the first page that is not
 * there (nothing is brought in): the count. /proc's cmdline, environ. */
size_t vm_read(const struct address_space *as, uint64_t va, void *dst,
	       size_t len);

#endif
