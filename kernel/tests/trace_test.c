// SPDX-License-Identifier: MIT
/*
 * The system call trace: its formatting pieces on their own, then the
 * lines of a real program (user/tracee.c) run with the trace on.
 */
#include <kernel/ktest.h>
#include <kernel/syscall.h>
#include <kernel/trace.h>
#include <kernel/trace_table.h>
#include <lib/string.h>

#include "user_run.h"

static struct user_run run;
static char text[256];

static const char *quoted(const char *s, size_t n, bool more)
{
	struct trace_line l = { text, 0, sizeof(text), false };

	tl_quote(&l, s, n, more);
	return text;
}

static const char *named(enum trace_arg kind, uint64_t v)
{
	struct trace_line l = { text, 0, sizeof(text), false };

	tl_named(&l, kind, v);
	return text;
}

#define KT_ASSERT_STR(got, want)                                               \
	do {                                                                   \
		const char *kt_got_ = (got);                                   \
		if (!kt_got_ || strcmp(kt_got_, (want))) {                     \
			ktest_fail(__FILE__, __LINE__,                         \
				   "%s is \"%s\", not \"%s\"", #got,         \
				   kt_got_ ? kt_got_ : "(null)", (want));      \
			return;                                                \
		}                                                              \
	} while (0)

KTEST(trace_strings)
{
	static const char forty[] = "0123456789012345678901234567890123456789";

	KT_ASSERT_STR(quoted("hi\n", 3, false), "\"hi\\n\"");
	KT_ASSERT_STR(quoted("\t\v\f\r\"\\", 6, false),
		      "\"\\t\\v\\f\\r\\\"\\\\\"");
	/* octal as short as the next byte allows */
	KT_ASSERT_STR(quoted("\0a", 2, false), "\"\\0a\"");
	KT_ASSERT_STR(quoted("\0" "1", 2, false), "\"\\0001\"");
	KT_ASSERT_STR(quoted("\033[", 2, false), "\"\\33[\"");
	KT_ASSERT_STR(quoted("\377", 1, false), "\"\\377\"");
	/* cut after 32 bytes */
	KT_ASSERT_STR(quoted(forty, 40, false),
		      "\"01234567890123456789012345678901\"...");
	KT_ASSERT_STR(quoted(forty, 32, false),
		      "\"01234567890123456789012345678901\"");
	KT_ASSERT_STR(quoted("ab", 2, true), "\"ab\"...");
}

KTEST(trace_flags)
{
	KT_ASSERT_STR(named(A_OPEN_FLAGS, 0), "O_RDONLY");
	KT_ASSERT_STR(named(A_OPEN_FLAGS, 01 | 0100 | 01000),
		      "O_WRONLY|O_CREAT|O_TRUNC");
	KT_ASSERT_STR(named(A_OPEN_FLAGS, 02000000 | 0200000),
		      "O_RDONLY|O_DIRECTORY|O_CLOEXEC");
	KT_ASSERT_STR(named(A_OPEN_FLAGS, 04010002), "O_RDWR|O_SYNC");
	KT_ASSERT_STR(named(A_MMAP_PROT, 0), "PROT_NONE");
	KT_ASSERT_STR(named(A_MMAP_PROT, 7), "PROT_READ|PROT_WRITE|PROT_EXEC");
	KT_ASSERT_STR(named(A_MMAP_FLAGS, 0x22), "MAP_PRIVATE|MAP_ANONYMOUS");
	KT_ASSERT_STR(named(A_MMAP_FLAGS, 0x100032),
		      "MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS|"
		      "MAP_FIXED_NOREPLACE");
	/* musl's pthread_create, and glibc's fork */
	KT_ASSERT_STR(named(A_CLONE_FLAGS, 0x7d0f00),
		      "CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|"
		      "CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|"
		      "CLONE_PARENT_SETTID|"
		      "CLONE_CHILD_CLEARTID|CLONE_DETACHED");
	KT_ASSERT_STR(named(A_CLONE_FLAGS, 0x1200011),
		      "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD");
	KT_ASSERT_STR(named(A_CLONE_FLAGS, 17), "SIGCHLD");
	KT_ASSERT_STR(named(A_CLONE_FLAGS, 0), "0");
	KT_ASSERT_STR(named(A_ARCH_PRCTL, 0x1002), "ARCH_SET_FS");
	KT_ASSERT_STR(named(A_ARCH_PRCTL, 0x1999), "0x1999");
	KT_ASSERT_STR(named(A_FUTEX_OP, 128), "FUTEX_WAIT_PRIVATE");
	KT_ASSERT_STR(named(A_FUTEX_OP, 1), "FUTEX_WAKE");
	KT_ASSERT_STR(named(A_FUTEX_OP, 9 | 128 | 256),
		      "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME");
	KT_ASSERT_STR(named(A_CLOCKID, 1), "CLOCK_MONOTONIC");
	KT_ASSERT_STR(named(A_CLOCKID, 42), "42");
	KT_ASSERT_STR(named(A_SIGNAL, 9), "SIGKILL");
	KT_ASSERT_STR(named(A_ACCESS_MODE, 0), "F_OK");
	KT_ASSERT_STR(named(A_ACCESS_MODE, 6), "R_OK|W_OK");
	KT_ASSERT_STR(named(A_AT_FLAGS, 0x1100),
		      "AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH");
	KT_ASSERT_STR(named(A_WAIT_OPTIONS, 0x40000001), "WNOHANG|__WALL");
	/* bits without a name, in hex */
	KT_ASSERT_STR(named(A_FD_FLAGS, 02000000 | 1), "O_CLOEXEC|0x1");
	KT_ASSERT_STR(named(A_IOCTL_CMD, 0x5413), "TIOCGWINSZ");
}

