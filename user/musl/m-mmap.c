// SPDX-License-Identifier: MIT
/*
 * m-mmap: anonymous memory as Linux gives it: mmap, munmap, mprotect and
 * madvise(MADV_DONTNEED), with Linux's errors, faults where protection
 * says so, demand-zero pages and shared memory across fork.
 *
 * A touch that must fault runs in a forked child; the parent prints how
 * the child ended (killed by SIGSEGV, on both kernels). Every check
 * prints one line; a failed call prints its errno name.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define GiB (1UL << 30)
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define ROUNDS 10000

static size_t page;

static void read_byte(volatile char *p)
{
	(void)*p;
}

static void write_byte(volatile char *p)
{
	*p = 1;
}

/* How a child that does @touch on @p ends. */
static const char *touch_in_child(void (*touch)(volatile char *), void *p)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		touch(p);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return "fork or waitpid failed";
	return how_ended(status);
}

#define EXPECT_SEGV(touch, p, ...)                                             \
	do {                                                                   \
		const char *how_ = touch_in_child(touch, p);                   \
		CHECK(strcmp(how_, "killed by SIGSEGV") == 0, __VA_ARGS__);    \
		printf("  (the child: %s)\n", how_);                           \
	} while (0)

/* The result of a call that must fail with @want: "EINVAL" etc. */
#define EXPECT_ERRNO(call, want, ...)                                          \
	do {                                                                   \
		long r_;                                                       \
		errno = 0;                                                     \
		r_ = (long)(call);                                             \
		CHECK(r_ == -1 && errno == (want), __VA_ARGS__);               \
		printf("  (errno: %s)\n", errno_name(errno));                  \
	} while (0)

static char *map(size_t len, int prot, int flags, void *at)
{
	char *p = mmap(at, len, prot, flags, -1, 0);

	if (p == MAP_FAILED) {
		printf("mmap of %zu bytes failed: %s\n", len,
		       errno_name(errno));
		return NULL;
	}
	return p;
}

static int all_bytes(const char *p, size_t len, int value)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != (char)value)
			return 0;
	return 1;
}

/* A free range of @pages pages: map it, then give it back. */
static char *free_range(size_t pages)
{
	char *p = map(pages * page, PROT_NONE, ANON, NULL);

	if (p)
		munmap(p, pages * page);
	return p;
}

static void basics(void)
{
	char *p = map(4 * page, RW, ANON, NULL);

	if (!p)
		exit(1);
	CHECK(all_bytes(p, 4 * page, 0), "a new private mapping reads as zero");
	for (size_t i = 0; i < 4 * page; i++)
		p[i] = (char)(i * 7);
	int same = 1;
	for (size_t i = 0; i < 4 * page; i++)
		same &= p[i] == (char)(i * 7);
	CHECK(same, "what is written reads back");

	CHECK(mprotect(p, page, PROT_READ) == 0 && p[1] == 7,
	      "mprotect PROT_READ, then reading");
	EXPECT_SEGV(write_byte, p, "a write to a PROT_READ page faults");
	CHECK(mprotect(p, page, RW) == 0 && (p[0] = 5) == 5 && p[page] == 0,
	      "mprotect back to read-write, then writing");
	CHECK(mprotect(p + page, page, PROT_NONE) == 0,
	      "mprotect PROT_NONE on the second page");
	EXPECT_SEGV(read_byte, p + page, "a read of a PROT_NONE page faults");

	/* Unmap the third page only: the fourth stays. */
	CHECK(munmap(p + 2 * page, page) == 0,
	      "munmap of a page in the middle");
	EXPECT_SEGV(read_byte, p + 2 * page, "a read after munmap faults");
	CHECK(p[3 * page + 1] == (char)((3 * page + 1) * 7),
	      "the page after the hole keeps its data");
	CHECK(munmap(p, 4 * page) == 0, "munmap over the hole and all");
	EXPECT_SEGV(read_byte, p,
		    "a read of the first page after munmap faults");
	CHECK(munmap(p, 4 * page) == 0, "munmap of an unmapped range succeeds");
}

