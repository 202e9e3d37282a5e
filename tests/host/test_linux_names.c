// SPDX-License-Identifier: MIT
/*
 * tests/host/test_linux_names.c - our errno values and the trace's flag
 * names against the host's Linux headers.
 *
 *   gcc -std=gnu11 -Wall -Wextra -Werror -O2 -I include \
 *       tests/host/test_linux_names.c -o /tmp/t && /tmp/t
 *
 * The trick: every list is X(NAME, value) with our value written as a
 * number. Our <uapi/errno.h> is included first, so its enumerators exist
 * before the host headers define the same names as macros; after that,
 * NAME in a list expands to the host's value while #NAME stays the name.
 * So CHECK(NAME, value) compares our number with Linux's for each name,
 * and a name Linux does not have fails to compile.
 *
 * One line per list, "[OK] linux-names: <list>" or
 * "[FAIL] linux-names: <list> (<n> wrong)"; exit status 0 only if all pass.
 */
#define _GNU_SOURCE
#include <uapi/errno.h> /* first: see above */

/* Our aliases, read before the host's macros hide them. */
static const int our_ewouldblock = EWOULDBLOCK, our_edeadlock = EDEADLOCK,
		 our_enotsup = ENOTSUP;

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h> /* R_OK, W_OK, X_OK */

#include <asm/ioctls.h>
#include <asm/poll.h>
#include <asm/prctl.h>
#include <linux/fcntl.h>
#include <linux/fs.h> /* SEEK_* */
#include <linux/futex.h>
#include <linux/mman.h>
#include <linux/random.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/time.h>
#include <linux/wait.h>
#include <asm/signal.h>

#include <kernel/trace_names.h>

static unsigned long wrong;

static void check(const char *name, long ours, long linux_value)
{
	if (ours == linux_value)
		return;
	if (wrong++ < 20)
		printf("  %s: ours %ld, Linux %ld\n", name, ours, linux_value);
}

#define CHECK(name, value) check(#name, (long)(value), (long)(name));

static int report(const char *list)
{
	if (!wrong) {
		printf("[OK] linux-names: %s\n", list);
		return 0;
	}
	printf("[FAIL] linux-names: %s (%lu wrong)\n", list, wrong);
	wrong = 0;
	return 1;
}

/* Every errno Linux has, 1..133, is in the list, once, in order. */
static int errno_complete(void)
{
	static const int ours[] = {
#define VALUE(name, value) value,
		ERRNO_LIST(VALUE)
#undef VALUE
	};
	unsigned int n = sizeof(ours) / sizeof(ours[0]);
	int seen[134] = { 0 };
	char unknown[64], label[96];

	for (unsigned int i = 0; i < n; i++) {
		if (ours[i] < 1 || ours[i] > 133 ||
		    (i && ours[i] <= ours[i - 1]))
			check("list order", ours[i], i ? ours[i - 1] + 1 : 1);
		else
			seen[ours[i]]++;
	}
	for (int e = 1; e <= 133; e++) {
		/* glibc's strerror names exactly the numbers Linux uses. */
		snprintf(unknown, sizeof(unknown), "Unknown error %d", e);
		snprintf(label, sizeof(label), "times errno %d (%s) is listed",
			 e, strerror(e));
		check(label, seen[e], strcmp(strerror(e), unknown) != 0);
	}
	return report("errno-complete");
}

int main(void)
{
	int failed = 0;

	ERRNO_LIST(CHECK)
	check("EWOULDBLOCK", our_ewouldblock, EWOULDBLOCK);
	check("EDEADLOCK", our_edeadlock, EDEADLOCK);
	check("ENOTSUP", our_enotsup, ENOTSUP);
	failed += report("errno-values");
	failed += errno_complete();

	TRACE_OPEN_ACCESS(CHECK)
	TRACE_OPEN_FLAGS(CHECK)
	check("O_CREAT | __O_TMPFILE", TRACE_OPEN_MODE_FLAGS,
	      O_CREAT | __O_TMPFILE);
	TRACE_FD_FLAGS(CHECK)
	check("AT_FDCWD", TRACE_AT_FDCWD, AT_FDCWD);
	TRACE_AT_FLAGS(CHECK)
	TRACE_ACCESS_MODES(CHECK)
	TRACE_WHENCE(CHECK)
	TRACE_FCNTL_CMDS(CHECK)
	TRACE_IOCTL_CMDS(CHECK)
	TRACE_POLL_EVENTS(CHECK)
	failed += report("files");

	TRACE_MMAP_PROT(CHECK)
	TRACE_MMAP_TYPES(CHECK)
	TRACE_MMAP_FLAGS(CHECK)
	TRACE_MREMAP_FLAGS(CHECK)
	TRACE_MADVISE(CHECK)
	failed += report("memory");

	TRACE_CLONE_FLAGS(CHECK)
	TRACE_WAIT_OPTIONS(CHECK)
	TRACE_SIGNALS(CHECK)
	TRACE_SIGPROCMASK_HOW(CHECK)
	TRACE_RLIMITS(CHECK)
	failed += report("processes");

	TRACE_ARCH_PRCTL(CHECK)
	TRACE_FUTEX_CMDS(CHECK)
	check("FUTEX_PRIVATE_FLAG", TRACE_FUTEX_PRIVATE_FLAG,
	      FUTEX_PRIVATE_FLAG);
	check("FUTEX_CLOCK_REALTIME", TRACE_FUTEX_CLOCK_REALTIME,
	      FUTEX_CLOCK_REALTIME);
	TRACE_CLOCKS(CHECK)
	TRACE_TIMER_FLAGS(CHECK)
	TRACE_GRND_FLAGS(CHECK)
	failed += report("threads-and-time");

	return failed ? 1 : 0;
}
