// SPDX-License-Identifier: MIT
/*
 * tests/host/test_uapi_time.c - the time, random and resource parts of
 * include/uapi/ against the real Linux UAPI headers (Debian's
 * linux-libc-dev). (The system call numbers are test_linux_syscalls.c's.)
 *
 *   gcc -std=gnu11 -Wall -Wextra -Werror -O2 -I include \
 *       tests/host/test_uapi_time.c -o /tmp/t && /tmp/t
 *
 * Linux's headers come first; their constants are copied into linux_*
 * enumerators and #undef'd, and our structures are read under other tags
 * (timespec -> our_timespec, ...), so both sets live side by side.
 * Groups: "[OK] uapi: <group>" or "[FAIL] uapi: <group>".
 */
#include <linux/random.h>
#include <linux/resource.h>
#include <linux/sysinfo.h>
#include <linux/time.h>

#include <stddef.h>
#include <stdio.h>
#include <string.h> /* not <stdlib.h>: it brings glibc's timeval */

/* clang-format off */
#define CONSTANTS(X) \
	X(CLOCK_REALTIME) X(CLOCK_MONOTONIC) X(CLOCK_PROCESS_CPUTIME_ID) \
	X(CLOCK_THREAD_CPUTIME_ID) X(CLOCK_MONOTONIC_RAW) \
	X(CLOCK_REALTIME_COARSE) X(CLOCK_MONOTONIC_COARSE) X(CLOCK_BOOTTIME) \
	X(TIMER_ABSTIME) X(GRND_NONBLOCK) X(GRND_RANDOM) X(GRND_INSECURE) \
	X(RLIMIT_CPU) X(RLIMIT_FSIZE) X(RLIMIT_DATA) X(RLIMIT_STACK) \
	X(RLIMIT_CORE) X(RLIMIT_RSS) X(RLIMIT_NPROC) X(RLIMIT_NOFILE) \
	X(RLIMIT_MEMLOCK) X(RLIMIT_AS) X(RLIMIT_LOCKS) X(RLIMIT_SIGPENDING) \
	X(RLIMIT_MSGQUEUE) X(RLIMIT_NICE) X(RLIMIT_RTPRIO) X(RLIMIT_RTTIME) \
	X(RLIM_NLIMITS)
/* clang-format on */

#define LINUX_VALUE(n) static const unsigned long linux_##n = n;
CONSTANTS(LINUX_VALUE)
static const unsigned long linux_RLIM_INFINITY = RLIM_INFINITY;

#undef CLOCK_REALTIME
#undef CLOCK_MONOTONIC
#undef CLOCK_PROCESS_CPUTIME_ID
#undef CLOCK_THREAD_CPUTIME_ID
#undef CLOCK_MONOTONIC_RAW
#undef CLOCK_REALTIME_COARSE
#undef CLOCK_MONOTONIC_COARSE
#undef CLOCK_BOOTTIME
#undef TIMER_ABSTIME
#undef GRND_NONBLOCK
#undef GRND_RANDOM
#undef GRND_INSECURE
#undef RLIMIT_CPU
#undef RLIMIT_FSIZE
#undef RLIMIT_DATA
#undef RLIMIT_STACK
#undef RLIMIT_CORE
#undef RLIMIT_RSS
#undef RLIMIT_NPROC
#undef RLIMIT_NOFILE
#undef RLIMIT_MEMLOCK
#undef RLIMIT_AS
#undef RLIMIT_LOCKS
#undef RLIMIT_SIGPENDING
#undef RLIMIT_MSGQUEUE
#undef RLIMIT_NICE
#undef RLIMIT_RTPRIO
#undef RLIMIT_RTTIME
#undef RLIM_NLIMITS
#undef RLIM_INFINITY

#define timespec our_timespec
#define timeval our_timeval
#define timezone our_timezone
#define rlimit our_rlimit
#define sysinfo our_sysinfo
#include <uapi/random.h>
#include <uapi/resource.h>
#include <uapi/time.h>
#undef timespec
#undef timeval
#undef timezone
#undef rlimit
#undef sysinfo

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
	COMPARE(RLIM_INFINITY)
	return bad;
}

/* Same size, and every field at the same offset with the same size. */
#define SAME_SIZE(ours, theirs)                                                \
	(sizeof(struct ours) == sizeof(struct theirs) ||                       \
	 (printf("  sizeof %s %zu, Linux %zu\n", #ours, sizeof(struct ours),   \
		 sizeof(struct theirs)),                                       \
	  0))
#define SAME_FIELD(ours, theirs, f)                                            \
	((offsetof(struct ours, f) == offsetof(struct theirs, f) &&            \
	  sizeof(((struct ours *)0)->f) == sizeof(((struct theirs *)0)->f)) || \
	 (printf("  %s.%s differs\n", #ours, #f), 0))

static int structures(void)
{
	/* Each check prints what differs; count them all. */
	return !SAME_SIZE(our_timespec, timespec) +
	       !SAME_FIELD(our_timespec, timespec, tv_sec) +
	       !SAME_FIELD(our_timespec, timespec, tv_nsec) +
	       !SAME_SIZE(our_timespec, __kernel_timespec) +
	       !SAME_FIELD(our_timespec, __kernel_timespec, tv_nsec) +
	       !SAME_SIZE(our_timeval, timeval) +
	       !SAME_FIELD(our_timeval, timeval, tv_sec) +
	       !SAME_FIELD(our_timeval, timeval, tv_usec) +
	       !SAME_SIZE(our_timezone, timezone) +
	       !SAME_FIELD(our_timezone, timezone, tz_minuteswest) +
	       !SAME_FIELD(our_timezone, timezone, tz_dsttime) +
	       !SAME_SIZE(our_rlimit, rlimit) +
	       !SAME_FIELD(our_rlimit, rlimit, rlim_cur) +
	       !SAME_FIELD(our_rlimit, rlimit, rlim_max) +
	       !SAME_SIZE(our_rlimit, rlimit64) +
	       !SAME_FIELD(our_rlimit, rlimit64, rlim_max) +
	       !SAME_SIZE(our_sysinfo, sysinfo) +
	       !SAME_FIELD(our_sysinfo, sysinfo, uptime) +
	       !SAME_FIELD(our_sysinfo, sysinfo, loads) +
	       !SAME_FIELD(our_sysinfo, sysinfo, totalram) +
	       !SAME_FIELD(our_sysinfo, sysinfo, freeram) +
	       !SAME_FIELD(our_sysinfo, sysinfo, sharedram) +
	       !SAME_FIELD(our_sysinfo, sysinfo, bufferram) +
	       !SAME_FIELD(our_sysinfo, sysinfo, totalswap) +
	       !SAME_FIELD(our_sysinfo, sysinfo, freeswap) +
	       !SAME_FIELD(our_sysinfo, sysinfo, procs) +
	       !SAME_FIELD(our_sysinfo, sysinfo, pad) +
	       !SAME_FIELD(our_sysinfo, sysinfo, totalhigh) +
	       !SAME_FIELD(our_sysinfo, sysinfo, freehigh) +
	       !SAME_FIELD(our_sysinfo, sysinfo, mem_unit);
}

int main(void)
{
	report("time, random and rlimit constants", constants());
	report("timespec, timeval, timezone, rlimit, sysinfo layouts",
	       structures());
	return failures ? 1 : 0;
}
