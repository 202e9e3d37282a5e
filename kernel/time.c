// SPDX-License-Identifier: MIT
/*
 * Time: the date at boot, the clocks, and the system calls that read them
 * and sleep on them (clock_gettime, clock_getres, clock_nanosleep,
 * nanosleep, gettimeofday, time).
 *
 * CLOCK_REALTIME is the CMOS clock's date at boot (kernel/drivers/rtc.c, whole
 * seconds, taken as UTC as Linux does by default) plus CLOCK_MONOTONIC.
 * Nothing sets or steers it: there is no clock_settime and no NTP.
 *
 * CLOCK_MONOTONIC counts from time_init(), from one of two sources:
 *
 *  - the TSC, calibrated once against PIT channel 2 (the best of three
 *    10 ms one-shot counts): nanosecond resolution. Used when CPUID says
 *    the TSC runs at a constant rate in every power state (the invariant
 *    TSC bit, leaf 0x80000007 EDX bit 8), because otherwise its rate can
 *    change under us (frequency scaling, deep C-states).
 *  - the timer's ticks: 10 ms resolution, everywhere. Ticks count only
 *    while interrupts are on (in ring 3 and while idle); a system call that
 *    keeps the CPU for longer than a tick loses ticks, and this clock then
 *    runs slow.
 *
 * QEMU's software CPU does not report the invariant bit (its TSC does in
 * fact follow the host's clock), so under `make test` the clock is the
 * ticks unless the command line says `clocksource=tsc`, which chooses the
 * TSC whenever calibration worked. `clocksource=ticks` forces the ticks.
 *
 * Process CPU time is measured by the scheduler (kernel/proc/sched.c): the time
 * from switching a process in to switching it out, system calls included,
 * on this same clock.
 */
#include <kernel/cmdline.h>
#include <kernel/console.h>
#include <kernel/cpu.h>
#include <kernel/io.h>
#include <kernel/multiboot2.h>
#include <kernel/pit.h>
#include <kernel/proc.h>
#include <kernel/rtc.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define TICK_NSEC (NSEC_PER_SEC / TIMER_HZ)
/* "Forever", as Linux's KTIME_MAX. */
#define TIME_NS_MAX ((uint64_t)INT64_MAX)
#define CALIBRATE_LATCH (PIT_FREQUENCY / 100) /* 10 ms of PIT input clock */
#define CALIBRATE_TRIES 3
#define CALIBRATE_POLLS 1000000 /* give up on a PIT whose OUT never rises */

uint64_t tsc_hz;
static uint64_t tsc_mult; /* ns = cycles * tsc_mult >> 32 */
static uint64_t tsc_at_boot;
static bool use_tsc;
static int64_t boot_seconds;

/* TSC cycles for @latch counts of PIT channel 2 in one-shot mode; 0 if
 * its output never rose. (Linux's pit_calibrate_tsc does the same.) */
static uint64_t pit_count_tsc(unsigned int latch)
{
	uint8_t saved = inb(PORT_SYSTEM_CONTROL_B);
	uint64_t start, end;
	unsigned int polls = 0;

	outb(PORT_SYSTEM_CONTROL_B,
	     (saved & ~SCB_SPEAKER_DATA) | SCB_PIT2_GATE);
	outb(PIT_COMMAND, PIT_CH2_ONE_SHOT); /* OUT goes low ... */
	outb(PIT_CHANNEL2, latch & 0xff);
	outb(PIT_CHANNEL2, latch >> 8);
	start = rdtsc();
	while (!(inb(PORT_SYSTEM_CONTROL_B) & SCB_PIT2_OUT)) /* ... until 0 */
		if (++polls > CALIBRATE_POLLS)
			break;
	end = rdtsc();
	outb(PORT_SYSTEM_CONTROL_B, saved);
	return polls > CALIBRATE_POLLS ? 0 : end - start;
}

