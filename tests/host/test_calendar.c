// SPDX-License-Identifier: MIT
/*
 * tests/host/test_calendar.c - lib/calendar.c against the host C library.
 *
 *   gcc -std=gnu11 -Wall -Wextra -Werror -O2 -I include \
 *       tests/host/test_calendar.c -o /tmp/test_calendar && /tmp/test_calendar
 *
 * Includes lib/calendar.c itself. Groups, each "[OK] calendar: <group>" or
 * "[FAIL] calendar: <group> (<n> mismatches)"; exit status 0 only if all
 * passed:
 *   to unix    - every day from 1600 to 2600 at a varying time of day,
 *                calendar_to_unix() against glibc's timegm();
 *   from unix  - random times within +-300 000 years of 1970, and every
 *                day of the range above, calendar_from_unix() against
 *                gmtime_r();
 *   validity   - calendar_valid() against what timegm() leaves unchanged
 *                (it normalises an impossible date such as 30 February),
 *                for every day number 0-32 of every month of 1890-2110.
 */
#define _GNU_SOURCE /* timegm */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/calendar.c"

#define MAX_REPORTS 10

static int failures, reports;

static void report(const char *group, int mismatches)
{
	if (mismatches) {
		printf("[FAIL] calendar: %s (%d mismatches)\n", group,
		       mismatches);
		failures++;
	} else {
		printf("[OK] calendar: %s\n", group);
	}
}

static void mismatch(const char *fmt, long long a, long long b, long long c)
{
	if (reports++ < MAX_REPORTS) {
		printf("  ");
		printf(fmt, a, b, c);
		printf("\n");
	}
}

static struct tm to_tm(const struct calendar_time *c)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)(c->year - 1900);
	tm.tm_mon = (int)c->month - 1;
	tm.tm_mday = (int)c->day;
	tm.tm_hour = (int)c->hour;
	tm.tm_min = (int)c->minute;
	tm.tm_sec = (int)c->second;
	return tm;
}

static int check_from_unix(int64_t t)
{
	struct calendar_time c;
	struct tm tm;
	time_t tt = (time_t)t;

	calendar_from_unix(t, &c);
	if (!gmtime_r(&tt, &tm))
		return 0; /* out of the host's range: nothing to compare */
	if (c.year != tm.tm_year + 1900LL ||
	    c.month != (unsigned)tm.tm_mon + 1 ||
	    c.day != (unsigned)tm.tm_mday || c.hour != (unsigned)tm.tm_hour ||
	    c.minute != (unsigned)tm.tm_min ||
	    c.second != (unsigned)tm.tm_sec) {
		mismatch("from_unix(%lld): year %lld, host %lld", (long long)t,
			 (long long)c.year, tm.tm_year + 1900LL);
		return 1;
	}
	return 0;
}

static void every_day(void)
{
	int to = 0, from = 0;
	unsigned int n = 0;

	for (int64_t y = 1600; y <= 2600; y++)
		for (unsigned int m = 1; m <= 12; m++)
			for (unsigned int d = 1;
			     d <= calendar_days_in_month(y, m); d++, n++) {
				struct calendar_time c = {
					y, m, d, n % 24, n * 7 % 60, n * 13 % 60
				};
				struct tm tm = to_tm(&c);
				int64_t ours = calendar_to_unix(&c);
				int64_t host = timegm(&tm);

				if (ours != host) {
					mismatch(
					    "to_unix: %lld-%lld: ours %lld",
					    (long long)y, m * 100 + d,
					    (long long)ours);
					to++;
				}
				from += check_from_unix(ours);
			}
	report("to unix (every day 1600-2600)", to);
	report("from unix (every day 1600-2600)", from);
}

static void random_times(void)
{
	uint64_t s = 0x9e3779b97f4a7c15ull;
	int bad = 0;

	for (int i = 0; i < 2000000; i++) {
		int64_t range = 300000LL * 366 * 86400; /* ~300 000 years */

		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		bad += check_from_unix((int64_t)(s % (2 * (uint64_t)range)) -
				       range);
	}
	/* The edges of a day, an era and the epoch. */
	for (int64_t t = -86401; t <= 86401; t++)
		bad += check_from_unix(t);
	bad += check_from_unix(951782400);	/* 2000-02-29 */
	bad += check_from_unix(-62167219200LL); /* 0000-01-01 */
	bad += check_from_unix(-62167219201LL); /* the second before it */
	report("from unix (random, +-300000 years)", bad);
}

static void validity(void)
{
	static const struct {
		struct calendar_time c;
		bool valid;
	} fixed[] = {
		{ { 2000, 2, 29, 0, 0, 0 }, true },
		{ { 2024, 2, 29, 0, 0, 0 }, true },
		{ { 1900, 2, 29, 0, 0, 0 }, false },
		{ { 2100, 2, 29, 0, 0, 0 }, false },
		{ { 2023, 4, 31, 0, 0, 0 }, false },
		{ { 2023, 13, 1, 0, 0, 0 }, false },
		{ { 2023, 0, 1, 0, 0, 0 }, false },
		{ { 2023, 1, 0, 0, 0, 0 }, false },
		{ { 2023, 1, 1, 24, 0, 0 }, false },
		{ { 2023, 1, 1, 23, 60, 0 }, false },
		{ { 2023, 1, 1, 23, 59, 60 }, false },
		{ { 2023, 12, 31, 23, 59, 59 }, true },
	};
	int bad = 0;

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (calendar_valid(&fixed[i].c) != fixed[i].valid) {
			mismatch("valid #%lld: %lld, want %lld", (long long)i,
				 calendar_valid(&fixed[i].c), fixed[i].valid);
			bad++;
		}
	for (int64_t y = 1890; y <= 2110; y++)
		for (unsigned int m = 1; m <= 12; m++)
			for (unsigned int d = 0; d <= 32; d++) {
				struct calendar_time c = { y, m, d, 12, 0, 0 };
				struct tm tm = to_tm(&c);
				bool host_valid;

				timegm(&tm);
				host_valid = tm.tm_mday == (int)d &&
					     tm.tm_mon == (int)m - 1;
				if (calendar_valid(&c) != host_valid) {
					mismatch("valid %lld-%lld: %lld",
						 (long long)y, m * 100 + d,
						 calendar_valid(&c));
					bad++;
				}
			}
	report("validity (vs timegm's normalisation)", bad);
}

int main(void)
{
	every_day();
	random_times();
	validity();
	return failures ? 1 : 0;
}
