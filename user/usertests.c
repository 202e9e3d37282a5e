// SPDX-License-Identifier: MIT
/*
 * usertests: the kernel's process tests, from ring 3, in the style of
 * xv6's usertests. Each test runs in its own forked child and is judged
 * by that child's exit status (0 = passed).
 *
 *   usertests          every test
 *   usertests NAME     one test
 *
 * Prints "usertests: ok NAME" or "usertests: FAIL NAME" per test and
 * "usertests: N passed, N failed"; exits with the number failed.
 */
#include "user.h"

#include <uapi/abi.h>
#include <uapi/futex.h>
#include <uapi/mman.h>

static int failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("usertests: %s: FAILED %s: ", test_name, #cond); \
			printf(__VA_ARGS__);                                   \
			printf("\n");                                          \
			failures++;                                            \
		}                                                              \
	} while (0)

static const char *test_name = "";

/* Fork, run @fn in the child (exit status = its failure count), wait. */
static int in_child(void (*fn)(void))
{
	int status = 0, pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		failures = 0;
		fn();
		exit(failures ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* Fork + execve a program; returns its wait status. */
static int run_program(char *const argv[])
{
	int status = -1, pid = fork();

	if (pid == 0) {
		execve(argv[0], argv, NULL);
		printf("usertests: execve %s failed: errno %d\n", argv[0], errno);
		exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void fork_wait_exit_status(void)
{
	int parent = getpid(), status = 0, pid = fork();

	if (pid == 0)
		exit(getppid() == parent ? 42 : 1);
	CHECK(pid > 0, "fork = %d", pid);
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42, "status %#x",
	      status);
	CHECK(wait(&status) == -1 && errno == ECHILD, "a second wait");
	CHECK(waitpid(-1, &status, WNOHANG) == -1, "WNOHANG, no children");
}

static void fork_copies_memory(void)
{
	static volatile int shared = 1;
	char *heap = malloc(100);
	int status, pid;

	strlcpy(heap, "parent", 100);
	pid = fork();
	if (pid == 0) {
		shared = 2;
		strlcpy(heap, "child", 100);
		exit(shared == 2 && !strcmp(heap, "child") ? 0 : 1);
	}
	CHECK(waitpid(pid, &status, 0) == pid && status == 0, "child %#x", status);
	CHECK(shared == 1 && !strcmp(heap, "parent"), "parent's copy changed");
	free(heap);
}

static void exec_runs_programs(void)
{
	char *const ok[] = { "startregs", NULL };
	char *const args[] = { "hostile", "no-such-case", "int80", NULL };
	char *const none[] = { "no-such-program", NULL };

	/* startregs also checks the registers are clean after execve. */
	CHECK(run_program(ok) == 0, "startregs");
	/* This program carries the seed ABI's note (user/lib/abi_note.S). */
	CHECK(sys_abi() == ABI_SEED, "abi %ld", sys_abi());
	CHECK(WEXITSTATUS(run_program(args)) == 2, "arguments reach main");
	CHECK(execve("no-such-program", none, NULL) == -1 && errno == ENOENT,
	      "execve of a missing program: errno %d", errno);
	CHECK(execve((const char *)0xffffffff80000000ul, none, NULL) == -1 &&
	      errno == EFAULT, "execve of a kernel pointer: errno %d", errno);
}

/* Bad arguments to the process calls: errors, never a crash. */
static void bad_process_arguments(void)
{
	char *const kernel_argv = (char *)0xffffffff80000000ul;
	char *many[EXEC_MAX_STRINGS + 2];
	static char big[EXEC_ARG_BYTES];
	char names[8];
	int status, pid;

	CHECK(execve("startregs", (char *const *)kernel_argv, NULL) == -1 &&
	      errno == EFAULT, "argv in the kernel: errno %d", errno);
	for (int i = 0; i < EXEC_MAX_STRINGS + 1; i++)
		many[i] = "x";
	many[EXEC_MAX_STRINGS + 1] = NULL;
	CHECK(execve("startregs", many, NULL) == -1 && errno == E2BIG,
	      "too many arguments: errno %d", errno);
	/* One string that with its NUL fills all there is: with the
	 * program's name, too many bytes. */
	memset(big, 'x', sizeof(big) - 1);
	many[0] = "startregs";
	many[1] = big;
	many[2] = NULL;
	CHECK(execve("startregs", many, NULL) == -1 && errno == E2BIG,
	      "too many argument bytes: errno %d", errno);

	pid = fork();
	if (pid == 0)
		exit(3);
	CHECK(waitpid(pid, (int *)0xffffffff80000000ul, 0) == -1 &&
	      errno == EFAULT, "status in the kernel: errno %d", errno);
	CHECK(waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 3,
	      "the child was lost after EFAULT: %#x", status);
	/* pid 0 and -pgid name process groups: none holds a child now. */
	CHECK(waitpid(0, &status, 0) == -1 && errno == ECHILD, "pid 0");
	CHECK(waitpid(-(int)sys_getpgrp(), &status, 0) == -1 &&
	      errno == ECHILD, "pid -pgid");

	/* ctrl-C and ctrl-Z go to a group of one's own session, never to
	 * another session's (the rules of Linux's TIOCSPGRP). */
	CHECK(sys_tty_foreground(-1) == -EINVAL, "a negative group");
	CHECK(sys_tty_foreground(99999) == -ESRCH, "no such group");
	CHECK(sys_tty_foreground((int)sys_getpgrp()) == 0, "one's own group");
	{
		int fds[2];
		char c;

		sys_pipe2(fds, 0);
		pid = fork();
		if (pid == 0) {
			sys_setsid();
			sys_write(fds[1], "s", 1);
			sys_pause();
			exit(0);
		}
		sys_read(fds[0], &c, 1);
		CHECK(sys_tty_foreground(pid) == -EPERM,
		      "another session's group");
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		sys_close(fds[0]);
		sys_close(fds[1]);
	}
	CHECK(sys_tty_foreground(0) == 0, "none");
	CHECK(sys_programs(names, sizeof(names)) == -EINVAL, "small buffer");
	CHECK(sys_programs((char *)0xffffffff80000000ul, 4096) == -EFAULT,
	      "buffer in the kernel");
}

static void exec_rejects_malformed(void)
{
	static const char *const bad[] = { "bad-magic", "bad-truncated",
					   "bad-wx", "bad-interp",
					   "bad-overlap", "bad-entry" };

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *const argv[] = { (char *)bad[i], NULL };

		CHECK(execve(bad[i], argv, NULL) == -1 && errno == ENOEXEC,
		      "%s: errno %d", bad[i], errno);
	}
}

static void write_null(void)
{
	*(volatile int *)0 = 1;
}

static void invalid_opcode(void)
{
	__asm__ volatile("ud2");
}

static void divide_by_zero(void)
{
	__asm__ volatile("xorl %%edx, %%edx; divl %%edx" : : : "rax", "rdx");
}

static void breakpoint(void)
{
	__asm__ volatile("int3");
}

/* Recursion into the stack's guard page (HOSTILE.md 13). */
static volatile long depth_limit = -1;

static void recurse_to(long depth)
{
	volatile char pad[4096];

	pad[0] = 1;
	if (depth != depth_limit) /* never equal: the guard page comes first */
		recurse_to(depth + 1);
	pad[1] = pad[0];
}

static void recurse(void)
{
	recurse_to(0);
}

static void faults_end_only_the_child(void)
{
	char *const crash[] = { "crash", NULL };
	int s;

	s = run_program(crash); /* faults on its first instruction */
	CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGILL, "crash: %#x", s);
	s = in_child(write_null);
	CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV, "NULL write: %#x", s);
	s = in_child(invalid_opcode);
	CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGILL, "ud2: %#x", s);
	s = in_child(divide_by_zero);
	CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGFPE, "divide: %#x", s);
	s = in_child(breakpoint);
	CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGTRAP, "int3: %#x", s);
	s = in_child(recurse);
	CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV, "recursion: %#x", s);
}

