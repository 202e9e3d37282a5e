// SPDX-License-Identifier: MIT
/*
 * hostile: HOSTILE.md 18: copy-on-write fork (see user/hostile.c and
 * kernel/mm/vm.c). Each part forks through the entry under test:
 *
 *   both_write      parent and child write the same pages: each sees its
 *                   own; fork itself copies none, and once the child
 *                   has its copies the parent's writes take no page
 *   three_sharers   a page shared by three processes, written in turn
 *   kernel_writes   read() from a pipe into a page shared with the
 *                   other process: the kernel's copy takes the fault
 *   child_games     mprotect, mremap, MADV_DONTNEED and munmap of
 *                   shared pages in the child: the parent's stay intact
 *   out_of_memory   a child whose copies exhaust memory, by its own
 *                   writes and by read(): killed with SIGKILL, every
 *                   page back
 *   vfork_shares    vfork still shares: the child's writes are the
 *                   parent's, and no page is copied
 *   big_fork        fork of a process with 32 MiB touched takes no
 *                   more pages than one without: the page tables are
 *                   shared too; the child's munmap of it all takes none
 *
 * Processes take turns through words in a MAP_SHARED page, waiting on
 * them with FUTEX_WAIT (shared memory: a futex keyed by its page).
 */
#include "hostile.h"

#define PAGE 4096l

/* The turn-taking words, in a MAP_SHARED page. */
static volatile uint32_t *sync_words;

static long fork_here(void)
{
	return call3(__NR_fork, 0, 0, 0);
}

static int wait_for(long pid)
{
	int status = -1;

	if (pid <= 0 || waitpid((int)pid, &status, 0) != pid)
		return -1;
	return status;
}

static char *map(long pages, int flags)
{
	long r = call6(__NR_mmap, 0, pages * PAGE, PROT_READ | PROT_WRITE,
		       flags | MAP_ANONYMOUS, -1, 0);

	return r < 0 ? NULL : (char *)r;
}

static void unmap(void *p, long pages)
{
	call3(__NR_munmap, (long)p, pages * PAGE, 0);
}

/* Sleep until word @i holds @v. */
static void wait_turn(int i, uint32_t v)
{
	uint32_t now;

	while ((now = sync_words[i]) != v)
		call6(__NR_futex, (long)&sync_words[i], FUTEX_WAIT, now, 0, 0, 0);
}

static void set_turn(int i, uint32_t v)
{
	sync_words[i] = v;
	call6(__NR_futex, (long)&sync_words[i], FUTEX_WAKE, 0x7fffffff, 0, 0, 0);
}

/* Byte @i of each page of @p: its page's mark. */
static bool pages_hold(const char *p, long pages, char base)
{
	for (long i = 0; i < pages; i++)
		if (p[i * PAGE] != (char)(base + i) ||
		    p[i * PAGE + PAGE - 1] != (char)(base + i))
			return false;
	return true;
}

static void mark_pages(char *p, long pages, char base)
{
	for (long i = 0; i < pages; i++)
		p[i * PAGE] = p[i * PAGE + PAGE - 1] = (char)(base + i);
}

#define BOTH_PAGES 256l

static void both_write(void)
{
	char *p = map(BOTH_PAGES, MAP_PRIVATE);
	long before, forked, copied, pid;
	int s;

	if (!p) {
		CHECK(0, "mmap");
		return;
	}
	mark_pages(p, BOTH_PAGES, 'a');
	set_turn(0, 0);
	before = sys_free_pages();
	pid = fork_here();
	if (pid == 0) {
		wait_turn(0, 1);
		if (!pages_hold(p, BOTH_PAGES, 'a'))
			exit(10);
		mark_pages(p, BOTH_PAGES, 'A');
		set_turn(0, 2);
		wait_turn(0, 3);
		exit(pages_hold(p, BOTH_PAGES, 'A') ? 0 : 11);
	}
	forked = sys_free_pages();
	/* Upper tables, a kernel stack and the first copies of the
	 * stack and its table: not 256 pages. */
	CHECK(pid > 0 && before - forked < BOTH_PAGES / 4,
	      "fork of 256 touched pages took %ld pages", before - forked);
	set_turn(0, 1);
	wait_turn(0, 2);
	copied = sys_free_pages();
	CHECK(forked - copied >= BOTH_PAGES,
	      "the child's writes took %ld pages", forked - copied);
	CHECK(pages_hold(p, BOTH_PAGES, 'a'), "the parent's pages changed");
	/* Nobody else maps the parent's pages now: writing them is only
	 * making their entries writable again. */
	mark_pages(p, BOTH_PAGES, 'b');
	CHECK(sys_free_pages() == copied,
	      "the parent's writes after the child's took %ld pages",
	      copied - sys_free_pages());
	set_turn(0, 3);
	s = wait_for(pid);
	CHECK(s == 0, "the child: %#x", s);
	CHECK(pages_hold(p, BOTH_PAGES, 'b'), "the parent's own writes");
	unmap(p, BOTH_PAGES);
}

