// SPDX-License-Identifier: MIT
/*
 * m-clock: the clocks and sleeps a libc offers.
 *
 * CLOCK_REALTIME is the date (a year of at least 2024); gettimeofday()
 * and time() agree with it. CLOCK_MONOTONIC never goes back, and a sleep
 * of 50 ms (nanosleep, and clock_nanosleep to an absolute time) advances
 * it by at least that and by less than 2 s (an emulator may be slow,
 * but not that slow). clock_getres() gives a resolution of at most 10 ms.
 * Bad arguments get Linux's EINVAL. Only verdicts are printed, never a
 * time.
 */
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

#include "check.h"

#define MS 1000000L

static long long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

static long long now(clockid_t clock)
{
	struct timespec t = { 0, 0 };

	clock_gettime(clock, &t);
	return ns(&t);
}

static void check_sleep(const char *what, long long before, long long want)
{
	long long d = now(CLOCK_MONOTONIC) - before;

	CHECK(d >= want, "%s: monotonic advanced >= %lld ms", what, want / MS);
	CHECK(d < 2000 * MS, "%s: and by less than 2 s", what);
}

int main(void)
{
	struct timespec t, res, sleep50 = { 0, 50 * MS },
				bad = { 0, 1000000000 };
	struct timeval tv;
	struct tm tm;
	long long a, b, before;
	time_t secs;
	int back = 0;

	check_start();
	CHECK(clock_gettime(CLOCK_REALTIME, &t) == 0, "clock_gettime REALTIME");
	secs = t.tv_sec;
	gmtime_r(&secs, &tm);
	CHECK(tm.tm_year + 1900 >= 2024, "the year is at least 2024");
	CHECK(t.tv_nsec >= 0 && t.tv_nsec < 1000000000, "tv_nsec in range");
	CHECK(gettimeofday(&tv, NULL) == 0 && tv.tv_sec - t.tv_sec <= 1 &&
		  tv.tv_sec >= t.tv_sec && tv.tv_usec < 1000000,
	      "gettimeofday agrees with REALTIME within 1 s");
	CHECK(time(NULL) - t.tv_sec <= 1 && time(NULL) >= t.tv_sec,
	      "time() agrees with REALTIME within 1 s");

	CHECK(clock_gettime(CLOCK_MONOTONIC, &t) == 0 && ns(&t) > 0,
	      "clock_gettime MONOTONIC");
	a = now(CLOCK_MONOTONIC);
	for (int i = 0; i < 10000; i++) {
		b = now(CLOCK_MONOTONIC);
		back |= b < a;
		a = b;
	}
	CHECK(!back, "MONOTONIC never goes back in 10000 reads");

	for (clockid_t c = CLOCK_REALTIME; c <= CLOCK_MONOTONIC; c++)
		CHECK(clock_getres(c, &res) == 0 && res.tv_sec == 0 &&
			  res.tv_nsec > 0 && res.tv_nsec <= 10 * MS,
		      "clock_getres(%s) between 1 ns and 10 ms",
		      c == CLOCK_REALTIME ? "REALTIME" : "MONOTONIC");

	before = now(CLOCK_MONOTONIC);
	CHECK(nanosleep(&sleep50, NULL) == 0, "nanosleep 50 ms");
	check_sleep("nanosleep 50 ms", before, 50 * MS);

	before = now(CLOCK_MONOTONIC);
	t.tv_sec = (before + 50 * MS) / 1000000000;
	t.tv_nsec = (before + 50 * MS) % 1000000000;
	CHECK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == 0,
	      "clock_nanosleep to 50 ms from now");
	check_sleep("clock_nanosleep", before, 50 * MS);

	errno = 0;
	CHECK(nanosleep(&bad, NULL) == -1 && errno == EINVAL,
	      "nanosleep with tv_nsec 10^9: %s", errno_name(errno));
	errno = 0;
	CHECK(clock_gettime((clockid_t)12345, &t) == -1 && errno == EINVAL,
	      "clock_gettime of clock 12345: %s", errno_name(errno));
	return check_finish("m-clock");
}
