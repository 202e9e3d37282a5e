/* SPDX-License-Identifier: MIT */
/*
 * The kernel's random generator (kernel/random.c): ChaCha20 with fast key
 * erasure. Read its header comment before trusting it with a secret:
 * without RDRAND/RDSEED its seed is timing data that can be guessed.
 */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include <stdbool.h>
#include <stddef.h>

/**
 * random_init - seed the generator; prints one line saying from what.
 * Call after time_init() (it mixes in the CMOS date and the TSC) and
 * before the first process starts. random_bytes() calls it itself if it
 * has not run yet.
 */
void random_init(void);

/* Fill @buf with @n random bytes. Never blocks, never fails. */
void random_bytes(void *buf, size_t n);

/* From the timer interrupt: fold the TSC at this tick into the pool. */
void random_timer_tick(void);

/* The CPU's random number instructions, as CPUID reports them. */
bool random_cpu_has_rdrand(void);
bool random_cpu_has_rdseed(void);
/* One 64-bit value from RDRAND/RDSEED, retried a bounded number of times
 * while the instruction says (CF = 0) it has none ready; false if it never
 * had one or the CPU lacks the instruction. */
bool rdrand64(unsigned long *v);
bool rdseed64(unsigned long *v);

#endif