static void fixed(void)
{
	char *p = map(3 * page, RW, ANON, NULL), *q, *r;

	if (!p)
		exit(1);
	memset(p, 0xaa, 3 * page);
	q = mmap(p + page, page, RW, ANON | MAP_FIXED, -1, 0);
	CHECK(q == p + page, "MAP_FIXED over the middle of a mapping");
	CHECK(all_bytes(q, page, 0), "the new middle page reads as zero");
	CHECK(all_bytes(p, page, 0xaa) && all_bytes(p + 2 * page, page, 0xaa),
	      "its neighbours keep their data");
	EXPECT_ERRNO(mmap(p, page, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0),
		     EEXIST, "MAP_FIXED_NOREPLACE over a mapping fails");
	CHECK(p[0] == (char)0xaa, "and leaves the mapping alone");
	munmap(p, 3 * page);

	r = free_range(2);
	q = mmap(r, 2 * page, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(q == r, "MAP_FIXED_NOREPLACE on a free range");
	munmap(q, 2 * page);
}

static void bad_arguments(void)
{
	char *p = map(2 * page, RW, ANON, NULL);

	EXPECT_ERRNO(munmap(p + 1, page), EINVAL,
		     "munmap of an unaligned address");
	/* musl's mprotect() rounds the address down itself: ask the kernel. */
	EXPECT_ERRNO(syscall(SYS_mprotect, p + 1, page, PROT_READ), EINVAL,
		     "mprotect of an unaligned address");
	EXPECT_ERRNO(mmap(NULL, 0, RW, ANON, -1, 0), EINVAL,
		     "mmap of length 0");
	EXPECT_ERRNO(mmap(NULL, page, RW, MAP_ANONYMOUS, -1, 0), EINVAL,
		     "mmap neither private nor shared");
	EXPECT_ERRNO(mmap(p + 1, page, RW, ANON | MAP_FIXED, -1, 0), EINVAL,
		     "MAP_FIXED at an unaligned address");
	EXPECT_ERRNO(mmap((void *)0xffff800000000000UL, page, RW,
			  ANON | MAP_FIXED, -1, 0),
		     ENOMEM, "MAP_FIXED in the kernel half");
	EXPECT_ERRNO(munmap((void *)0xffff800000000000UL, page), EINVAL,
		     "munmap in the kernel half");
	munmap(p, 2 * page);
	EXPECT_ERRNO(mprotect(p, page, PROT_READ), ENOMEM,
		     "mprotect of an unmapped range");
}

static void dontneed(void)
{
	char *p = map(3 * page, RW, ANON, NULL);

	memset(p, 0x5a, 3 * page);
	CHECK(madvise(p, 2 * page, MADV_DONTNEED) == 0,
	      "madvise MADV_DONTNEED");
	CHECK(all_bytes(p, 2 * page, 0), "the pages it covered read as zero");
	CHECK(all_bytes(p + 2 * page, page, 0x5a),
	      "the page after it does not");
	munmap(p, 3 * page);
}

static void huge_reservation(void)
{
	size_t len = 64 * GiB;
	size_t at[] = { 0, GiB + 123, 17 * GiB + 4095, 32 * GiB, len - 1 };
	char *p = map(len, RW, ANON | MAP_NORESERVE, NULL);
	int ok = 1;

	CHECK(p != NULL, "a 64 GiB MAP_NORESERVE mapping");
	if (!p)
		return;
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++)
		p[at[i]] = (char)(i + 1);
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++)
		ok &= p[at[i]] == (char)(i + 1) && p[at[i] ^ 1] == 0;
	CHECK(ok, "pages touched across it hold their bytes, the rest zero");
	CHECK(munmap(p, len) == 0, "munmap of the 64 GiB");
}

static void across_fork(void)
{
	char *shared = map(page, RW, MAP_SHARED | MAP_ANONYMOUS, NULL);
	char *private = map(page, RW, ANON, NULL);
	int status = 0;
	pid_t pid;

	strcpy(shared, "parent");
	strcpy(private, "parent");
	pid = fork();
	if (pid == 0) {
		strcpy(shared, "child");
		strcpy(private, "child");
		_exit(0);
	}
	waitpid(pid, &status, 0);
	CHECK(strcmp(shared, "child") == 0,
	      "MAP_SHARED: the parent sees the child's write");
	CHECK(strcmp(private, "parent") == 0,
	      "MAP_PRIVATE: the parent does not");
	munmap(shared, page);
	munmap(private, page);
}

static void rounds(void)
{
	int done = 0, zero = 1;

	for (; done < ROUNDS; done++) {
		char *p = mmap(NULL, page, RW, ANON, -1, 0);

		if (p == MAP_FAILED)
			break;
		zero &= p[done % page] == 0;
		memset(p, 0xff, page);
		if (munmap(p, page))
			break;
	}
	printf("%d rounds of mmap, touch, munmap\n", done);
	CHECK(done == ROUNDS && zero, "every round got a zeroed page");
}

int main(void)
{
	void *big;

	check_start();
	page = (size_t)sysconf(_SC_PAGESIZE);
	printf("page size %zu\n", page);
	basics();
	fixed();
	bad_arguments();
	dontneed();
	huge_reservation();
	across_fork();
	rounds();
	big = malloc(1 << 20);
	CHECK(big && memset(big, 1, 1 << 20), "malloc of 1 MiB beside it all");
	free(big);
	return check_finish("m-mmap");
}
