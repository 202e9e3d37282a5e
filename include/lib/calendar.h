/* SPDX-License-Identifier: MIT */
/*
 * include/lib/calendar.h - dates of the proleptic Gregorian calendar and
 * Unix time (seconds since 1970-01-01 00:00:00 UTC, leap seconds not
 * counted, as POSIX defines it).
 *
 * Pure arithmetic, no time zones: the kernel turns the CMOS clock's date
 * into Unix time with it (kernel/time.c), and tests/host/test_calendar.c
 * compares it with the host C library's timegm() and gmtime_r().
 */
#ifndef LIB_CALENDAR_H
#define LIB_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

struct calendar_time {
	int64_t year;		     /* e.g. 2025; 0 is 1 BC */
	unsigned int month;	     /* 1-12 */
	unsigned int day;	     /* 1-31 */
	unsigned int hour;	     /* 0-23 */
	unsigned int minute, second; /* 0-59 (no leap second 60) */
};

bool calendar_leap_year(int64_t year);
/* Days in @month (1-12) of @year; 0 for a month out of range. */
unsigned int calendar_days_in_month(int64_t year, unsigned int month);
/* Every field in range, the day included (no 30 February). */
bool calendar_valid(const struct calendar_time *t);

/* Days from 1970-01-01 to @year-@month-@day (negative before it). The
 * date must be valid; years up to +-2^50 or so stay exact. */
int64_t calendar_days_from_civil(int64_t year, unsigned int month,
				 unsigned int day);
/* The inverse: the date @days after 1970-01-01. */
void calendar_civil_from_days(int64_t days, int64_t *year, unsigned int *month,
			      unsigned int *day);

/* Unix time of a valid @t, and back. */
int64_t calendar_to_unix(const struct calendar_time *t);
void calendar_from_unix(int64_t seconds, struct calendar_time *t);

#endif /* LIB_CALENDAR_H */
