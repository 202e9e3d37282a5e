// SPDX-License-Identifier: MIT
/*
 * m-mremap: mremap on private anonymous memory, as Linux does it:
 * smaller, the same size, bigger in place and moved (MREMAP_MAYMOVE),
 * to a fixed address (MREMAP_FIXED), moved leaving the old range mapped
 * (MREMAP_DONTUNMAP); the contents kept, the protection kept, where the
 * result lies relative to the old mapping, what stays mapped; the
 * errors; and realloc, which uses mremap for big blocks.
 *
 * No address is printed, only relations ("the same address", "moved").
 * Whether a range is mapped is asked with madvise(MADV_NORMAL), which
 * is ENOMEM for a range with anything unmapped in it. A grow in place
 * needs free room after the mapping, and mmap puts new mappings below
 * the older ones, so such a test maps more than it needs and unmaps the
 * tail first, with nothing in between that could map (no printf).
 *
 * The calls go through syscall(SYS_mremap, ...): musl's mremap()
 * refuses some lengths itself before asking the kernel.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

#define P 4096ul

static long remap(void *old, unsigned long old_len, unsigned long new_len,
		  unsigned long flags, void *new_addr)
{
	return syscall(SYS_mremap, old, old_len, new_len, flags, new_addr);
}

static char *map(unsigned long pages, int prot)
{
	void *p = mmap(NULL, pages * P, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		       0);

	return p == MAP_FAILED ? NULL : p;
}

/* Is all of [p, p + pages * P) mapped? */
static int mapped(const char *p, unsigned long pages)
{
	return madvise((void *)p, pages * P, MADV_NORMAL) == 0;
}

/* Is none of it mapped? */
static int unmapped(const char *p, unsigned long pages)
{
	for (unsigned long i = 0; i < pages; i++)
		if (mapped(p + i * P, 1))
			return 0;
	return 1;
}

/* Page i gets bytes i + seed, i + seed + 1, ... */
static void fill(char *p, unsigned long pages, int seed)
{
	for (unsigned long i = 0; i < pages; i++)
		for (unsigned long j = 0; j < P; j += 512)
			p[i * P + j] = (char)(i + seed + j / 512);
}

static int holds(const char *p, unsigned long pages, int seed)
{
	for (unsigned long i = 0; i < pages; i++)
		for (unsigned long j = 0; j < P; j += 512)
			if (p[i * P + j] != (char)(i + seed + j / 512))
				return 0;
	return 1;
}

static int zeros(const char *p, unsigned long pages)
{
	for (unsigned long i = 0; i < pages * P; i += 256)
		if (p[i])
			return 0;
	return 1;
}

static const char *result(long r)
{
	return r == -1 ? errno_name(errno) : "ok";
}

static void expect_errno(long r, int e, const char *what)
{
	CHECK(r == -1 && errno == e, "%s: %s", what, result(r));
}

/* ------------------------------------------------------------ errors */