/* Turn 1 is the first child's, turn 2 the second's, turn 3 the
 * parent's; at 4 the children check their pages again and end. */
static int sharer(char *p, uint32_t turn)
{
	char mine = (char)('0' + turn);

	wait_turn(1, turn);
	if (p[0] != 'P' || p[PAGE] != 'P')
		return 20; /* an earlier writer's data showed through */
	p[0] = p[PAGE] = mine;
	set_turn(1, turn + 1);
	wait_turn(1, 4);
	return p[0] == mine && p[PAGE] == mine ? 0 : 21;
}

static void three_sharers(void)
{
	char *p = map(2, MAP_PRIVATE);
	long pid[2], before;

	if (!p) {
		CHECK(0, "mmap");
		return;
	}
	p[0] = p[PAGE] = 'P';
	set_turn(1, 0);
	for (int i = 0; i < 2; i++) {
		pid[i] = fork_here();
		if (pid[i] == 0)
			exit(sharer(p, (uint32_t)i + 1));
	}
	set_turn(1, 1);
	wait_turn(1, 3);
	CHECK(p[0] == 'P' && p[PAGE] == 'P', "the parent's pages: %c %c", p[0],
	      p[PAGE]);
	before = sys_free_pages();
	p[0] = p[PAGE] = 'Q'; /* the last user: no copy */
	CHECK(sys_free_pages() == before, "the last sharer's write took %ld",
	      before - sys_free_pages());
	set_turn(1, 4);
	for (int i = 0; i < 2; i++) {
		int s = wait_for(pid[i]);

		CHECK(s == 0, "sharer %d: %#x", i + 1, s);
	}
	CHECK(p[0] == 'Q' && p[PAGE] == 'Q', "the parent's writes");
	unmap(p, 2);
}

/*
 * read() into pages the other process still maps: the kernel's
 * copy_to_user takes the copy-on-write fault, the reader gets the data,
 * the other side keeps its own. The buffer spans two pages, so that
 * one read() faults twice.
 */
static void kernel_writes(void)
{
	static const char msg[] = "through the pipe, into a shared page";
	char *p = map(2, MAP_PRIVATE), *buf;
	int fds[2], s;
	long pid, r;

	if (!p || call3(__NR_pipe2, (long)fds, 0, 0)) {
		CHECK(0, "mmap or pipe2");
		return;
	}
	buf = p + PAGE - 10; /* across the two pages */
	memset(p, 'x', 2 * PAGE);
	set_turn(2, 0);
	pid = fork_here();
	if (pid == 0) {
		r = call3(__NR_read, fds[0], (long)buf, sizeof(msg));
		if (r != sizeof(msg) || memcmp(buf, msg, sizeof(msg)))
			exit(30);
		set_turn(2, 1);
		/* Now the parent reads into its own copy of the same pages. */
		wait_turn(2, 2);
		exit(memcmp(buf, msg, sizeof(msg)) ? 31 : 0);
	}
	call3(__NR_write, fds[1], (long)msg, sizeof(msg));
	wait_turn(2, 1);
	CHECK(buf[0] == 'x' && buf[sizeof(msg) - 1] == 'x',
	      "the child's read() showed in the parent");
	call3(__NR_write, fds[1], (long)"parent", 7);
	r = call3(__NR_read, fds[0], (long)buf, 7);
	CHECK(r == 7 && !memcmp(buf, "parent", 7) && buf[7] == 'x',
	      "the parent's read() = %ld", r);
	set_turn(2, 2);
	s = wait_for(pid);
	CHECK(s == 0, "the child: %#x", s);
	/* A region made read-only is not copied for the kernel either. */
	pid = fork_here();
	if (pid == 0) {
		call3(__NR_mprotect, (long)p, 2 * PAGE, PROT_READ);
		call3(__NR_write, fds[1], (long)"x", 1);
		r = call3(__NR_read, fds[0], (long)p, 1);
		exit(r == -EFAULT ? 0 : 32);
	}
	s = wait_for(pid);
	CHECK(s == 0, "read() into a read-only shared page: %#x", s);
	call3(__NR_close, fds[0], 0, 0);
	call3(__NR_close, fds[1], 0, 0);
	unmap(p, 2);
}

