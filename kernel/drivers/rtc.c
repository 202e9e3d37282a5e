// SPDX-License-Identifier: MIT
/*
 * Reading the CMOS real-time clock.
 *
 * The clock updates its registers once a second, and a read during the
 * update can mix two seconds (say 12:59:59 and 13:00:00 into 12:00:00).
 * Status A's "update in progress" bit warns of an update ~244 us ahead,
 * so: wait for it to clear, read everything, and repeat until two reads
 * in a row agree. The values are BCD or binary and the hours 12- or
 * 24-hour, as status B says; rtc_decode() handles all four.
 */
#include <kernel/io.h>
#include <kernel/rtc.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define RTC_UIP_POLLS 100000 /* an update lasts under 2 ms */
#define RTC_READ_TRIES 10

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, reg); /* bit 7 clear: NMIs stay enabled */
	return inb(CMOS_DATA);
}

static bool read_once(struct rtc_registers *r)
{
	unsigned int polls = 0;

	while (cmos_read(RTC_STATUS_A) & RTC_A_UPDATE_IN_PROGRESS)
		if (++polls > RTC_UIP_POLLS)
			return false;
	r->second = cmos_read(RTC_SECONDS);
	r->minute = cmos_read(RTC_MINUTES);
	r->hour = cmos_read(RTC_HOURS);
	r->day = cmos_read(RTC_DAY_OF_MONTH);
	r->month = cmos_read(RTC_MONTH);
	r->year = cmos_read(RTC_YEAR);
	r->century = cmos_read(RTC_CENTURY);
	r->status_b = cmos_read(RTC_STATUS_B);
	return true;
}

bool rtc_read(struct rtc_registers *r)
{
	struct rtc_registers again;

	if (!read_once(r))
		return false;
	for (unsigned int i = 0; i < RTC_READ_TRIES; i++) {
		if (!read_once(&again))
			return false;
		if (again.second == r->second && again.minute == r->minute &&
		    again.hour == r->hour && again.day == r->day &&
		    again.month == r->month && again.year == r->year &&
		    again.century == r->century)
			return true;
		*r = again;
	}
	return false;
}

/* One register's value: BCD or binary. -1 if not valid BCD. */
static int field(uint8_t v, bool binary)
{
	if (binary)
		return v;
	if ((v & 0x0f) > 9 || (v >> 4) > 9)
		return -1;
	return (v >> 4) * 10 + (v & 0x0f);
}

bool rtc_decode(const struct rtc_registers *r, struct calendar_time *t)
{
	bool binary = r->status_b & RTC_B_BINARY;
	bool pm = !(r->status_b & RTC_B_24_HOUR) && (r->hour & RTC_HOUR_PM);
	int sec = field(r->second, binary), min = field(r->minute, binary);
	int hour = field(pm ? r->hour & ~RTC_HOUR_PM : r->hour, binary);
	int day = field(r->day, binary), mon = field(r->month, binary);
	int year = field(r->year, binary), century = field(r->century, binary);

	if (sec < 0 || min < 0 || hour < 0 || day < 0 || mon < 0 || year < 0 ||
	    year > 99)
		return false;
	if (!(r->status_b & RTC_B_24_HOUR)) {
		/* 12-hour clock: 12 AM is midnight, 12 PM is noon. */
		if (hour < 1 || hour > 12)
			return false;
		hour = hour % 12 + (pm ? 12 : 0);
	}
	if (century < 19 || century > 29)
		century = 20; /* no century byte: the clock says 20yy */
	t->year = century * 100 + year;
	t->month = (unsigned int)mon;
	t->day = (unsigned int)day;
	t->hour = (unsigned int)hour;
	t->minute = (unsigned int)min;
	t->second = (unsigned int)sec;
	return calendar_valid(t);
}