/* prctl's option (Linux's <linux/prctl.h>) */
#define PR_SET_CHILD_SUBREAPER 36

/* A child's children outlive it: as in Linux, the nearest ancestor that
 * asked with PR_SET_CHILD_SUBREAPER adopts them (else pid 1), and
 * collects them with wait4; then every page is back. */
static void orphans_are_reaped(void)
{
	long before = sys_free_pages();
	int status, pid;

	CHECK(sys_prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0, "subreaper");
	pid = fork();

	if (pid == 0) {
		for (int i = 0; i < 3; i++)
			if (fork() == 0) {
				msleep(50);
				exit(0);
			}
		exit(0); /* without waiting */
	}
	CHECK(waitpid(pid, &status, 0) == pid && status == 0, "%#x", status);
	msleep(200);
	for (int i = 0; i < 3; i++)
		CHECK(waitpid(-1, &status, 0) > 0 && status == 0,
		      "an adopted orphan: %#x", status);
	CHECK(waitpid(-1, &status, WNOHANG) == -1, "no child left");
	CHECK(sys_free_pages() == before, "free pages %ld, were %ld",
	      sys_free_pages(), before);
}

/* A child sleeping 300 ms is still there after we sleep 50 ms, and
 * gone after another 500 ms: sleeps neither return at once nor hang. */
