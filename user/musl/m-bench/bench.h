// SPDX-License-Identifier: MIT
/* What the parts of m-bench share: user/musl/m-bench.c and the files of
 * user/musl/m-bench/. */
#ifndef M_BENCH_H
#define M_BENCH_H

#include <stdint.h>

#define PAGE 4096ul
#define MIB (1024ul * 1024)
#define BULK (64 * 1024) /* a pipe's buffer: the bulk row's and the reads' size */

/* The counts of one mode. */
struct counts {
	long calls;   /* null calls, yields */
	long rounds;  /* switches, pipes, files, signals, futexes, mmap */
	long forks;   /* fork of a 1 MiB process, vfork+exec */
	long bigfork; /* fork of a 16 and 64 MiB process */
	long mmap1m;  /* mmap+touch+munmap of 1 MiB, and 1 MiB of first touches */
	/* The curves: their sizes, smallest first. */
	long sleepers[3]; /* processes asleep in a pipe read, or in pause */
	long entries[3];  /* names in a directory */
};

extern const struct counts *n; /* the mode's counts */
extern int numbers;            /* print numbers, or only verdicts */

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* One operation's line: its count and the ticks per operation, or why it
 * failed (then the program's status is 1). */
void report(const char *name, long count, uint64_t ticks, const char *failed);

/* The operations the curves measure again beside sleeping processes. */
void yield_alone(const char *name);
void switch_processes(const char *name);
void pipe_round_trip(const char *name);

/* The process rows (m-bench/processes.c). */
extern char **saved_argv; /* m-bench's own argv: vfork_exec runs it again */
void fork_sized(const char *name, unsigned long mib, long count);
void vfork_exec(void);
void exec_busybox_true(void);

/* The curves (m-bench/curves.c): cost against size. */
void pipe_sizes(void);
void with_sleepers(long k);
void directory(long entries);

#endif
