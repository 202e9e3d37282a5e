// SPDX-License-Identifier: MIT
/*
 * tracee: system calls whose trace lines the in-kernel test trace_program
 * (kernel/tests/trace_test.c) knows in advance: strings that need
 * escapes or are cut, unreadable and kernel pointers, errors, a line too
 * long for the trace's buffer, a call
 * Linux has but the trace does not describe, numbers Linux does not
 * have, poll and select with their arrays, sets and masks decoded, a
 * signal delivered to a handler, a child and its status, and last an
 * execve that succeeds.
 * Calls this kernel lacks (openat, mmap) may be added by others: only
 * their arguments are checked, not their results.
 */
#include "user.h"

#define NR_OPENAT 257
#define NR_MMAP 9
#define NR_USTAT 136 /* old; nobody should implement it */
#define AT_FDCWD (-100)

static long call(long nr, long a1, long a2, long a3, long a4, long a5,
		 long a6)
{
	return syscall_via(syscall_current_entry(), nr, a1, a2, a3, a4, a5, a6);
}

/* A pipe (fds 3 and 4) with a byte in it, looked at by each call that
 * waits for files; every result is known without waiting. */
static void poll_and_select(void)
{
	int p[2];
	struct pollfd fds[3];
	struct timeval tv = { 0, 0 };
	struct timespec ts = { 0, 1000 };
	unsigned long in = 0, out = 0;
	unsigned long usr1_alrm = 1ul << (10 - 1) | 1ul << (14 - 1);
	struct pselect6_sigmask no_mask = { NULL, 8 };

	sys_pipe(p);
	sys_write(p[1], "x", 1);
	fds[0] = (struct pollfd){ p[0], POLLIN, 0 };
	fds[1] = (struct pollfd){ -1, POLLIN, 0 };
	fds[2] = (struct pollfd){ p[1], POLLOUT, 0 };
	sys_poll(fds, 3, 0);
	fds[0] = (struct pollfd){ 9, POLLIN, 0 };
	sys_poll(fds, 1, 0);
	in = 1ul << p[0] | 1ul << p[1];
	out = 1ul << p[1];
	sys_select(p[1] + 1, &in, &out, NULL, &tv);
	fds[0] = (struct pollfd){ p[0], POLLOUT, 0 };
	sys_ppoll(fds, 1, &ts, &usr1_alrm, 8);
	ts.tv_nsec = 0;
	sys_pselect6(p[0] + 1, NULL, NULL, NULL, &ts, &no_mask);
	sys_close(p[0]);
	sys_close(p[1]);
}

static void on_usr1(int sig)
{
	(void)sig;
}

int main(void)
{
	static const char escapes[] = "tracee: a\tb\"c\\d\001\n";
	static const char octal[] = "z\0" "1\n";
	static char names[512];
	char *const echo_argv[] = { "techo", "done", NULL };
	char *const bad_argv[] = { "nosuch", "arg 1", NULL };
	char *forty = "0123456789012345678901234567890123456789";
	char *const long_argv[] = { "nosuch", forty, forty, forty, forty, forty,
				    forty, forty, forty, forty, forty, forty,
				    forty, forty, forty, NULL };
	struct timespec ms = { 0, 1000000 };
	int status = 0, child;

	sys_write(1, escapes, sizeof(escapes) - 1);
	sys_write(1, octal, sizeof(octal) - 1);
	sys_write(1, "0123456789012345678901234567890123456789\n", 41);
	sys_write(1, (const void *)1, 5);
	sys_write(1, (const void *)0xffffffff80000000ul, 5);
	sys_getpid();
	/* /etc/passwd exists (the initramfs): close it, so that the pipe
	 * below gets fds 3 and 4 as the expected lines say. */
	child = (int)call(NR_OPENAT, AT_FDCWD, (long)"/etc/passwd", 0, 0, 0, 0);
	if (child >= 0)
		sys_close(child);
	call(NR_OPENAT, AT_FDCWD, 1, 02000000 | 0100 | 01, 0644, 0, 0);
	call(NR_MMAP, 0, 4096, 1 | 2, 0x02 | 0x20, -1, 0);
	sys_execve("nosuch", bad_argv, NULL);
	sys_execve("nosuch", long_argv, NULL); /* a line too long: cut */
	sys_nanosleep(&ms, NULL);
	poll_and_select();
	call(NR_USTAT, 1, 2, 3, 4, 5, 6);
	call(500, 1, 2, 3, 4, 5, 6);
	call(1l << 32 | 39, 0, 0, 0, 0, 0, 0);
	sys_free_pages();
	sys_programs(names, sizeof(names));
	signal(10 /* SIGUSR1 */, on_usr1);
	raise(10);

	child = fork();
	if (child == 0)
		exit(7);
	sys_wait4(child, &status, 0, NULL);

	sys_execve("techo", echo_argv, NULL);
	return 1; /* execve failed */
}
