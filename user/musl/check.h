/* SPDX-License-Identifier: MIT */
/*
 * What the musl test programs share: one result line per check, errno and
 * signal names, and how a child ended. The programs run unchanged on this
 * kernel and on Linux, and the `musl` test group compares what they print
 * on both, line by line. So they print only facts that must be the same
 * on both: never a pid, an address or a time, but "advanced >= 50 ms: yes".
 */
#ifndef MUSL_CHECK_H
#define MUSL_CHECK_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

static int check_failures;

/*
 * Line-buffered stdout, on a terminal, a pipe or this kernel's console
 * alike: every line is one write(), and nothing is left in the buffer
 * for a fork() to copy into the child.
 */
static inline void check_start(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
}

/* One line per check: "what: ok" or "what: FAILED". */
#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		int ok_ = !!(cond);                                            \
		printf(__VA_ARGS__);                                           \
		printf(": %s\n", ok_ ? "ok" : "FAILED");                       \
		check_failures += !ok_;                                        \
	} while (0)

/* The last line of every program, and its exit status. */
static inline int check_finish(const char *prog)
{
	if (check_failures) {
		printf("%s: %d checks FAILED\n", prog, check_failures);
		return 1;
	}
	printf("%s: all checks ok\n", prog);
	return 0;
}

static inline const char *errno_name(int e)
{
	static char other[32];

	switch (e) {
	case 0: return "no error";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case ESRCH: return "ESRCH";
	case EINTR: return "EINTR";
	case EBADF: return "EBADF";
	case ECHILD: return "ECHILD";
	case EAGAIN: return "EAGAIN";
	case ENOMEM: return "ENOMEM";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EEXIST: return "EEXIST";
	case EINVAL: return "EINVAL";
	case ENOSYS: return "ENOSYS";
	case ENOEXEC: return "ENOEXEC";
	case ETIMEDOUT: return "ETIMEDOUT";
	}
	snprintf(other, sizeof(other), "errno %d", e);
	return other;
}

static inline const char *signal_name(int sig)
{
	static char other[32];

	switch (sig) {
	case SIGILL: return "SIGILL";
	case SIGTRAP: return "SIGTRAP";
	case SIGABRT: return "SIGABRT";
	case SIGBUS: return "SIGBUS";
	case SIGFPE: return "SIGFPE";
	case SIGKILL: return "SIGKILL";
	case SIGSEGV: return "SIGSEGV";
	case SIGTERM: return "SIGTERM";
	}
	snprintf(other, sizeof(other), "signal %d", sig);
	return other;
}

/* "exit status N" or "killed by SIGNAME", from a wait status. */
static inline const char *how_ended(int status)
{
	static char buf[48];

	if (WIFEXITED(status))
		snprintf(buf, sizeof(buf), "exit status %d",
			 WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, sizeof(buf), "killed by %s",
			 signal_name(WTERMSIG(status)));
	else
		snprintf(buf, sizeof(buf), "wait status %#x", status);
	return buf;
}

#endif
