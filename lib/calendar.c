// SPDX-License-Identifier: MIT
/*
 * lib/calendar.c - Gregorian dates to day numbers and back.
 *
 * The trick that keeps this short: count years from 1 March. February,
 * the one month whose length varies, is then the last month of the year,
 * and the months March..January have lengths 31 30 31 30 31 31 30 31 30
 * 31 31, a pattern that (153 * m + 2) / 5 reproduces as the number of
 * days before month m (m = 0 for March): 0 31 61 92 122 153 184 214 245
 * 275 306 337. The Gregorian cycle repeats every 400 years, which have
 * exactly 146097 days (400 * 365 + 97 leap days), so a date splits into a
 * 400-year era and a year within it, 0-399, where the leap rule is easy.
 *
 * Division of negative numbers rounds toward zero in C, so the era is
 * computed with an explicit floor division to keep dates before year 0
 * right.
 */
#include <lib/calendar.h>

#define DAYS_PER_ERA 146097 /* days in 400 Gregorian years */
/* Day number of 1970-01-01 counted from 0000-03-01. */
#define UNIX_EPOCH_DAY 719468
#define SECONDS_PER_DAY 86400

bool calendar_leap_year(int64_t year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

unsigned int calendar_days_in_month(int64_t year, unsigned int month)
{
	static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30,
						31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && calendar_leap_year(year))
		return 29;
	return days[month - 1];
}

bool calendar_valid(const struct calendar_time *t)
{
	return t->day >= 1 &&
	       t->day <= calendar_days_in_month(t->year, t->month) &&
	       t->hour < 24 && t->minute < 60 && t->second < 60;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t calendar_days_from_civil(int64_t year, unsigned int month,
				 unsigned int day)
{
	/* January and February belong to the previous March-based year. */
	int64_t y = month <= 2 ? year - 1 : year;
	int64_t era = floor_div(y, 400);
	int64_t year_of_era = y - era * 400;		   /* 0..399 */
	int64_t m = month <= 2 ? month + 9 : month - 3;	   /* March = 0 */
	int64_t day_of_year = (153 * m + 2) / 5 + day - 1; /* 0..365 */
	int64_t day_of_era = year_of_era * 365 + year_of_era / 4 -
			     year_of_era / 100 + day_of_year; /* 0..146096 */

	return era * DAYS_PER_ERA + day_of_era - UNIX_EPOCH_DAY;
}

void calendar_civil_from_days(int64_t days, int64_t *year, unsigned int *month,
			      unsigned int *day)
{
	int64_t z = days + UNIX_EPOCH_DAY;
	int64_t era = floor_div(z, DAYS_PER_ERA);
	int64_t day_of_era = z - era * DAYS_PER_ERA; /* 0..146096 */
	/* Take the leap days out to find the year: one every 4 years (1460
	 * days), none at 100 years (36524 days), one again at 400. */
	int64_t year_of_era = (day_of_era - day_of_era / 1460 +
			       day_of_era / 36524 - day_of_era / 146096) /
			      365;
	int64_t day_of_year =
	    day_of_era -
	    (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	int64_t m = (5 * day_of_year + 2) / 153; /* March = 0 */

	*day = (unsigned int)(day_of_year - (153 * m + 2) / 5 + 1);
	*month = (unsigned int)(m < 10 ? m + 3 : m - 9);
	*year = year_of_era + era * 400 + (*month <= 2);
}

int64_t calendar_to_unix(const struct calendar_time *t)
{
	return calendar_days_from_civil(t->year, t->month, t->day) *
		   SECONDS_PER_DAY +
	       t->hour * 3600 + t->minute * 60 + t->second;
}

void calendar_from_unix(int64_t seconds, struct calendar_time *t)
{
	int64_t days = floor_div(seconds, SECONDS_PER_DAY);
	int64_t rest = seconds - days * SECONDS_PER_DAY;

	calendar_civil_from_days(days, &t->year, &t->month, &t->day);
	t->hour = (unsigned int)(rest / 3600);
	t->minute = (unsigned int)(rest / 60 % 60);
	t->second = (unsigned int)(rest % 60);
}
