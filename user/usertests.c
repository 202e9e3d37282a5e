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
	char names[8];
	int status, pid;

	CHECK(execve("startregs", (char *const *)kernel_argv, NULL) == -1 &&
	      errno == EFAULT, "argv in the kernel: errno %d", errno);
	for (int i = 0; i < EXEC_MAX_STRINGS + 1; i++)
		many[i] = "x";
	many[EXEC_MAX_STRINGS + 1] = NULL;
	CHECK(execve("startregs", many, NULL) == -1 && errno == E2BIG,
	      "too many arguments: errno %d", errno);

	pid = fork();
	if (pid == 0)
		exit(3);
	CHECK(waitpid(pid, (int *)0xffffffff80000000ul, 0) == -1 &&
	      errno == EFAULT, "status in the kernel: errno %d", errno);
	CHECK(waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 3,
	      "the child was lost after EFAULT: %#x", status);
	CHECK(waitpid(0, &status, 0) == -1 && errno == EINVAL, "pid 0");

	/* Only one's own child may take ctrl-C; no one's parent. */
	CHECK(sys_tty_foreground(getppid()) == -ESRCH, "the parent");
	CHECK(sys_tty_foreground(99999) == -ESRCH, "no such process");
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

/* A child's children outlive it; the kernel reaps them when they end. */
static void orphans_are_reaped(void)
{
	long before = sys_free_pages();
	int status, pid = fork();

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

/* Fork until it fails, then every page comes back (HOSTILE.md 15). */
static void fork_until_it_fails(void)
{
	long before = sys_free_pages();
	int n = 0, pid;

	while ((pid = fork()) > 0)
		n++;
	if (pid == 0) {
		msleep(100);
		exit(0);
	}
	CHECK(errno == EAGAIN || errno == ENOMEM, "fork failed with %d", errno);
	CHECK(n >= 8, "only %d processes", n);
	for (int i = 0; i < n; i++)
		CHECK(wait(NULL) > 0, "wait %d", i);
	CHECK(sys_free_pages() == before, "free pages %ld, were %ld",
	      sys_free_pages(), before);
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