KTEST(trace_names)
{
	struct trace_desc d;

	KT_ASSERT_STR(linux_syscall_name(0), "read");
	KT_ASSERT_STR(linux_syscall_name(15), "rt_sigreturn");
	KT_ASSERT_STR(linux_syscall_name(334), "rseq");
	KT_ASSERT_STR(linux_syscall_name(424), "pidfd_send_signal");
	KT_ASSERT(linux_syscall_name(335) == NULL);
	KT_ASSERT(linux_syscall_name(1024) == NULL);
	KT_ASSERT(linux_syscall_name(1ul << 32) == NULL);
	KT_ASSERT_STR(trace_errno_name(2), "ENOENT");
	KT_ASSERT_STR(trace_errno_name(38), "ENOSYS");
	KT_ASSERT_STR(trace_errno_name(133), "EHWPOISON");
	KT_ASSERT(trace_errno_name(0) == NULL && trace_errno_name(41) == NULL);
	KT_ASSERT(trace_errno_name(134) == NULL);

	trace_describe(9, &d);
	KT_ASSERT_STR(d.name, "mmap");
	KT_ASSERT(d.ret == R_HEX && d.args[3] == A_MMAP_FLAGS);
	trace_describe(1029, &d); /* private */
	KT_ASSERT_STR(d.name, "programs");
	trace_describe(136, &d); /* Linux's, not described */
	KT_ASSERT_STR(d.name, "ustat");
	KT_ASSERT(d.ret == R_DEC && d.args[0] == A_HEX && d.args[5] == A_HEX);
	trace_describe(500, &d);
	KT_ASSERT(d.name == NULL);
}

/* Which entry __libc_start picks (user/lib/start.c). */
static const char *fastest_entry(void)
{
	if (syscall_entries_available & SYSCALL_ENTRY_SYSCALL)
		return "syscall";
	if (syscall_entries_available & SYSCALL_ENTRY_SYSENTER)
		return "sysenter";
	return "int80";
}