/* What the child does to the pages it shares, and which must not reach
 * the parent's: each returns 0 if the child saw what Linux shows. */
static int child_games(char *p)
{
	long r;

	/* mprotect to read-only and back: still shared, so the entry must
	 * stay read-only, and the write below must copy. */
	if (call3(__NR_mprotect, (long)p, PAGE, PROT_READ) ||
	    call3(__NR_mprotect, (long)p, PAGE, PROT_READ | PROT_WRITE))
		return 40;
	p[0] = 'c';
	/* mremap moves shared entries; a write at the new place copies. */
	r = call6(__NR_mremap, (long)(p + PAGE), PAGE, 2 * PAGE,
		  MREMAP_MAYMOVE, 0, 0);
	if (r < 0 || ((char *)r)[0] != 'p')
		return 41;
	((char *)r)[0] = 'c';
	/* MADV_DONTNEED drops the child's use: it reads zeros. */
	if (call3(__NR_madvise, (long)(p + 2 * PAGE), PAGE, MADV_DONTNEED) ||
	    p[2 * PAGE] != 0)
		return 42;
	p[2 * PAGE] = 'c';
	call3(__NR_munmap, (long)(p + 3 * PAGE), PAGE, 0);
	return 0;
}

static void child_games_leave_parent(void)
{
	char *p = map(4, MAP_PRIVATE);
	long pid;
	int s;

	if (!p) {
		CHECK(0, "mmap");
		return;
	}
	for (int i = 0; i < 4; i++)
		p[i * PAGE] = 'p';
	pid = fork_here();
	if (pid == 0)
		exit(child_games(p));
	s = wait_for(pid);
	CHECK(s == 0, "the child's games: %#x", s);
	for (int i = 0; i < 4; i++)
		CHECK(p[i * PAGE] == 'p', "the parent's page %d: %#x", i,
		      p[i * PAGE]);
	for (int i = 0; i < 4; i++)
		p[i * PAGE] = 'q';
	unmap(p, 4);
}

/*
 * Memory runs out in a copy-on-write fault: the parent holds more than
 * half of what is free, and its child writes all of it (@by_read: has
 * read() from /dev/zero write it, so that the kernel's copy faults).
 * The child ends by SIGKILL with the kernel's line, the parent goes on,
 * and every page the child took comes back.
 */
static void out_of_memory(bool by_read)
{
	long pages = sys_free_pages() / 2 + 512, pid, before;
	char *p = map(pages, MAP_PRIVATE | MAP_NORESERVE);
	int s;

	if (!p) {
		CHECK(0, "mmap of %ld pages", pages);
		return;
	}
	for (long i = 0; i < pages; i++)
		p[i * PAGE] = 1;
	before = sys_free_pages();
	pid = fork_here();
	if (pid == 0) {
		long fd = call6(__NR_openat, AT_FDCWD, (long)"/dev/zero",
				O_RDONLY, 0, 0, 0);

		if (by_read)
			call3(__NR_read, (int)fd, (long)p, pages * PAGE);
		else
			for (long i = 0; i < pages; i++)
				p[i * PAGE] = 2;
		exit(50); /* there is not that much memory */
	}
	s = wait_for(pid);
	CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL,
	      "a child out of memory%s: %#x", by_read ? " in read()" : "", s);
	CHECK(p[0] == 1 && p[(pages - 1) * PAGE] == 1,
	      "the parent's pages after the child's end");
	CHECK(sys_free_pages() == before, "free pages %ld, were %ld",
	      sys_free_pages(), before);
	unmap(p, pages);
}

