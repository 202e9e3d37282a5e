// SPDX-License-Identifier: MIT
/*
 * Time: decoding the CMOS clock's registers in all four formats, the boot
 * date, the monotonic clock over real timer ticks, and the TSC's rate.
 */
#include <kernel/cpu.h>
#include <kernel/ktest.h>
#include <kernel/proc.h>
#include <kernel/rtc.h>
#include <kernel/time.h>

/* Decode @r and compare with the Unix time @want (-1: must not decode). */
static bool decodes_to(struct rtc_registers r, int64_t want)
{
	struct calendar_time t;

	if (!rtc_decode(&r, &t))
		return want == -1;
	return want != -1 && calendar_to_unix(&t) == want;
}

KTEST(time_rtc_decode_formats)
{
	const uint8_t bcd24 = RTC_B_24_HOUR, bcd12 = 0;
	const uint8_t bin24 = RTC_B_24_HOUR | RTC_B_BINARY,
		      bin12 = RTC_B_BINARY;

	/* 2024-02-29 12:34:56 = 1709210096, BCD, 24-hour, century 20 */
	KT_ASSERT(decodes_to((struct rtc_registers){ 0x56, 0x34, 0x12, 0x29,
						     0x02, 0x24, 0x20, bcd24 },
			     1709210096));
	/* the same in binary, and with no usable century byte */
	KT_ASSERT(decodes_to(
	    (struct rtc_registers){ 56, 34, 12, 29, 2, 24, 0xff, bin24 },
	    1709210096));
	/* 12-hour BCD: 12 PM is noon, 12 AM midnight, 1 PM is 13:00 */
	KT_ASSERT(decodes_to((struct rtc_registers){ 0x56, 0x34, 0x92, 0x29,
						     0x02, 0x24, 0x20, bcd12 },
			     1709210096));
	KT_ASSERT(decodes_to((struct rtc_registers){ 0x56, 0x34, 0x12, 0x29,
						     0x02, 0x24, 0x20, bcd12 },
			     1709210096 - 12 * 3600));
	KT_ASSERT(decodes_to((struct rtc_registers){ 0x56, 0x34, 0x81, 0x29,
						     0x02, 0x24, 0x20, bcd12 },
			     1709210096 + 3600));
	/* 12-hour binary: 11 PM; century 19 is believed: 1999-12-31 */
	KT_ASSERT(decodes_to(
	    (struct rtc_registers){ 59, 59, 0x80 | 11, 31, 12, 99, 19, bin12 },
	    946684799));
	/* 2099-12-31 23:34:56, BCD century 0x20 */
	KT_ASSERT(decodes_to((struct rtc_registers){ 0x56, 0x34, 0x23, 0x31,
						     0x12, 0x99, 0x20, bcd24 },
			     4102443296));
	/* not valid: BCD digit > 9, 30 February, hour 0 in 12-hour mode,
	 * hour 24, month 13 */
	KT_ASSERT(decodes_to((struct rtc_registers){ 0x5a, 0x34, 0x12, 0x29,
						     0x02, 0x24, 0x20, bcd24 },
			     -1));
	KT_ASSERT(decodes_to((struct rtc_registers){ 0x00, 0x00, 0x00, 0x30,
						     0x02, 0x24, 0x20, bcd24 },
			     -1));
	KT_ASSERT(decodes_to(
	    (struct rtc_registers){ 0, 0, 0x80, 1, 1, 24, 20, bin12 }, -1));
	KT_ASSERT(decodes_to(
	    (struct rtc_registers){ 0, 0, 24, 1, 1, 24, 20, bin24 }, -1));
	KT_ASSERT(decodes_to(
	    (struct rtc_registers){ 0, 0, 0, 1, 13, 24, 20, bin24 }, -1));
}

/* The real clock, read now: a date this side of 2024, and the boot date
 * CLOCK_REALTIME started from. */
KTEST(time_rtc_reads_a_plausible_date)
{
	struct rtc_registers r;
	struct calendar_time t;

	KT_ASSERT(rtc_read(&r));
	KT_ASSERT(rtc_decode(&r, &t));
	KT_ASSERT(t.year >= 2024 && t.year < 2200);
	KT_ASSERT(time_boot_seconds() >= 1704067200); /* 2024-01-01 */
	KT_ASSERT(calendar_to_unix(&t) >= time_boot_seconds());
	KT_ASSERT(clock_realtime_ns() / 1000000000 >= time_boot_seconds());
}

/* Wait, with interrupts on, until @n more timer ticks have come. */
static void wait_ticks(uint64_t n, uint64_t *readings, int *bad)
{
	uint64_t until = ticks + n, last = clock_monotonic_ns();

	while (ticks < until) {
		uint64_t now;

		__asm__ volatile("sti; hlt; cli" ::: "memory");
		now = clock_monotonic_ns();
		if (now < last)
			(*bad)++;
		last = now;
		(*readings)++;
	}
}

/* CLOCK_MONOTONIC never goes back and advances with the timer: over 5
 * ticks (50 ms) by at least 4 of them, and not by seconds. */
KTEST(time_monotonic_follows_the_timer)
{
	uint64_t readings = 0, start, elapsed;
	int backwards = 0;

	wait_ticks(1, &readings, &backwards); /* start at a tick */
	start = clock_monotonic_ns();
	wait_ticks(5, &readings, &backwards);
	elapsed = clock_monotonic_ns() - start;
	KT_ASSERT_EQ(backwards, 0);
	KT_ASSERT(elapsed >= 40000000);
	KT_ASSERT(elapsed < 5000000000ull);
	if (!clock_uses_tsc())
		KT_ASSERT(elapsed % 10000000 == 0); /* whole ticks */
}

/* The TSC rate found at boot: measured, plausible, the same when measured
 * again, and in line with the timer's ticks. */
KTEST(time_tsc_rate_plausible)
{
	uint64_t again = 0, t0, ns, readings = 0;
	int backwards = 0;

	KT_ASSERT(tsc_hz >= 1000000 && tsc_hz <= 100000000000ull);
	/* Measured again, within 10%. Up to three tries: a software CPU on
	 * a busy host can lose its thread for part of one 10 ms count. */
	for (int i = 0; i < 3; i++) {
		again = tsc_calibrate();
		if (again > tsc_hz - tsc_hz / 10 && again < tsc_hz + tsc_hz / 10)
			break;
	}
	KT_ASSERT(again != 0);
	KT_ASSERT(again > tsc_hz - tsc_hz / 10 && again < tsc_hz + tsc_hz / 10);
	wait_ticks(1, &readings, &backwards);
	t0 = rdtsc();
	wait_ticks(10, &readings, &backwards);
	ns = tsc_cycles_to_ns(rdtsc() - t0);
	/* 100 ms of ticks; lost or late ticks only make it look longer. */
	KT_ASSERT(ns > 50000000 && ns < 2000000000);
	/* one second of cycles is a second, give or take the rounding */
	ns = tsc_cycles_to_ns(tsc_hz);
	KT_ASSERT(ns >= 1000000000 - 100 && ns <= 1000000000);
}