/* The whole program, traced: trace=syscalls:tracee. */
KTEST(trace_program)
{
	static const char *const argv[] = { "tracee", NULL };
	static const char *const want[] = {
		"write(1, \"tracee: a\\tb\\\"c\\\\d\\1\\n\", 17) = 17\n",
		"write(1, \"z\\0001\\n\", 4) = 4\n",
		"write(1, \"01234567890123456789012345678901\"..., 41) = 41\n",
		"write(1, 0x1, 5) = -14 EFAULT\n",
		"write(1, 0xffffffff80000000, 5) = -14 EFAULT\n",
		"] getpid() = ",
		"] openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = ",
		"] openat(AT_FDCWD, 0x1, O_WRONLY|O_CREAT|O_CLOEXEC, 0644) = ",
		("] mmap(NULL, 4096, PROT_READ|PROT_WRITE, "
		 "MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = "),
		("] execve(\"nosuch\", [\"nosuch\", \"arg 1\"], NULL) = "
		 "-2 ENOENT\n"),
		("] execve(\"nosuch\", [\"nosuch\", "
		 "\"01234567890123456789012345678901\"..."),
		"...) = -2 ENOENT\n", /* cut, but the result is there */
		"] nanosleep({tv_sec=0, tv_nsec=1000000}, NULL) = 0\n",
		("] poll([{fd=3, events=POLLIN}, {fd=-1}, {fd=4, "
		 "events=POLLOUT}], 3, 0) = 2 ([{fd=3, revents=POLLIN}, "
		 "{fd=4, revents=POLLOUT}])\n"),
		"] poll([{fd=9, events=POLLIN}], 1, 0) = 1 ([{fd=9, revents=POLLNVAL}])\n",
		("] select(5, [3 4], [4], NULL, {tv_sec=0, tv_usec=0}) = 2 "
		 "(in [3], out [4], left {tv_sec=0, tv_usec=0})\n"),
		("] ppoll([{fd=3, events=POLLOUT}], 1, {tv_sec=0, "
		 "tv_nsec=1000}, [USR1 ALRM], 8) = 0 (Timeout)\n"),
		("] pselect6(4, NULL, NULL, NULL, {tv_sec=0, tv_nsec=0}, "
		 "{sigmask=NULL, sigsetsize=8}) = 0 (Timeout)\n"),
		"no_system_call is called, NR: 0x88 (ustat)\n",
		"] ustat(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -38 ENOSYS\n",
		"no_system_call is called, NR: 0x1f4\n",
		"] syscall_0x1f4(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -38 ENOSYS\n",
		"] syscall_0x100000027(0, 0, 0, 0, 0, 0) = -38 ENOSYS\n",
		"] free_pages() = ",
		"] programs(\"",
		", 512) = ",
		/* strace's line for a delivery, after the call that sent it */
		"] kill(",
		"] --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=",
		"] sigreturn(",
		"] fork() = ",
		"] exit_group(7) = ?\n",
		"] +++ exited with 7 +++\n",
		", [{WIFEXITED(s) && WEXITSTATUS(s) == 7}], 0, NULL) = ",
		"] execve(\"techo\", [\"techo\", \"done\"], NULL) = 0\n",
		"done\n",
	};
	const char *at;

	KT_ASSERT(trace_set("syscalls:tracee"));
	user_run(argv, &run);
	trace_set(NULL);
	KT_ASSERT_EQ(run.err, 0);
	KT_ASSERT_EQ(run.res.how, TASK_EXITED);
	KT_ASSERT_EQ(run.res.status, 0);
	for (unsigned int i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		if (!strstr(run.out, want[i])) {
			ktest_fail(__FILE__, __LINE__, "no line with: %s",
				   want[i]);
			return;
		}
	}
	/* Through the entry the library chose, and the first line of all. */
	at = strstr(run.out, "write(1, \"z");
	KT_ASSERT(at && at - run.out > 10);
	KT_ASSERT(!strncmp(at - strlen(fastest_entry()) - 2, fastest_entry(),
			   strlen(fastest_entry())));
	KT_ASSERT(strstr(run.out, " int80] syscall_entries() = "));
	/* After the execve the process runs techo, which is not traced. */
	KT_ASSERT(!strstr(run.out, "write(1, \"done"));
	KT_ASSERT(!strstr(run.out, "exited with 0"));
}

/* Off, nothing is traced; an unknown setting is refused. */
KTEST(trace_off)
{
	static const char *const argv[] = { "techo", "quiet", NULL };

	KT_ASSERT(!trace_set("everything"));
	KT_ASSERT(!trace_set("syscalls:"));
	KT_ASSERT(!syscall_trace_on);
	user_run(argv, &run);
	KT_ASSERT_EQ(run.res.status, 0);
	KT_ASSERT(strstr(run.out, "quiet\n"));
	KT_ASSERT(!strstr(run.out, "[pid "));
	/* trace=syscalls:NAME: other programs are not traced */
	KT_ASSERT(trace_set("syscalls:tcat"));
	user_run(argv, &run);
	trace_set(NULL);
	KT_ASSERT(!strstr(run.out, "[pid "));
}