uint64_t tsc_calibrate(void)
{
	uint64_t best = UINT64_MAX, hz;

	if (!(cpuid(1).edx & CPUID_EDX_TSC))
		return 0;
	/* The shortest count is the one least delayed by the polling. */
	for (int i = 0; i < CALIBRATE_TRIES; i++) {
		uint64_t cycles = pit_count_tsc(CALIBRATE_LATCH);

		if (!cycles)
			return 0;
		if (cycles < best)
			best = cycles;
	}
	hz = best * PIT_FREQUENCY / CALIBRATE_LATCH;
	/* 1 MHz .. 100 GHz, or the measurement is not to be trusted. */
	return hz >= 1000000 && hz <= 100000000000ull ? hz : 0;
}

uint64_t tsc_cycles_to_ns(uint64_t cycles)
{
	return (uint64_t)(((unsigned __int128)cycles * tsc_mult) >> 32);
}

bool clock_uses_tsc(void)
{
	return use_tsc;
}

uint64_t clock_monotonic_ns(void)
{
	if (use_tsc)
		return tsc_cycles_to_ns(rdtsc() - tsc_at_boot);
	return ticks * TICK_NSEC;
}

int64_t clock_realtime_ns(void)
{
	return boot_seconds * (int64_t)NSEC_PER_SEC +
	       (int64_t)clock_monotonic_ns();
}

int64_t time_boot_seconds(void)
{
	return boot_seconds;
}

static bool invariant_tsc(void)
{
	return cpuid_has_leaf(0x80000007) &&
	       (cpuid(0x80000007).edx & CPUID_APM_EDX_INVARIANT_TSC);
}

static void read_boot_date(struct calendar_time *date)
{
	struct rtc_registers r;

	if (rtc_read(&r) && rtc_decode(&r, date)) {
		boot_seconds = calendar_to_unix(date);
		return;
	}
	color_printk(RED, BLACK,
		     "time: the CMOS clock gives no valid date; "
		     "using 1970-01-01\n");
	boot_seconds = 0;
	calendar_from_unix(0, date);
}

void time_init(void)
{
	struct calendar_time date;
	char want[16] = "";
	bool invariant = invariant_tsc();

	read_boot_date(&date);
	tsc_hz = tsc_calibrate();
	if (tsc_hz)
		tsc_mult = (NSEC_PER_SEC << 32) / tsc_hz;
	cmdline_get(boot_info.cmdline, "clocksource", want, sizeof(want));
	use_tsc = tsc_hz && (invariant ? strcmp(want, "ticks") != 0
				       : strcmp(want, "tsc") == 0);
	tsc_at_boot = rdtsc();
	printk("time: %04ld-%02u-%02u %02u:%02u:%02u UTC from the CMOS clock; "
	       "TSC %lu.%03lu MHz%s; clock source %s\n",
	       date.year, date.month, date.day, date.hour, date.minute,
	       date.second, tsc_hz / 1000000, tsc_hz / 1000 % 1000,
	       !tsc_hz	   ? " (not calibrated)"
	       : invariant ? ", invariant"
			   : ", not invariant",
	       use_tsc ? "tsc (1 ns)" : "ticks (10 ms)");
}