static void sleep_takes_time(void)
{
	struct timespec bad = { 0, 1000000000 };
	int status, pid;

	CHECK(nanosleep(&bad, NULL) == -1 && errno == EINVAL, "bad timespec");
	CHECK(nanosleep((void *)1, NULL) == -1 && errno == EFAULT, "bad pointer");
	pid = fork();
	if (pid == 0)
		exit(msleep(300) == 0 ? 7 : 1);
	CHECK(msleep(50) == 0, "msleep");
	CHECK(waitpid(pid, &status, WNOHANG) == 0, "the child woke too early");
	CHECK(msleep(500) == 0, "msleep");
	CHECK(waitpid(pid, &status, WNOHANG) == pid && WEXITSTATUS(status) == 7,
	      "the child did not wake: %#x", status);
}

/*
 * Fork until it fails, then every page comes back (HOSTILE.md 15).
 * Processes are limited by memory only. fork shares page tables and
 * pages (copy-on-write): a ballast of 2 MiB of private memory costs
 * each child a few upper page tables, not 512 pages. The children wait on
 * a futex in a shared page until the parent is done, so that thousands
 * of them cost no time while they wait.
 */
#define BALLAST (2l << 20)

static void fork_until_it_fails(void)
{
	long before;
	int n = 0, pid;
	char *ballast = (char *)sys_mmap(NULL, BALLAST, PROT_READ | PROT_WRITE,
					 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint32_t *done = (uint32_t *)sys_mmap(NULL, 4096,
					      PROT_READ | PROT_WRITE,
					      MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if ((long)ballast < 0 || (long)done < 0) {
		CHECK(0, "mmap: %ld, %ld", (long)ballast, (long)done);
		return;
	}
	for (long off = 0; off < BALLAST; off += 4096)
		ballast[off] = 1;
	*done = 0;
	before = sys_free_pages();
	while ((pid = fork()) > 0)
		n++;
	if (pid == 0) {
		while (!*(volatile uint32_t *)done)
			sys_futex(done, FUTEX_WAIT, 0, NULL, NULL, 0);
		exit(ballast[BALLAST - 4096] == 1 ? 0 : 1);
	}
	CHECK(errno == EAGAIN || errno == ENOMEM, "fork failed with %d", errno);
	CHECK(n >= 8, "only %d processes", n);
	*(volatile uint32_t *)done = 1;
	sys_futex(done, FUTEX_WAKE, 0x7fffffff, NULL, NULL, 0);
	for (int i = 0; i < n; i++) {
		int status = -1;

		CHECK(wait(&status) > 0 && status == 0, "wait %d: %#x", i, status);
	}
	CHECK(sys_free_pages() == before, "free pages %ld, were %ld",
	      sys_free_pages(), before);
	sys_munmap(ballast, BALLAST);
	sys_munmap((void *)done, 4096);
	printf("usertests: forked %d processes before fork failed\n", n);
}

/* Grow the heap until it fails, touching it, then give it all back. */
static void allocate_until_it_fails(void)
{
	long before = sys_free_pages(), got = 0;
	int status, pid = fork();

	if (pid == 0) {
		char *p;

		while ((p = sbrk(1 << 20)) != (void *)-1) {
			for (int i = 0; i < (1 << 20); i += 4096)
				p[i] = 1;
			got++;
		}
		exit(got >= 8 ? 0 : 1);
	}
	CHECK(waitpid(pid, &status, 0) == pid && status == 0, "%#x", status);
	CHECK(sys_free_pages() == before, "free pages %ld, were %ld",
	      sys_free_pages(), before);
	/* brk stays inside the user program area. */
	CHECK(sys_brk(0xffffffff80000000ul) == sys_brk(0), "brk into the kernel");
}

/*
 * Three processes, each writing through a different entry, each preempted
 * by the timer: every line must come out whole (the kernel test checks
 * the console for that and for interleaving).
 */
static void preempted_writers(void)
{
	static const unsigned int entries[] = { SYSCALL_ENTRY_SYSCALL,
						SYSCALL_ENTRY_INT80,
						SYSCALL_ENTRY_SYSENTER };
	int n = 0;

	for (int c = 0; c < 3; c++) {
		if (syscall_use_entry(entries[c]) < 0)
			continue;
		if (fork() == 0) {
			for (int line = 0; line < 20; line++) {
				for (volatile long spin = 0; spin < 200000; spin++)
					;
				printf("preempt: child %d line %d via %s\n", c,
				       line, syscall_entry_name(entries[c]));
			}
			exit(0);
		}
		n++;
	}
	syscall_use_entry(SYSCALL_ENTRY_INT80);
	for (int i = 0; i < n; i++) {
		int status;

		CHECK(wait(&status) > 0 && status == 0, "writer %#x", status);
	}
}

/* Every HOSTILE.md case, through every entry, as a process of its own. */
struct hostile {
	const char *c, *variant;
	int want; /* exit 0, or a signal; -1: any end; -2: 0 or SIGTRAP */
};

static void hostile_cases(void)
{
	static const struct hostile cases[] = {
		{ "numbers", NULL, 0 },
		{ "pointers", NULL, 0 },
		{ "tf", NULL, -2 },
		{ "nt-ac-df", NULL, 0 },
		{ "garbage", NULL, -1 },
		{ "garbage-tf", NULL, -1 },
		{ "movss", NULL, -2 },
		{ "movss", "int3", -2 },
		{ "insn", "ud2", SIGILL },
		{ "insn", "hlt", SIGSEGV },
		{ "insn", "out", SIGSEGV },
		{ "insn", "wrmsr", SIGSEGV },
		{ "insn", "swapgs", SIGSEGV },
		{ "insn", "lret-kernel-cs", SIGSEGV },
		{ "insn", "read-kernel", SIGSEGV },
		{ "int", "13", SIGSEGV },
		{ "int", "255", SIGSEGV },
		{ "syscall-at-top", NULL, SIGKILL },
		{ "sysenter-return", "rip-noncanonical", SIGKILL },
		{ "sysenter-return", "rsp-kernel", SIGKILL },
	};
	static const char *const names[] = { "syscall", "int80", "sysenter" };
	static const unsigned int bits[] = { SYSCALL_ENTRY_SYSCALL,
					     SYSCALL_ENTRY_INT80,
					     SYSCALL_ENTRY_SYSENTER };
	unsigned int offered = syscall_entries_offered();
	long before = sys_free_pages();

	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct hostile *h = &cases[i];

		for (unsigned int e = 0; e < 3; e++) {
			char *argv[] = { "hostile", (char *)h->c, (char *)names[e],
					 (char *)h->variant, NULL };
			int s, ok;

			if (!(offered & bits[e]))
				continue;
			if (!strcmp(h->c, "syscall-at-top") && e != 0)
				continue;
			if (!strncmp(h->c, "sysenter", 8) && e != 2)
				continue;
			s = run_program(argv);
			if (h->want == -1)
				ok = s >= 0;
			else if (h->want == -2)
				ok = s == 0 || (WIFSIGNALED(s) && WTERMSIG(s) == SIGTRAP);
			else if (h->want == 0)
				ok = s == 0;
			else
				ok = WIFSIGNALED(s) && WTERMSIG(s) == h->want;
			CHECK(ok, "hostile %s %s %s: status %#x", h->c, names[e],
			      h->variant ? h->variant : "", s);
		}
	}
	if (!(offered & SYSCALL_ENTRY_SYSENTER)) {
		char *argv[] = { "hostile", "sysenter-raw", "int80", NULL };
		int s = run_program(argv);

		CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGILL, "sysenter: %#x", s);
	}
	CHECK(sys_free_pages() == before, "free pages %ld, were %ld",
	      sys_free_pages(), before);
}

