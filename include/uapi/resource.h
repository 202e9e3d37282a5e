/* SPDX-License-Identifier: MIT */
/*
 * Resource limits and system information, Linux's x86-64 values and
 * layouts (<asm-generic/resource.h>, <linux/resource.h>,
 * <linux/sysinfo.h>); tests/host/test_uapi_time.c checks them.
 */
#ifndef UAPI_RESOURCE_H
#define UAPI_RESOURCE_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIM_NLIMITS 16

#define RLIM_INFINITY (~0UL)

#ifndef __ASSEMBLER__
/* getrlimit/setrlimit; prlimit64's struct rlimit64 has the same layout on
 * x86-64. */
struct rlimit {
	unsigned long rlim_cur; /* soft limit */
	unsigned long rlim_max; /* hard limit: the ceiling for rlim_cur */
};

/* sysinfo(2). On x86-64 Linux's trailing libc5 padding is 0 bytes. */
struct sysinfo {
	long uptime;		/* seconds since boot */
	unsigned long loads[3]; /* 1, 5, 15 minute load averages (<< 16) */
	unsigned long totalram; /* in units of mem_unit bytes */
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	uint16_t procs; /* number of processes */
	uint16_t pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	uint32_t mem_unit;
};
#endif

#endif
