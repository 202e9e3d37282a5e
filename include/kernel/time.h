/* SPDX-License-Identifier: MIT */
/*
 * Kernel time (kernel/time.c): the date at boot from the CMOS clock, and
 * a monotonic clock from the TSC or from the timer's ticks.
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <stdbool.h>
#include <stdint.h>

#include <uapi/time.h>

#define NSEC_PER_SEC 1000000000ull
#define NSEC_PER_USEC 1000ull

/**
 * time_init - read the CMOS clock, calibrate the TSC against the PIT and
 * choose the clock source; prints one line. Call before timer_init()
 * (it uses PIT channel 2, the timer channel 0) and before random_init().
 */
void time_init(void);

/* Nanoseconds since time_init (CLOCK_MONOTONIC). Never goes back. */
uint64_t clock_monotonic_ns(void);
/* Nanoseconds since 1970 (CLOCK_REALTIME): the boot date plus the above. */
int64_t clock_realtime_ns(void);
/* The Unix time the CMOS clock said at boot (0 if it could not be read). */
int64_t time_boot_seconds(void);

/* true: CLOCK_MONOTONIC counts TSC cycles; false: timer ticks (10 ms). */
bool clock_uses_tsc(void);
/* The TSC's rate as calibrated at boot, in Hz; 0 if not calibrated. */
extern uint64_t tsc_hz;
/* Measure the TSC's rate against PIT channel 2 now; 0 if that failed. */
uint64_t tsc_calibrate(void);
/* TSC cycles to nanoseconds at tsc_hz. */
uint64_t tsc_cycles_to_ns(uint64_t cycles);

/**
 * time_sleep_until - sleep until CLOCK_MONOTONIC reaches @deadline (ns)
 *
 * Wakes at timer ticks to look at the clock. Returns 0, or -EINTR as
 * soon as the process has been killed.
 */
long time_sleep_until(uint64_t deadline);

/* 0 <= tv_sec and 0 <= tv_nsec < 10^9: what Linux accepts as a time. */
bool timespec_valid(const struct timespec *t);

/**
 * time_deadline - when a wait for @t ends, on CLOCK_MONOTONIC (ns)
 * @clock: CLOCK_REALTIME or CLOCK_MONOTONIC (BOOTTIME is the same here)
 * @absolute: @t is a time on @clock; else a span from now
 * @t: a valid timespec (timespec_valid)
 *
 * A relative wait on the tick clock gets one tick more, since "now" may
 * be up to a tick old; it then lasts at least @t. A date before the boot
 * gives 0 (the wait ends at once). The sleeps (nanosleep, clock_nanosleep)
 * and futex timeouts share it.
 */
uint64_t time_deadline(int clock, bool absolute, const struct timespec *t);

#endif