/* --- time, randomness, identity and limits --- */

#define KERNEL_PTR ((void *)0xffffffff80000000ul)
#define NS(t) ((t).tv_sec * 1000000000L + (t).tv_nsec)

static long monotonic_ns(void)
{
	struct timespec t = { 0, 0 };

	sys_clock_gettime(CLOCK_MONOTONIC, &t);
	return NS(t);
}

/* Every clock reads and has a resolution; the monotonic one never goes
 * back and advances over a 50 ms sleep by 50 ms to 1 s; bad ids and
 * pointers fail as in Linux. */
static void clocks_read(void)
{
	struct timespec t, fine, coarse;
	struct timeval tv;
	struct { struct timezone tz; long canary; } z = { { 7, 7 }, 7 };
	long prev = 0, now, start, tloc = 0;

	for (int c = CLOCK_REALTIME; c <= CLOCK_BOOTTIME; c++) {
		CHECK(sys_clock_gettime(c, &t) == 0 && t.tv_nsec >= 0 &&
		      t.tv_nsec < 1000000000, "clock %d", c);
		CHECK(sys_clock_getres(c, &t) == 0 && t.tv_sec == 0 &&
		      t.tv_nsec >= 1 && t.tv_nsec <= 10000000, "res %d", c);
	}
	for (int i = 0; i < 2000; i++, prev = now)
		CHECK((now = monotonic_ns()) >= prev, "went back: %ld", now);
	start = monotonic_ns();
	CHECK(msleep(50) == 0, "msleep");
	now = monotonic_ns() - start;
	CHECK(now >= 50000000 && now < 1000000000, "50 ms took %ld ns", now);
	sys_clock_gettime(CLOCK_MONOTONIC_COARSE, &coarse);
	sys_clock_gettime(CLOCK_MONOTONIC, &fine);
	CHECK(NS(coarse) <= NS(fine), "coarse ahead of the clock");
	sys_clock_gettime(CLOCK_REALTIME, &t);
	CHECK(t.tv_sec >= 1704067200, "REALTIME %ld is before 2024", t.tv_sec);
	CHECK(sys_gettimeofday(&tv, &z.tz) == 0 && tv.tv_usec < 1000000 &&
	      tv.tv_sec - t.tv_sec <= 1 && tv.tv_sec >= t.tv_sec, "gettimeofday");
	CHECK(z.tz.tz_minuteswest == 0 && z.tz.tz_dsttime == 0 && z.canary == 7,
	      "time zone");
	CHECK(sys_gettimeofday(NULL, NULL) == 0, "NULL, NULL");
	now = sys_time(&tloc);
	CHECK(now >= t.tv_sec && now - t.tv_sec <= 1 && tloc == now, "time");
	CHECK(sys_time(NULL) >= now, "time(NULL)");
	/* errors */
	for (int c = -1; c < 1000; c += 1 + (c > 8) * 100)
		if (c < CLOCK_REALTIME || c > CLOCK_BOOTTIME)
			CHECK(sys_clock_gettime(c, &t) == -EINVAL &&
			      sys_clock_getres(c, &t) == -EINVAL,
			      "clock id %d", c);
	CHECK(sys_clock_getres(CLOCK_MONOTONIC, NULL) == 0, "res NULL");
	CHECK(sys_clock_gettime(CLOCK_MONOTONIC, KERNEL_PTR) == -EFAULT &&
	      sys_clock_gettime(CLOCK_REALTIME, (void *)8) == -EFAULT &&
	      sys_clock_getres(CLOCK_REALTIME, KERNEL_PTR) == -EFAULT &&
	      sys_gettimeofday(KERNEL_PTR, NULL) == -EFAULT &&
	      sys_gettimeofday(NULL, KERNEL_PTR) == -EFAULT &&
	      sys_time(KERNEL_PTR) == -EFAULT, "bad pointers");
}