/* Both, in a process of their own: its page tables for the big region
 * (munmap leaves them) go with it, and the count below is exact. */
static void out_of_memory_twice(void)
{
	long pid = fork_here();
	int s;

	if (pid == 0) {
		failures = 0; /* its own, not the parent's so far */
		out_of_memory(false);
		out_of_memory(true);
		exit(failures ? 1 : 0);
	}
	s = wait_for(pid);
	CHECK(s == 0, "the out-of-memory cases: %#x", s);
}

/* vfork's child runs in the parent's memory: nothing is copied. */
static uint8_t vfork_stack[16384] __attribute__((aligned(16)));
static volatile int vfork_word;

static int vfork_child(void *arg)
{
	vfork_word = 42;
	((char *)arg)[0] = 'v';
	return 0;
}

static void vfork_shares(void)
{
	char *p = map(1, MAP_PRIVATE);
	long before, pid;
	int s;

	if (!p) {
		CHECK(0, "mmap");
		return;
	}
	p[0] = 'p';
	vfork_word = 0;
	before = sys_free_pages();
	pid = clone_thread(SIGCHLD | CLONE_VM | CLONE_VFORK,
			   vfork_stack + sizeof(vfork_stack), NULL, vfork_child,
			   p);
	s = wait_for(pid);
	CHECK(s == 0, "the vfork child: %#x", s);
	CHECK(vfork_word == 42 && p[0] == 'v', "the vfork child's writes: %d %c",
	      vfork_word, p[0]);
	CHECK(sys_free_pages() == before, "vfork took %ld pages",
	      before - sys_free_pages());
	unmap(p, 1);
}

#define BIG_PAGES 8192l /* 32 MiB: 16 page tables */

/* The pages a fork takes, and its child's munmap of @big (if not
 * NULL) in the child's exit status: 0 if it took fewer than 4 pages. */
static long fork_cost(char *big)
{
	long before, cost, pid;
	int s;

	set_turn(3, 0);
	before = sys_free_pages();
	pid = fork_here();
	if (pid == 0) {
		wait_turn(3, 1);
		before = sys_free_pages();
		if (big)
			unmap(big, BIG_PAGES);
		exit(before - sys_free_pages() < 4 ? 0 : 30);
	}
	cost = before - sys_free_pages();
	set_turn(3, 1);
	s = wait_for(pid);
	CHECK(s == 0, "the child's munmap of 32 MiB: %#x", s);
	return cost;
}

static void big_fork_here(void)
{
	char *p = map(BIG_PAGES, MAP_PRIVATE);
	long small, big;

	if (!p) {
		CHECK(0, "mmap");
		return;
	}
	small = fork_cost(NULL);
	mark_pages(p, BIG_PAGES, 'a');
	big = fork_cost(p);
	/* Copied, its 16 page tables would cost 16 pages more. */
	CHECK(big - small < 8, "fork took %ld pages with 32 MiB, %ld without",
	      big, small);
	CHECK(pages_hold(p, BIG_PAGES, 'a'), "the parent's pages changed");
	unmap(p, BIG_PAGES);
}

/* In a process of its own, as out_of_memory_twice: the page tables of
 * the big region (munmap leaves them) go with it. */
static void big_fork(void)
{
	long pid = fork_here();
	int s;

	if (pid == 0) {
		failures = 0;
		big_fork_here();
		exit(failures ? 1 : 0);
	}
	s = wait_for(pid);
	CHECK(s == 0, "the big fork: %#x", s);
}

void copy_on_write_fork(void)
{
	long before;

	sync_words = (volatile uint32_t *)map(1, MAP_SHARED);
	if (!sync_words) {
		CHECK(0, "mmap of the shared page");
		return;
	}
	sync_words[0] = 0; /* its page and its table, before counting */
	before = sys_free_pages();
	both_write();
	three_sharers();
	kernel_writes();
	child_games_leave_parent();
	vfork_shares();
	big_fork();
	out_of_memory_twice();
	/* This process's own pages written since are copies it keeps
	 * (the children kept the originals): none more, none less. */
	CHECK(sys_free_pages() == before, "free pages %ld, were %ld",
	      sys_free_pages(), before);
	unmap((void *)sync_words, 1);
}