static void errors(void)
{
	char *a = map(5, PROT_READ | PROT_WRITE), *gone = map(1, PROT_READ);

	/* A page of another protection after the 4 under test: whatever
	 * lies beyond, the 4 are one region (a vm_area_struct on Linux). */
	mprotect(a + 4 * P, P, PROT_NONE);
	munmap(gone, P);
	expect_errno(remap(a, P, P, 8, NULL), EINVAL, "unknown flag 8");
	expect_errno(remap(a, P, P, 1ul << 32, NULL), EINVAL,
		     "unknown flag 1 << 32");
	expect_errno(remap(a + 1, P, P, 0, NULL), EINVAL, "old address + 1");
	expect_errno(remap(a, P, 0, MREMAP_MAYMOVE, NULL), EINVAL,
		     "new size 0");
	expect_errno(remap(a, P, ~0ul, MREMAP_MAYMOVE, NULL), EINVAL,
		     "new size ~0 (0 once rounded up)");
	expect_errno(remap(a, P, P, MREMAP_FIXED, a + 8 * P), EINVAL,
		     "MREMAP_FIXED without MREMAP_MAYMOVE");
	expect_errno(remap(a, P, P, MREMAP_DONTUNMAP, NULL), EINVAL,
		     "MREMAP_DONTUNMAP without MREMAP_MAYMOVE");
	expect_errno(remap(a, P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP,
			   NULL),
		     EINVAL, "MREMAP_DONTUNMAP with a new size");
	expect_errno(remap(a, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, gone + 1),
		     EINVAL, "MREMAP_FIXED to an address + 1");
	expect_errno(remap(a, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED,
			   a + P),
		     EINVAL, "MREMAP_FIXED onto an overlapping range");
	expect_errno(remap(gone, P, 2 * P, MREMAP_MAYMOVE, NULL), EFAULT,
		     "nothing mapped at the old address");
	expect_errno(remap((void *)0xffff800000000000ul, P, 2 * P,
			   MREMAP_MAYMOVE, NULL),
		     EFAULT, "an old address in the kernel half");
	expect_errno(remap(a, 0, P, MREMAP_MAYMOVE, NULL), EINVAL,
		     "old size 0 of private memory");
	expect_errno(remap(a, 8 * P, 16 * P, MREMAP_MAYMOVE, NULL), EFAULT,
		     "an old range longer than the mapping");
	mprotect(a + 2 * P, 2 * P, PROT_READ);
	expect_errno(remap(a, 4 * P, 8 * P, MREMAP_MAYMOVE, NULL), EFAULT,
		     "an old range over two protections");
	expect_errno(remap(a, 2 * P, 3 * P, 0, NULL), ENOMEM,
		     "bigger, the next page taken, no MREMAP_MAYMOVE");
	CHECK(mapped(a, 5), "after all that, the mapping is as it was");
	munmap(a, 5 * P);
}

/* --------------------------------------------------------- in place */