/* clock_nanosleep, relative and absolute, and its errors. */
static void clock_nanosleep_sleeps(void)
{
	struct timespec until, t, bad = { 0, 1000000000 }, neg = { -1, 0 };
	long start = monotonic_ns();

	t = (struct timespec){ 0, 30000000 };
	CHECK(sys_clock_nanosleep(CLOCK_MONOTONIC, 0, &t, NULL) == 0, "rel");
	CHECK(monotonic_ns() - start >= 30000000, "woke early");
	/* absolute: 50 ms from now on each clock, then one in the past */
	for (int c = CLOCK_REALTIME; c <= CLOCK_MONOTONIC; c++) {
		sys_clock_gettime(c, &until);
		until.tv_nsec += 50000000;
		if (until.tv_nsec >= 1000000000) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000;
		}
		start = monotonic_ns();
		CHECK(sys_clock_nanosleep(c, TIMER_ABSTIME, &until, &bad) == 0,
		      "abs %d", c);
		sys_clock_gettime(c, &t);
		CHECK(NS(t) >= NS(until), "clock %d woke before the time", c);
		CHECK(monotonic_ns() - start < 1000000000, "overslept");
		CHECK(bad.tv_nsec == 1000000000, "rem written");
	}
	start = monotonic_ns();
	t = (struct timespec){ 1, 0 };
	CHECK(sys_clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &t, NULL) == 0 &&
	      monotonic_ns() - start < 100000000, "a time in the past");
	CHECK(sys_clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL) == -EINVAL &&
	      sys_clock_nanosleep(CLOCK_MONOTONIC, 0, &neg, NULL) == -EINVAL &&
	      sys_clock_nanosleep(99, 0, &t, NULL) == -EINVAL,
	      "invalid request or clock");
	CHECK(sys_clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &t, NULL) ==
	      -EOPNOTSUPP, "sleep on a CPU clock");
	CHECK(sys_clock_nanosleep(CLOCK_MONOTONIC, 0, KERNEL_PTR, NULL) == -EFAULT &&
	      sys_nanosleep(NULL, NULL) == -EFAULT, "bad request pointer");
	/* the CPU clock counts this process's time, not the others' */
	sys_clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	CHECK(NS(t) <= monotonic_ns(), "more CPU time than time");
}

