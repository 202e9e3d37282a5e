// SPDX-License-Identifier: MIT
/*
 * m-bench: what the common operations of a Unix kernel cost, measured by
 * one static Linux program that runs unchanged on Linux and on this
 * kernel (`make bench-linux` boots it on both and prints them side by
 * side; README.md, "make bench").
 *
 *   m-bench          checks only: every operation a few times, its
 *                    result checked; prints "name: ok" lines and no
 *                    numbers (the `musl` test group compares them with
 *                    the build machine's, line by line)
 *   m-bench quick    the same small counts, with the numbers
 *   m-bench full     the counts of the benchmark
 *
 * With numbers, each operation is one line, `name count per-op`: how many
 * times it ran and the RDTSC ticks per operation. Under QEMU's -icount
 * shift=0,sleep=off the TSC advances by one per instruction
 * (docs/PLATFORM notes in README.md), so per-op is instructions per
 * operation, exact and repeatable; on a real CPU it is cycles. Lines that
 * start with `#` are notes. A failed check prints `name FAILED: why`, and
 * the program exits 1.
 *
 * Each operation's result is checked, inside the timed loop where that
 * costs a compare or two, so that a call that fails fast cannot look
 * cheap. When the program is process 1 (the /init of the Linux run) it
 * powers the machine off at the end instead of returning.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "m-bench/bench.h"

/* <linux/futex.h>, which musl's headers do not bring */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_PRIVATE_FLAG 128

static const struct counts quick_counts = { 100, 20, 4, 2, 2,
					    { 2, 10, 50 }, { 10, 100, 1000 } };
static const struct counts full_counts = { 10000, 1000, 100, 20, 50,
					   { 10, 100, 1000 },
					   { 10, 1000, 100000 } };

const struct counts *n;
int numbers;  /* print the numbers (quick, full) or only verdicts */
static int failures;
char **saved_argv; /* for vfork_exec (m-bench/processes.c) */
static char file_path[64];

/* One operation's line: its count and the ticks per operation, or why
 * it failed. */
void report(const char *name, long count, uint64_t ticks,
	    const char *failed)
{
	if (failed) {
		failures++;
		printf(numbers ? "%s FAILED: %s\n" : "%s: FAILED (%s)\n", name,
		       failed);
	} else if (numbers) {
		printf("%s %ld %lu\n", name, count,
		       (unsigned long)((ticks + count / 2) / count));
	} else {
		printf("%s: ok\n", name);
	}
}

/* ------------------------------------------------------ null calls */

/*
 * The loops of the null calls are written out in assembly, and the same
 * loop without the entry instruction is subtracted, so that their
 * counts are the calls alone. Each round compares the result with the
 * pid (so a call that returns at once with an error would be seen) and
 * counts the rounds where it differs.
 */
#define NULL_LOOP(insn, nr, pid)                                               \
	({                                                                     \
		long n_ = n->calls, bad_ = 0;                                  \
		uint64_t t0_ = rdtsc();                                        \
		__asm__ volatile("1:\n\t"                                      \
				 "movl %[num], %%eax\n\t"                      \
				 insn "\n\t"                                   \
				 "cmpq %[want], %%rax\n\t"                     \
				 "setne %%cl\n\t"                              \
				 "movzbl %%cl, %%ecx\n\t"                      \
				 "addq %%rcx, %[bad]\n\t"                      \
				 "decq %[n]\n\t"                               \
				 "jnz 1b"                                      \
				 : [n] "+r"(n_), [bad] "+r"(bad_)              \
				 : [num] "r"(nr), [want] "r"(pid)              \
				 : "rax", "rcx", "r8", "r9", "r10", "r11",     \
				   "memory", "cc");                            \
		t_ = rdtsc() - t0_;                                            \
		bad_;                                                          \
	})