static void in_place(void)
{
	char *a = map(4, PROT_READ | PROT_WRITE), *b;
	long r, same;

	fill(a, 4, 1);
	r = remap(a, 4 * P, 4 * P, 0, NULL);
	CHECK(r == (long)a, "the same size: the same address");
	r = remap(a, 4 * P, 2 * P, 0, NULL);
	CHECK(r == (long)a && holds(a, 2, 1) && mapped(a, 2) &&
		      unmapped(a + 2 * P, 2),
	      "smaller: the same address, the head kept, the tail unmapped");
	r = remap(a, 2 * P, P + 1, MREMAP_MAYMOVE, NULL);
	CHECK(r == (long)a && mapped(a, 2),
	      "a size rounded up to the size it has: nothing changes");
	munmap(a, 2 * P);

	/* Room after it: grows where it is. */
	a = map(8, PROT_READ | PROT_WRITE);
	fill(a, 2, 2);
	munmap(a + 2 * P, 6 * P);
	r = remap(a, 2 * P, 4 * P, 0, NULL);
	same = r == (long)a;
	CHECK(same && holds(a, 2, 2) && zeros(a + 2 * P, 2) && mapped(a, 4),
	      "bigger with room after it: in place, the old pages kept, the "
	      "new ones zero");
	fill(a, 4, 3);
	CHECK(holds(a, 4, 3), "and all of it writable");
	/* And again, with MREMAP_MAYMOVE: still in place. */
	r = remap(a, 4 * P, 6 * P, MREMAP_MAYMOVE, NULL);
	CHECK(r == (long)a && holds(a, 4, 3) && zeros(a + 4 * P, 2),
	      "bigger again, MREMAP_MAYMOVE: in place too");
	munmap(a, 8 * P);

	/* The end of a mapping grows in place, its head stays as it is. */
	a = map(8, PROT_READ | PROT_WRITE);
	fill(a, 4, 4);
	munmap(a + 4 * P, 4 * P);
	r = remap(a + 2 * P, 2 * P, 4 * P, 0, NULL);
	CHECK(r == (long)(a + 2 * P) && holds(a, 4, 4) && mapped(a, 6),
	      "the last pages of a mapping grow in place");
	munmap(a, 8 * P);

	/* Split by mprotect and joined again: one mapping, as on Linux,
	 * which merged the two halves back. */
	a = map(8, PROT_READ | PROT_WRITE);
	fill(a, 4, 5);
	munmap(a + 4 * P, 4 * P);
	mprotect(a + 2 * P, 2 * P, PROT_READ);
	mprotect(a + 2 * P, 2 * P, PROT_READ | PROT_WRITE);
	r = remap(a, 4 * P, 8 * P, 0, NULL);
	CHECK(r == (long)a && holds(a, 4, 5) && mapped(a, 8),
	      "a mapping split by mprotect and joined again grows as one");
	munmap(a, 8 * P);

	/* Two mappings side by side (the second MAP_FIXED after the first)
	 * are one too. */
	a = map(8, PROT_READ | PROT_WRITE);
	munmap(a + 2 * P, 6 * P);
	b = mmap(a + 2 * P, 2 * P, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	fill(a, 4, 6);
	r = remap(a, 4 * P, 6 * P, 0, NULL);
	CHECK(b == a + 2 * P && r == (long)a && holds(a, 4, 6) && mapped(a, 6),
	      "two mappings side by side grow as one");
	munmap(a, 8 * P);
}

/* ----------------------------------------------------------- moving */

static void moving(void)
{
	char *a = map(4, PROT_READ | PROT_WRITE), *n;
	long r;

	/* No room after it: moves. */
	fill(a, 2, 7);
	mprotect(a + 2 * P, 2 * P, PROT_READ);
	r = remap(a, 2 * P, 5 * P, MREMAP_MAYMOVE, NULL);
	n = (char *)r;
	CHECK(r != -1 && n != a, "bigger, no room, MREMAP_MAYMOVE: moved");
	CHECK(holds(n, 2, 7) && zeros(n + 2 * P, 3) && mapped(n, 5),
	      "the pages came along, the new ones are zero");
	CHECK(unmapped(a, 2) && mapped(a + 2 * P, 2),
	      "the old range is unmapped, its neighbour is not");
	fill(n, 5, 8);
	CHECK(holds(n, 5, 8), "the new mapping is writable");
	munmap(n, 5 * P);
	munmap(a + 2 * P, 2 * P);

	/* The middle of a mapping moves out of it. */
	a = map(8, PROT_READ | PROT_WRITE);
	fill(a, 8, 9);
	r = remap(a + 2 * P, 2 * P, 3 * P, MREMAP_MAYMOVE, NULL);
	n = (char *)r;
	CHECK(r != -1 && n != a + 2 * P && holds(n, 2, 11) &&
		      zeros(n + 2 * P, 1),
	      "the middle of a mapping, bigger: moved with its pages");
	CHECK(holds(a, 2, 9) && unmapped(a + 2 * P, 2) &&
		      holds(a + 4 * P, 4, 13),
	      "the pages before and after it stay, a hole between them");
	munmap(n, 3 * P);
	munmap(a, 8 * P);

	/* Read-only memory moves read-only. */
	a = map(3, PROT_READ);
	mprotect(a + 2 * P, P, PROT_NONE);
	r = remap(a, 2 * P, 64 * P, MREMAP_MAYMOVE, NULL);
	n = (char *)r;
	if (r != -1 && n != a) {
		pid_t pid = fork();
		int status = -1;

		if (pid == 0) {
			n[P] = 1;
			_exit(0);
		}
		waitpid(pid, &status, 0);
		CHECK(zeros(n, 64) && WIFSIGNALED(status) &&
			      WTERMSIG(status) == SIGSEGV,
		      "read-only memory moved stays read-only: a write is %s",
		      how_ended(status));
		munmap(n, 64 * P);
	} else {
		CHECK(0, "read-only memory moved: %s", result(r));
	}
	munmap(a, 3 * P);

	/* A big one: 1024 pages, all touched, to 4096. */
	a = map(1024, PROT_READ | PROT_WRITE);
	fill(a, 1024, 10);
	r = remap(a, 1024 * P, 4096 * P, MREMAP_MAYMOVE, NULL);
	n = (char *)r;
	CHECK(r != -1 && holds(n, 1024, 10) && zeros(n + 1024 * P, 3072),
	      "4 MiB of pages, to 16 MiB: all there");
	munmap(n, 4096 * P);
}

/* ------------------------------------------------------------ fixed */

static void fixed(void)
{
	char *a = map(4, PROT_READ | PROT_WRITE);
	char *b = map(4, PROT_READ | PROT_WRITE), *c, *d;
	long r;

	fill(a, 4, 20);
	fill(b, 4, 40);
	r = remap(a, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, b);
	CHECK(r == (long)b, "MREMAP_FIXED onto another mapping: at that address");
	CHECK(holds(b, 2, 20) && holds(b + 2 * P, 2, 42),
	      "its first pages replaced, the rest of it kept");
	CHECK(unmapped(a, 2) && holds(a + 2 * P, 2, 22),
	      "the old range unmapped, the rest of the old mapping kept");
	munmap(b, 4 * P);

	/* Bigger and smaller on the way. */
	c = map(8, PROT_NONE);
	r = remap(a + 2 * P, 2 * P, 6 * P, MREMAP_MAYMOVE | MREMAP_FIXED, c);
	CHECK(r == (long)c && holds(c, 2, 22) && zeros(c + 2 * P, 4) &&
		      unmapped(a + 2 * P, 2) && mapped(c + 6 * P, 2),
	      "MREMAP_FIXED and bigger: the new pages zero");
	d = map(2, PROT_READ);
	r = remap(c, 6 * P, P, MREMAP_MAYMOVE | MREMAP_FIXED, d);
	CHECK(r == (long)d && holds(d, 1, 22) && mapped(d + P, 1) &&
		      unmapped(c, 6) && mapped(c + 6 * P, 2),
	      "MREMAP_FIXED and smaller: the tail gone, the head moved, the "
	      "rest of the target kept");
	munmap(d, 2 * P);
	munmap(c, 8 * P);
}

/* ------------------------------------------------------- dont unmap */

static void dont_unmap(void)
{
	char *a = map(2, PROT_READ | PROT_WRITE), *hint, *n;
	long r;

	fill(a, 2, 50);
	r = remap(a, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	n = (char *)r;
	CHECK(r != -1 && n != a && holds(n, 2, 50),
	      "MREMAP_DONTUNMAP: moved with the pages");
	CHECK(mapped(a, 2) && zeros(a, 2),
	      "the old range stays mapped, and reads zeros");
	fill(a, 2, 51);
	CHECK(holds(a, 2, 51) && holds(n, 2, 50),
	      "and is writable, apart from the new one");
	munmap(n, 2 * P);

	/* new_addr is a hint: taken if it is free. */
	hint = map(2, PROT_READ);
	munmap(hint, 2 * P);
	r = remap(a, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, hint);
	CHECK(r == (long)hint && holds(hint, 2, 51) && zeros(a, 2),
	      "MREMAP_DONTUNMAP with a free new_addr: moved there");
	munmap(hint, 2 * P);
	r = remap(a, 2 * P, 2 * P,
		  MREMAP_MAYMOVE | MREMAP_DONTUNMAP | MREMAP_FIXED, hint);
	CHECK(r == (long)hint && zeros(hint, 2) && mapped(a, 2),
	      "with MREMAP_FIXED too");
	munmap(hint, 2 * P);
	munmap(a, 2 * P);
}

/* ---------------------------------------------------------- realloc */

static void reallocs(void)
{
	size_t size = 4 << 20;
	char *p = malloc(size), *q;
	int ok = p != NULL;

	for (size_t i = 0; ok && i < size; i += 4096)
		p[i] = (char)(i >> 12);
	q = realloc(p, 4 * size);
	for (size_t i = 0; q && i < size; i += 4096)
		ok &= q[i] == (char)(i >> 12);
	CHECK(ok && q, "realloc of 4 MiB to 16 MiB keeps the contents");
	q = realloc(q, size / 4);
	for (size_t i = 0; q && i < size / 4; i += 4096)
		ok &= q[i] == (char)(i >> 12);
	CHECK(ok && q, "and back to 1 MiB");
	free(q);
}

int main(void)
{
	check_start();
	errors();
	in_place();
	moving();
	fixed();
	dont_unmap();
	reallocs();
	return check_finish("m-mremap");
}