static void getrandom_fills(void)
{
	unsigned char a[64], b[64];
	char *top = (char *)(((unsigned long)sbrk(0) + 4095) & ~4095ul);
	static const unsigned int ok[] = { 0, GRND_NONBLOCK, GRND_RANDOM,
					   GRND_INSECURE,
					   GRND_NONBLOCK | GRND_INSECURE };
	int same = 1;

	memset(a, 0, sizeof(a));
	CHECK(sys_getrandom(a, sizeof(a), 0) == sizeof(a), "64 bytes");
	CHECK(sys_getrandom(b, sizeof(b), 0) == sizeof(b), "again");
	for (unsigned int i = 1; i < sizeof(a); i++)
		same &= a[i] == a[0];
	CHECK(!same, "64 equal bytes");
	CHECK(memcmp(a, b, sizeof(a)), "two calls gave the same bytes");
	for (unsigned int i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		CHECK(sys_getrandom(a, 16, ok[i]) == 16, "flags %#x", ok[i]);
	CHECK(sys_getrandom(a, 16, GRND_RANDOM | GRND_INSECURE) == -EINVAL &&
	      sys_getrandom(a, 16, 8) == -EINVAL &&
	      sys_getrandom(a, 16, 0x80000000u) == -EINVAL, "bad flags");
	CHECK(sys_getrandom(a, 0, 0) == 0, "no bytes");
	CHECK(sys_getrandom(KERNEL_PTR, 16, 0) == -EFAULT &&
	      sys_getrandom(NULL, 16, 0) == -EFAULT, "bad buffer");
	/* the heap's last 100 bytes, then unmapped: a short count */
	CHECK(sys_getrandom(top - 100, 1000, 0) == 100, "partial");
	CHECK(sys_getrandom(top - 100, 1ul << 40, 0) == 100, "huge, partial");
}

static void machine_and_identity(void)
{
	struct sysinfo si;
	struct utsname u;
	unsigned long mask[4] = { ~0ul, ~0ul, ~0ul, ~0ul };
	unsigned long one = 1, two = 2;

	memset(&si, 0xff, sizeof(si));
	CHECK(sys_sysinfo(&si) == 0, "sysinfo");
	CHECK(si.uptime >= 1 && si.mem_unit == 1 && si.procs >= 2 &&
	      si.totalram > si.freeram && si.freeram > 0 &&
	      si.freeram == (unsigned long)sys_free_pages() * 4096 &&
	      si.loads[0] < (1000ul << 16) && si.totalswap == 0, "values");
	CHECK(sys_sysinfo(KERNEL_PTR) == -EFAULT, "EFAULT");
	CHECK(sys_sched_getaffinity(0, sizeof(mask), mask) == 8 &&
	      mask[0] == 1 && mask[1] == ~0ul, "affinity mask");
	CHECK(sys_sched_getaffinity(getpid(), 8, mask) == 8, "own pid");
	CHECK(sys_sched_getaffinity(0, 4, mask) == -EINVAL &&
	      sys_sched_getaffinity(0, 0, mask) == -EINVAL &&
	      sys_sched_getaffinity(0, 12, mask) == -EINVAL, "short mask");
	CHECK(sys_sched_getaffinity(99999, 8, mask) == -ESRCH &&
	      sys_sched_getaffinity(0, 8, KERNEL_PTR) == -EFAULT, "errors");
	CHECK(sys_sched_setaffinity(0, 8, &one) == 0 &&
	      sys_sched_setaffinity(0, 8, &two) == -EINVAL &&
	      sys_sched_setaffinity(0, 0, &one) == -EINVAL &&
	      sys_sched_setaffinity(0, 8, KERNEL_PTR) == -EFAULT, "set");
	CHECK(sys_getuid() == 0 && sys_geteuid() == 0 && sys_getgid() == 0 &&
	      sys_getegid() == 0, "root");
	CHECK(sys_rseq(NULL, 32, 0, 0) == -ENOSYS, "rseq");
	CHECK(uname(&u) == 0 && !strcmp(u.sysname, "Linux") &&
	      !strncmp(u.release, "6.1.0-", 6), "uname %s %s", u.sysname,
	      u.release);
}

static void resource_limits(void)
{
	struct rlimit r, old, files = { 100, 200 };
	int status, pid;

	CHECK(sys_getrlimit(RLIMIT_STACK, &r) == 0 &&
	      r.rlim_cur == 8ul << 20 && r.rlim_max == RLIM_INFINITY, "stack");
	CHECK(sys_getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur == 1024 &&
	      r.rlim_max == 4096, "nofile");
	CHECK(sys_getrlimit(RLIMIT_AS, &r) == 0 && r.rlim_cur == RLIM_INFINITY,
	      "as");
	CHECK(sys_getrlimit(RLIM_NLIMITS, &r) == -EINVAL &&
	      sys_getrlimit(RLIMIT_AS, KERNEL_PTR) == -EFAULT, "errors");
	CHECK(sys_prlimit64(0, RLIMIT_NOFILE, &files, &old) == 0 &&
	      old.rlim_cur == 1024 && old.rlim_max == 4096, "prlimit64 set");
	CHECK(sys_prlimit64(getpid(), RLIMIT_NOFILE, NULL, &r) == 0 &&
	      r.rlim_cur == 100 && r.rlim_max == 200, "prlimit64 get");
	pid = fork();
	if (pid == 0)
		exit(sys_getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur == 100
			     ? 0 : 1);
	CHECK(waitpid(pid, &status, 0) == pid && status == 0, "not inherited");
	r = (struct rlimit){ 300, 200 };
	CHECK(sys_setrlimit(RLIMIT_NOFILE, &r) == -EINVAL, "soft > hard");
	r = (struct rlimit){ 10, 2000000 };
	CHECK(sys_prlimit64(0, RLIMIT_NOFILE, &r, NULL) == -EPERM, "nr_open");
	r = (struct rlimit){ 0, 0 };
	CHECK(sys_setrlimit(RLIMIT_CORE, &r) == 0 &&
	      sys_prlimit64(99999, RLIMIT_CORE, NULL, &r) == -ESRCH &&
	      sys_prlimit64(0, RLIMIT_CORE, KERNEL_PTR, NULL) == -EFAULT &&
	      sys_setrlimit(RLIMIT_CORE, KERNEL_PTR) == -EFAULT, "errors");
}

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
	{ "fork_wait_exit_status", fork_wait_exit_status },
	{ "fork_copies_memory", fork_copies_memory },
	{ "exec_runs_programs", exec_runs_programs },
	{ "exec_rejects_malformed", exec_rejects_malformed },
	{ "bad_process_arguments", bad_process_arguments },
	{ "faults_end_only_the_child", faults_end_only_the_child },
	{ "orphans_are_reaped", orphans_are_reaped },
	{ "sleep_takes_time", sleep_takes_time },
	{ "fork_until_it_fails", fork_until_it_fails },
	{ "allocate_until_it_fails", allocate_until_it_fails },
	{ "preempted_writers", preempted_writers },
	{ "hostile_cases", hostile_cases },
	{ "clocks_read", clocks_read },
	{ "clock_nanosleep_sleeps", clock_nanosleep_sleeps },
	{ "getrandom_fills", getrandom_fills },
	{ "machine_and_identity", machine_and_identity },
	{ "resource_limits", resource_limits },
};

int main(int argc, char **argv)
{
	long before = sys_free_pages();
	int passed = 0, failed = 0;

	for (unsigned int i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		int s;

		if (argc > 1 && strcmp(argv[1], tests[i].name))
			continue;
		test_name = tests[i].name;
		s = in_child(tests[i].fn);
		if (s == 0) {
			printf("usertests: ok %s\n", tests[i].name);
			passed++;
		} else {
			printf("usertests: FAIL %s (status %#x)\n", tests[i].name, s);
			failed++;
		}
	}
	if (!passed && !failed) {
		printf("usertests: no test called %s\n", argv[1]);
		return 1;
	}
	if (sys_free_pages() != before) {
		printf("usertests: FAIL free pages %ld after the suite, were %ld\n",
		       sys_free_pages(), before);
		failed++;
	}
	printf("usertests: %d passed, %d failed\n", passed, failed);
	return failed;
}
