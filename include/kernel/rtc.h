/* SPDX-License-Identifier: MIT */
/*
 * The CMOS real-time clock (Motorola MC146818 and its descendants in every
 * PC chipset), read once at boot by kernel/time.c.
 */
#ifndef KERNEL_RTC_H
#define KERNEL_RTC_H

#include <stdbool.h>
#include <stdint.h>

#include <lib/calendar.h>

/* CMOS register numbers (MC146818 data sheet; 0x32 is the century byte
 * that most PCs keep, the one the ACPI FADT names by default). */
#define RTC_SECONDS 0x00
#define RTC_MINUTES 0x02
#define RTC_HOURS 0x04
#define RTC_DAY_OF_MONTH 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0a
#define RTC_STATUS_B 0x0b
#define RTC_CENTURY 0x32

#define RTC_A_UPDATE_IN_PROGRESS 0x80
#define RTC_B_24_HOUR 0x02 /* clear: 12-hour mode, PM in bit 7 of hours */
#define RTC_B_BINARY 0x04  /* clear: every field is BCD */
#define RTC_HOUR_PM 0x80

/* The clock's registers as read, undecoded. */
struct rtc_registers {
	uint8_t second, minute, hour, day, month, year, century, status_b;
};

/* Read the registers, waiting out an update; false if the clock never
 * gave two equal reads in a row. */
bool rtc_read(struct rtc_registers *r);
/* Decode @r (BCD or binary, 12- or 24-hour) into @t; false if a field
 * is not a valid value. A century byte outside 19-29 is ignored and the
 * year taken as 20yy. */
bool rtc_decode(const struct rtc_registers *r, struct calendar_time *t);

#endif
