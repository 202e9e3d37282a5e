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

struct check_name {
	int value;
	const char *name;
};

/* clang-format off */
#define CHECK_NAME(x) { x, #x }
/* clang-format on */

static inline const char *check_lookup(const struct check_name *t, size_t n,
				       int value, const char *what)
{
	static char other[32];

	for (size_t i = 0; i < n; i++)
		if (t[i].value == value)
			return t[i].name;
	snprintf(other, sizeof(other), "%s %d", what, value);
	return other;
}

/* "EINVAL" rather than strerror()'s text, which differs between libcs. */
static inline const char *errno_name(int e)
{
	static const struct check_name names[] = {
		{ 0, "no error" },     CHECK_NAME(EPERM),  CHECK_NAME(ENOENT),
		CHECK_NAME(ESRCH),     CHECK_NAME(EINTR),  CHECK_NAME(EBADF),
		CHECK_NAME(ECHILD),    CHECK_NAME(EAGAIN), CHECK_NAME(ENOMEM),
		CHECK_NAME(EACCES),    CHECK_NAME(EFAULT), CHECK_NAME(EEXIST),
		CHECK_NAME(EINVAL),    CHECK_NAME(ENOSYS), CHECK_NAME(ENOEXEC),
		CHECK_NAME(ETIMEDOUT), CHECK_NAME(ENOTDIR), CHECK_NAME(EISDIR),
		CHECK_NAME(ENOSPC),    CHECK_NAME(ERANGE), CHECK_NAME(EXDEV),
		CHECK_NAME(ENAMETOOLONG), CHECK_NAME(ENOTEMPTY),
		CHECK_NAME(ELOOP),     CHECK_NAME(EMFILE), CHECK_NAME(EPIPE),
		CHECK_NAME(ENXIO),     CHECK_NAME(ESPIPE), CHECK_NAME(ENOTTY),
		CHECK_NAME(E2BIG),
		CHECK_NAME(EIO),
	};

	return check_lookup(names, sizeof(names) / sizeof(names[0]), e,
			    "errno");
}

static inline const char *signal_name(int sig)
{
	static const struct check_name names[] = {
		CHECK_NAME(SIGHUP),  CHECK_NAME(SIGINT),  CHECK_NAME(SIGQUIT),
		CHECK_NAME(SIGILL),  CHECK_NAME(SIGTRAP), CHECK_NAME(SIGABRT),
		CHECK_NAME(SIGBUS),  CHECK_NAME(SIGFPE),  CHECK_NAME(SIGKILL),
		CHECK_NAME(SIGUSR1), CHECK_NAME(SIGSEGV), CHECK_NAME(SIGALRM),
		CHECK_NAME(SIGTERM), CHECK_NAME(SIGXCPU), CHECK_NAME(SIGXFSZ),
		CHECK_NAME(SIGSYS),
	};

	return check_lookup(names, sizeof(names) / sizeof(names[0]), sig,
			    "signal");
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