long time_sleep_until(uint64_t deadline)
{
	while (clock_monotonic_ns() < deadline) {
		if (signal_pending(current))
			return -EINTR;
		sleep_on_until(&current->wake_at, deadline);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The system calls */

static struct timespec ns_to_timespec(int64_t ns)
{
	int64_t sec = ns / (int64_t)NSEC_PER_SEC,
		rest = ns % (int64_t)NSEC_PER_SEC;

	if (rest < 0) { /* before 1970: tv_nsec stays 0..999 999 999 */
		sec--;
		rest += NSEC_PER_SEC;
	}
	return (struct timespec){ sec, rest };
}

bool timespec_valid(const struct timespec *t)
{
	return t->tv_sec >= 0 && t->tv_nsec >= 0 &&
	       (uint64_t)t->tv_nsec < NSEC_PER_SEC;
}

/* A valid timespec in ns, at most TIME_NS_MAX. */
static uint64_t timespec_to_ns(const struct timespec *t)
{
	if ((uint64_t)t->tv_sec >= TIME_NS_MAX / NSEC_PER_SEC)
		return TIME_NS_MAX;
	return (uint64_t)t->tv_sec * NSEC_PER_SEC + (uint64_t)t->tv_nsec;
}

static uint64_t add_saturated(uint64_t a, uint64_t b)
{
	return a + b < a || a + b > TIME_NS_MAX ? TIME_NS_MAX : a + b;
}

/* CPU time of the calling process: what the scheduler counted, plus the
 * current stretch. */
static uint64_t cpu_time_ns(void)
{
	return current->cpu_ns + (clock_monotonic_ns() - current->run_since);
}

/* Read @clock; -EINVAL if there is no such clock. */
static long clock_read(int clock, struct timespec *ts)
{
	uint64_t mono = clock_monotonic_ns();
	uint64_t coarse = mono - mono % TICK_NSEC;
	int64_t boot = boot_seconds * (int64_t)NSEC_PER_SEC;

	switch (clock) {
	case CLOCK_REALTIME:
		*ts = ns_to_timespec(boot + (int64_t)mono);
		return 0;
	case CLOCK_REALTIME_COARSE:
		*ts = ns_to_timespec(boot + (int64_t)coarse);
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW: /* nothing steers the clock: the same */
	case CLOCK_BOOTTIME:	  /* no suspend: the same */
		*ts = ns_to_timespec((int64_t)mono);
		return 0;
	case CLOCK_MONOTONIC_COARSE:
		*ts = ns_to_timespec((int64_t)coarse);
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID: /* one thread per process */
		*ts = ns_to_timespec((int64_t)cpu_time_ns());
		return 0;
	default:
		return -EINVAL;
	}
}

/** sys_clock_gettime - clock_gettime(clock, tp) */
long sys_clock_gettime(struct pt_regs *regs)
{
	struct timespec ts;
	long err = clock_read((int)regs->rdi, &ts);

	if (err)
		return err;
	if (copy_to_user(regs->rsi, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

/**
 * sys_clock_getres - clock_getres(clock, res): 1 ns for the clocks that
 * read the TSC, a tick (10 ms) for the others. @res may be NULL.
 */
long sys_clock_getres(struct pt_regs *regs)
{
	int clock = (int)regs->rdi;
	struct timespec ts;
	bool coarse =
	    clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE;

	if (clock_read(clock, &ts))
		return -EINVAL;
	ts = ns_to_timespec(use_tsc && !coarse ? 1 : (int64_t)TICK_NSEC);
	if (regs->rsi && copy_to_user(regs->rsi, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

uint64_t time_deadline(int clock, bool absolute, const struct timespec *t)
{
	uint64_t ns = timespec_to_ns(t), deadline;

	if (absolute) {
		int64_t boot = boot_seconds * (int64_t)NSEC_PER_SEC;

		/* A date on the monotonic clock: past dates wake at once. */
		if (clock == CLOCK_REALTIME)
			return (int64_t)ns <= boot ? 0 : ns - (uint64_t)boot;
		return ns;
	}
	deadline = add_saturated(clock_monotonic_ns(), ns);
	/* On the tick clock "now" may be up to a tick old: one tick more,
	 * so that the wait lasts at least @t. */
	if (!use_tsc && ns)
		deadline = add_saturated(deadline, TICK_NSEC);
	return deadline;
}

static long sleep_to(uint64_t deadline, uint64_t ns, uint64_t urem);
static long restart_sleep(void);

/*
 * The one sleep of nanosleep and clock_nanosleep. Cut short, a relative
 * sleep writes what was left to @urem (if not 0), as Linux does.
 */
static long clock_sleep(int clock, int flags, const struct timespec *req,
			uint64_t urem)
{
	uint64_t ns = timespec_to_ns(req);
	uint64_t deadline = time_deadline(clock, flags & TIMER_ABSTIME, req);

	if (flags & TIMER_ABSTIME)
		urem = 0;
	return sleep_to(deadline, ns, urem);
}

/*
 * Sleep until @deadline; interrupted, write what is left of the @ns asked
 * for to @urem (if any) and leave a restart block: without a handler the
 * sleep goes on through restart_syscall() (a stop and a SIGCONT are
 * invisible to it, as in Linux), after a handler the call says EINTR.
 */
static long sleep_to(uint64_t deadline, uint64_t ns, uint64_t urem)
{
	long err = time_sleep_until(deadline);

	if (err != -EINTR)
		return err;
	if (urem) {
		uint64_t end = clock_monotonic_ns();
		uint64_t left = end < deadline ? deadline - end : 0;
		struct timespec rem =
		    ns_to_timespec((int64_t)(left < ns ? left : ns));

		if (copy_to_user(urem, &rem, sizeof(rem)))
			return -EFAULT;
	}
	current->restart.fn = restart_sleep;
	current->restart.deadline = deadline;
	current->restart.ns = ns;
	current->restart.urem = urem;
	current->restart.armed = true;
	return -ERESTART_RESTARTBLOCK;
}

/* restart_syscall() after a sleep_to(): the same sleep, to the same end. */
static long restart_sleep(void)
{
	return sleep_to(current->restart.deadline, current->restart.ns,
			current->restart.urem);
}

/**
 * sys_clock_nanosleep - clock_nanosleep(clock, flags, req, rem)
 *
 * REALTIME, MONOTONIC and BOOTTIME, relative or with TIMER_ABSTIME.
 * Like Linux: -EOPNOTSUPP for the clocks one cannot sleep on here (the
 * CPU-time, raw and coarse clocks), -EINVAL for unknown ones.
 */
long sys_clock_nanosleep(struct pt_regs *regs)
{
	int clock = (int)regs->rdi, flags = (int)regs->rsi;
	struct timespec req, ts;

	if (clock_read(clock, &ts))
		return -EINVAL;
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC &&
	    clock != CLOCK_BOOTTIME)
		return -EOPNOTSUPP;
	if (copy_from_user(&req, regs->rdx, sizeof(req)))
		return -EFAULT;
	if (!timespec_valid(&req))
		return -EINVAL;
	return clock_sleep(clock, flags, &req, regs->r10);
}

/**
 * sys_nanosleep - nanosleep(req, rem): clock_nanosleep on CLOCK_MONOTONIC,
 * relative, as in Linux. @rem is written only when the sleep is cut short.
 */
long sys_nanosleep(struct pt_regs *regs)
{
	struct timespec req;

	if (copy_from_user(&req, regs->rdi, sizeof(req)))
		return -EFAULT;
	if (!timespec_valid(&req))
		return -EINVAL;
	return clock_sleep(CLOCK_MONOTONIC, 0, &req, regs->rsi);
}

/** sys_gettimeofday - gettimeofday(tv, tz): either may be NULL; the time
 * zone is always UTC (zeros). */
long sys_gettimeofday(struct pt_regs *regs)
{
	struct timespec now = ns_to_timespec(clock_realtime_ns());
	struct timeval tv = { now.tv_sec, now.tv_nsec / (long)NSEC_PER_USEC };
	struct timezone tz = { 0, 0 };

	if (regs->rdi && copy_to_user(regs->rdi, &tv, sizeof(tv)))
		return -EFAULT;
	if (regs->rsi && copy_to_user(regs->rsi, &tz, sizeof(tz)))
		return -EFAULT;
	return 0;
}

/** sys_time - time(tloc): seconds since 1970, also stored in *tloc if
 * tloc is not NULL */
long sys_time(struct pt_regs *regs)
{
	long now = ns_to_timespec(clock_realtime_ns()).tv_sec;

	if (regs->rdi && copy_to_user(regs->rdi, &now, sizeof(now)))
		return -EFAULT;
	return now;
}