static void null_calls(void)
{
	long pid = getpid(), bad, none;
	uint64_t t_, loop, ticks;
	int nr80;

	/* The empty loop: what the others subtract. It must count no
	 * mismatch against a RAX it set itself. */
	none = NULL_LOOP("", (int)pid, pid);
	loop = t_;
	if (none)
		report("loop", n->calls, 0, "the empty loop miscounts");

	bad = NULL_LOOP("syscall", SYS_getpid, pid);
	ticks = t_ > loop ? t_ - loop : 0;
	report("getpid-syscall", n->calls, ticks,
	       bad ? "getpid through SYSCALL returned another number" : NULL);

	/*
	 * int 0x80: Linux serves it from the i386 table, where getpid is
	 * 20. This kernel has one table per process for all its entries,
	 * the x86-64 one for a Linux program (docs/syscalls.md section
	 * 12), where getpid is 39 and 20 is writev. So ask: number 20 with
	 * fd -1 in RDI and EBX is getpid on Linux, and writev(-1, ...) =
	 * -EBADF here; use 39 where 20 is not getpid.
	 */
	{
		long r;

		__asm__ volatile("int $0x80"
				 : "=a"(r)
				 : "a"(20), "b"(-1), "D"(-1), "S"(0), "d"(0),
				   "c"(0)
				 : "memory", "r8", "r9", "r10", "r11");
		nr80 = r == pid ? 20 : 39;
		if (numbers)
			printf("# int80 getpid is number %d here (%s)\n", nr80,
			       nr80 == 20 ? "the i386 table"
					  : "the x86-64 table");
	}
	bad = NULL_LOOP("int $0x80", nr80, pid);
	ticks = t_ > loop ? t_ - loop : 0;
	report("getpid-int80", n->calls, ticks,
	       bad ? "getpid through int 0x80 returned another number" : NULL);
}

void yield_alone(const char *name)
{
	long bad = 0;
	uint64_t t0 = rdtsc();

	for (long i = 0; i < n->calls; i++)
		bad += sched_yield() != 0;
	report(name, n->calls, rdtsc() - t0,
	       bad ? "sched_yield failed" : NULL);
}

/* ------------------------------------------------------- switches */

/*
 * Yield ping-pong: two processes (or threads) take turns through a
 * shared counter. Each waits, yielding, until the counter says it is
 * its turn, then advances it. The count is per hand-over: one switch
 * when every yield switches. A yield need not switch (Linux's CFS may
 * pick the yielding task again when the other has run for longer), so
 * the side that measures counts its yields, and a note says so when
 * there were more than turns; only lost turns are a failure.
 */
#define WARMUP 4

static long turns(volatile long *turn, long parity, long last, long *yields)
{
	long y = 0;

	for (;;) {
		long t = *turn;

		if (t >= last)
			break;
		if ((t & 1) == parity) {
			*turn = t + 1;
			continue;
		}
		sched_yield();
		y++;
	}
	if (yields)
		*yields = y;
	return 0;
}

/* The last turn is the measuring side's (even, parity 0): it stops the
 * clock right after it, while the other side still waits. */
#define LAST_TURN (WARMUP + 2 * n->rounds + 1)

static uint64_t measured_turns(const char *name, volatile long *turn)
{
	uint64_t t0, ticks;
	long yields = 0;

	/* Until both run the loop, then the timed turns. */
	turns(turn, 0, WARMUP, NULL);
	t0 = rdtsc();
	turns(turn, 0, LAST_TURN, &yields);
	ticks = rdtsc() - t0;
	if (numbers && yields > n->rounds + 1)
		printf("# %s: %ld yields for %ld turns of its own\n", name,
		       yields, n->rounds + 1);
	return ticks;
}

void switch_processes(const char *name)
{
	volatile long *turn = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
				   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	uint64_t ticks;
	int status = 0;
	pid_t pid;

	if (turn == MAP_FAILED) {
		report(name, 1, 0, "mmap MAP_SHARED failed");
		return;
	}
	*turn = 0;
	pid = fork();
	if (pid == 0) {
		turns(turn, 1, LAST_TURN, NULL);
		_exit(0);
	}
	ticks = measured_turns(name, turn);
	waitpid(pid, &status, 0);
	report(name, 2 * n->rounds, ticks,
	       pid < 0                            ? "fork failed"
	       : *turn != LAST_TURN                ? "turns lost"
	       : !WIFEXITED(status) || WEXITSTATUS(status) ? "the child failed"
						  : NULL);
	munmap((void *)turn, PAGE);
}

