/* SPDX-License-Identifier: MIT */
/*
 * Clocks and time structures, shared by the kernel and user space, with
 * Linux's x86-64 values and layouts (<linux/time.h>, <linux/time_types.h>);
 * tests/host/test_uapi_time.c checks them against the real headers.
 * docs/syscalls.md says which clocks are exact here and which approximate.
 */
#ifndef UAPI_TIME_H
#define UAPI_TIME_H

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7

/* clock_nanosleep flags: the request is a time on the clock, not a span */
#define TIMER_ABSTIME 0x01

struct timespec {
	long tv_sec;
	long tv_nsec; /* 0 to 999 999 999 */
};

struct timeval {
	long tv_sec;
	long tv_usec; /* 0 to 999 999 */
};

/* gettimeofday's second argument: obsolete; always zeros here (UTC). */
struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

#endif
