// SPDX-License-Identifier: MIT
/*
 * tests/host/test_uapi_poll.c - include/uapi/poll.h against the build
 * machine's Linux UAPI headers (Debian's linux-libc-dev), as
 * test_uapi_time.c does: Linux's values first, copied into linux_* and
 * #undef'd, then ours, with struct pollfd read under another tag.
 *
 *   gcc -std=gnu11 -Wall -Wextra -Werror -O2 -I include \
 *       tests/host/test_uapi_poll.c -o /tmp/t && /tmp/t
 *
 * Groups: "[OK] uapi: <group>" or "[FAIL] uapi: <group>".
 */
#include <asm/poll.h>
#include <linux/posix_types.h>

#include <stddef.h>
#include <stdio.h>

/* clang-format off */
#define CONSTANTS(X) \
	X(POLLIN) X(POLLPRI) X(POLLOUT) X(POLLERR) X(POLLHUP) X(POLLNVAL) \
	X(POLLRDNORM) X(POLLRDBAND) X(POLLWRNORM) X(POLLWRBAND) X(POLLMSG) \
	X(POLLREMOVE) X(POLLRDHUP)
/* clang-format on */

#define LINUX_VALUE(n) static const unsigned long linux_##n = n;
CONSTANTS(LINUX_VALUE)
static const unsigned long linux_FD_SETSIZE = __FD_SETSIZE;
/* The kernel reads fd_sets in longs (its FDS_BITPERLONG). */
static const unsigned long linux_NFDBITS = 8 * sizeof(long);

#undef POLLIN
#undef POLLPRI
#undef POLLOUT
#undef POLLERR
#undef POLLHUP
#undef POLLNVAL
#undef POLLRDNORM
#undef POLLRDBAND
#undef POLLWRNORM
#undef POLLWRBAND
#undef POLLMSG
#undef POLLREMOVE
#undef POLLRDHUP

#define pollfd our_pollfd
#include <uapi/poll.h>
#undef pollfd

static int failures;

static void report(const char *group, int bad)
{
	printf("[%s] uapi: %s\n", bad ? "FAIL" : "OK", group);
	failures += bad != 0;
}

static int constants(void)
{
	int bad = 0;

#define COMPARE(n)                                                             \
	if ((unsigned long)(n) != linux_##n) {                                 \
		printf("  %s: ours %lu, Linux %lu\n", #n, (unsigned long)(n),  \
		       linux_##n);                                             \
		bad++;                                                         \
	}
	CONSTANTS(COMPARE)
	COMPARE(FD_SETSIZE)
	COMPARE(NFDBITS)
	return bad;
}

#define SAME_FIELD(ours, theirs, f)                                            \
	((offsetof(struct ours, f) == offsetof(struct theirs, f) &&            \
	  sizeof(((struct ours *)0)->f) == sizeof(((struct theirs *)0)->f)) || \
	 (printf("  %s.%s differs\n", #ours, #f), 0))

static int structures(void)
{
	/* pselect6's argument pack is two longs in Linux's fs/select.c
	 * (struct sigset_argpack, not in the UAPI headers). */
	return (sizeof(struct our_pollfd) != sizeof(struct pollfd)) +
	       !SAME_FIELD(our_pollfd, pollfd, fd) +
	       !SAME_FIELD(our_pollfd, pollfd, events) +
	       !SAME_FIELD(our_pollfd, pollfd, revents) +
	       (sizeof(struct pselect6_sigmask) != 2 * sizeof(long)) +
	       (offsetof(struct pselect6_sigmask, ss_len) != sizeof(long)) +
	       (sizeof(__kernel_fd_set) != FD_SETSIZE / 8);
}

int main(void)
{
	report("poll events and fd_set size", constants());
	report("pollfd and fd_set layouts", structures());
	return failures ? 1 : 0;
}