static volatile long thread_turn;

static void *turn_thread(void *arg)
{
	(void)arg;
	turns(&thread_turn, 1, LAST_TURN, NULL);
	return NULL;
}

static void switch_threads(void)
{
	pthread_t t;
	uint64_t ticks;

	thread_turn = 0;
	if (pthread_create(&t, NULL, turn_thread, NULL)) {
		report("switch-thread", 1, 0, "pthread_create failed");
		return;
	}
	ticks = measured_turns("switch-thread", &thread_turn);
	pthread_join(t, NULL);
	report("switch-thread", 2 * n->rounds, ticks,
	       thread_turn != LAST_TURN ? "turns lost" : NULL);
}

/* ---------------------------------------------------------- pipes */

/* One byte to a child and back through two pipes; the child returns
 * it plus one. */
/*
 * The end of a pipe row: close our ends of the two pipes, which ends the
 * child's loop, collect the child (it must exit 0) and report @ticks
 * for n->rounds rounds.
 */
static void end_pipe_child(const char *name, uint64_t ticks, pid_t pid,
			   int down_w, int up_r, const char *failed)
{
	int status = 0;

	close(down_w);
	close(up_r);
	waitpid(pid, &status, 0);
	if (!failed && (!WIFEXITED(status) || WEXITSTATUS(status)))
		failed = "the child failed";
	report(name, n->rounds, ticks, failed);
}

void pipe_round_trip(const char *name)
{
	int down[2], up[2];
	const char *failed = NULL;
	uint64_t t0;
	pid_t pid;

	if (pipe(down) || pipe(up)) {
		report(name, 1, 0, "pipe failed");
		return;
	}
	pid = fork();
	if (pid == 0) {
		unsigned char c;

		close(down[1]);
		close(up[0]);
		while (read(down[0], &c, 1) == 1) {
			c++;
			if (write(up[1], &c, 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	close(down[0]);
	close(up[1]);
	t0 = rdtsc();
	for (long i = 0; i < n->rounds && !failed; i++) {
		unsigned char c = (unsigned char)i, back = 0;

		if (write(down[1], &c, 1) != 1 || read(up[0], &back, 1) != 1)
			failed = "a read or write failed";
		else if (back != (unsigned char)(c + 1))
			failed = "the byte came back wrong";
	}
	end_pipe_child(name, rdtsc() - t0, pid, down[1], up[0], failed);
}

/* 64 KiB to a child, which reads all of it, checks it and answers with
 * one byte: 1 if it was right. */
static void pipe_bulk(void)
{
	static unsigned char buf[BULK];
	int down[2], up[2];
	const char *failed = NULL;
	uint64_t t0;
	pid_t pid;

	if (pipe(down) || pipe(up)) {
		report("pipe-64k", 1, 0, "pipe failed");
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		for (unsigned char round = 0;; round++) {
			size_t got = 0;
			unsigned char ok = 1;

			while (got < BULK) {
				ssize_t r = read(down[0], buf + got, BULK - got);

				if (r <= 0)
					_exit(r == 0 && got == 0 ? 0 : 1);
				got += r;
			}
			ok = buf[0] == round && buf[BULK - 1] == round &&
			     buf[BULK / 2] == (unsigned char)(round ^ 0x5a);
			if (write(up[1], &ok, 1) != 1)
				_exit(1);
		}
	}
	close(down[0]);
	close(up[1]);
	t0 = rdtsc();
	for (long i = 0; i < n->rounds && !failed; i++) {
		unsigned char round = (unsigned char)i, ok = 0;
		size_t put = 0;

		buf[0] = buf[BULK - 1] = round;
		buf[BULK / 2] = round ^ 0x5a;
		while (put < BULK && !failed) {
			ssize_t w = write(down[1], buf + put, BULK - put);

			if (w <= 0)
				failed = "write failed";
			else
				put += w;
		}
		if (!failed && (read(up[0], &ok, 1) != 1 || ok != 1))
			failed = "the child read other bytes";
	}
	end_pipe_child("pipe-64k", rdtsc() - t0, pid, down[1], up[0], failed);
}

/* ---------------------------------------------------------- files */

static int make_file(void)
{
	char data[PAGE];
	int fd;

	/* /tmp may be missing in a bare initramfs. */
	mkdir("/tmp", 01777);
	snprintf(file_path, sizeof(file_path), "/tmp/m-bench.%d", (int)getpid());
	for (unsigned i = 0; i < PAGE; i++)
		data[i] = (char)(i * 7 + 3);
	fd = open(file_path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
	if (fd < 0)
		return -1;
	if (write(fd, data, PAGE) != (ssize_t)PAGE) {
		close(fd);
		return -1;
	}
	return close(fd);
}

static void files(void)
{
	static char buf[PAGE];
	const char *failed = NULL;
	struct stat st;
	uint64_t t0;
	int fd;

	if (make_file()) {
		report("open-close", 1, 0, "could not write a file in /tmp");
		return;
	}
	t0 = rdtsc();
	for (long i = 0; i < n->rounds && !failed; i++) {
		fd = open(file_path, O_RDONLY);
		if (fd < 0 || close(fd))
			failed = "open or close failed";
	}
	report("open-close", n->rounds, rdtsc() - t0, failed);

	t0 = rdtsc();
	for (long i = 0; i < n->rounds && !failed; i++) {
		st.st_size = 0;
		if (stat(file_path, &st) || st.st_size != (off_t)PAGE ||
		    !S_ISREG(st.st_mode))
			failed = "stat failed or said another size";
	}
	report("stat", n->rounds, rdtsc() - t0, failed);

	fd = open(file_path, O_RDONLY);
	t0 = rdtsc();
	for (long i = 0; i < n->rounds && !failed; i++) {
		buf[0] = buf[PAGE - 1] = 0;
		if (pread(fd, buf, PAGE, 0) != (ssize_t)PAGE ||
		    buf[0] != 3 || buf[PAGE - 1] != (char)((PAGE - 1) * 7 + 3))
			failed = "pread failed or read other bytes";
	}
	report("read-4k", n->rounds, rdtsc() - t0, fd < 0 ? "open failed" : failed);
	close(fd);
	unlink(file_path);
}

/* --------------------------------------------------------- memory */

/* mmap + a write to every page + munmap of @size bytes. */
static void map_touch_unmap(const char *name, unsigned long size, long count)
{
	const char *failed = NULL;
	uint64_t t0 = rdtsc();

	for (long i = 0; i < count && !failed; i++) {
		volatile unsigned char *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
						 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			failed = "mmap failed";
			break;
		}
		for (unsigned long off = 0; off < size; off += PAGE) {
			if (p[off + 1] != 0)
				failed = "a new page was not zero";
			p[off] = 1;
		}
		if (munmap((void *)p, size))
			failed = "munmap failed";
	}
	report(name, count, rdtsc() - t0, failed);
}

/*
 * A page fault on first touch alone: 1 MiB mapped (too small for a
 * transparent huge page), each of its pages written once in the timed
 * part, unmapped outside it. Per page.
 */
static void first_touch(void)
{
	const char *failed = NULL;
	uint64_t ticks = 0;
	long pages = 0;

	for (long i = 0; i < n->mmap1m && !failed; i++) {
		volatile unsigned char *p = mmap(NULL, MIB, PROT_READ | PROT_WRITE,
						 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		uint64_t t0;

		if (p == MAP_FAILED) {
			failed = "mmap failed";
			break;
		}
		t0 = rdtsc();
		for (unsigned long off = 0; off < MIB; off += PAGE)
			p[off] = 1;
		ticks += rdtsc() - t0;
		pages += MIB / PAGE;
		for (unsigned long off = 0; off < MIB; off += PAGE)
			if (p[off] != 1 || p[off + 1] != 0)
				failed = "a page lost its byte or was not zero";
		munmap((void *)p, MIB);
	}
	report("page-fault", pages ? pages : 1, ticks, failed);
}

/* -------------------------------------------------------- signals */

static volatile long handled;

static void on_usr1(int sig)
{
	if (sig == SIGUSR1)
		handled++;
}

/* kill of the process itself + its handler + rt_sigreturn. */
static void signals(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	const char *failed = NULL;
	pid_t self = getpid();
	uint64_t t0;

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL)) {
		report("signal", 1, 0, "sigaction failed");
		return;
	}
	handled = 0;
	t0 = rdtsc();
	for (long i = 0; i < n->rounds && !failed; i++)
		if (kill(self, SIGUSR1) || handled != i + 1)
			failed = "the handler did not run once per kill";
	report("signal", n->rounds, rdtsc() - t0, failed);
	signal(SIGUSR1, SIG_DFL);
}

/* --------------------------------------------------------- futexes */

/*
 * FUTEX_WAKE/FUTEX_WAIT ping-pong between two threads on one word: the
 * main thread sets it to 1 and wakes the other, which sets it back to 0
 * and wakes the main thread. Per round trip (two switches).
 */
static volatile int futex_word;
static volatile long futex_rounds_seen;

static long futex(volatile int *w, int op, int val)
{
	return syscall(SYS_futex, w, op | FUTEX_PRIVATE_FLAG, val, NULL, NULL, 0);
}

static void *futex_partner(void *arg)
{
	(void)arg;
	for (long i = 0; i < n->rounds; i++) {
		while (futex_word == 0)
			futex(&futex_word, FUTEX_WAIT, 0);
		futex_rounds_seen++;
		futex_word = 0;
		futex(&futex_word, FUTEX_WAKE, 1);
	}
	return NULL;
}

static void futexes(void)
{
	const char *failed = NULL;
	pthread_t t;
	uint64_t t0, ticks;

	futex_word = 0;
	futex_rounds_seen = 0;
	if (pthread_create(&t, NULL, futex_partner, NULL)) {
		report("futex-thread", 1, 0, "pthread_create failed");
		return;
	}
	t0 = rdtsc();
	for (long i = 0; i < n->rounds; i++) {
		futex_word = 1;
		futex(&futex_word, FUTEX_WAKE, 1);
		while (futex_word == 1)
			futex(&futex_word, FUTEX_WAIT, 1);
	}
	ticks = rdtsc() - t0;
	pthread_join(t, NULL);
	if (futex_rounds_seen != n->rounds)
		failed = "the partner did not see every round";
	report("futex-thread", n->rounds, ticks, failed);
}

/* ------------------------------------------------------------ main */

/* As Linux's /init: output to the console even when the kernel found
 * no /dev/console to open for us, and power off at the end. */
static void init_console(void)
{
	struct stat st;
	int fd;

	if (fstat(1, &st) == 0)
		return;
	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		fd = open("/dev/ttyS0", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "check";

	if (!strcmp(mode, "exit")) /* the program vfork-exec runs */
		return 7;
	saved_argv = argv;
	if (getpid() == 1)
		init_console();
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(mode, "check")) {
		n = &quick_counts;
	} else if (!strcmp(mode, "quick") || !strcmp(mode, "full")) {
		n = !strcmp(mode, "full") ? &full_counts : &quick_counts;
		numbers = 1;
		printf("# m-bench %s: name count ticks-per-op\n", mode);
	} else {
		fprintf(stderr, "usage: m-bench [quick|full]\n");
		return 2;
	}

	null_calls();
	yield_alone("yield");
	switch_processes("switch-process");
	switch_threads();
	fork_sized("fork-1m", 1, n->forks);
	fork_sized("fork-16m", 16, n->bigfork);
	fork_sized("fork-64m", 64, n->bigfork);
	vfork_exec();
	exec_busybox_true();
	pipe_round_trip("pipe-rtt");
	pipe_bulk();
	pipe_sizes();
	files();
	map_touch_unmap("mmap-page", PAGE, n->rounds);
	map_touch_unmap("mmap-1m", MIB, n->mmap1m);
	first_touch();
	signals();
	futexes();
	for (int i = 0; i < 3; i++)
		with_sleepers(n->sleepers[i]);
	for (int i = 0; i < 3; i++)
		directory(n->entries[i]);

	if (failures)
		printf("m-bench: %d FAILED\n", failures);
	else
		printf("m-bench: all ok\n");
	if (getpid() == 1 && !strcmp(argv[0], "/init")) {
		sync();
		reboot(RB_POWER_OFF);
	}
	return failures ? 1 : 0;
}
