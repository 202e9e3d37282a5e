// SPDX-License-Identifier: MIT
/*
 * tsleep: wait SECONDS (a fraction such as 0.25 is fine) on
 * CLOCK_MONOTONIC with clock_nanosleep. ctrl-C ends it at once: the
 * kernel wakes a killed sleeper (the shell test checks that).
 */
#include "user.h"

/* "12.345" -> { 12, 345000000 }; -1 if it is not a number. */
static int parse(const char *s, struct timespec *t)
{
	long ns = 0, scale = 100000000;

	t->tv_sec = 0;
	if (!*s)
		return -1;
	for (; *s >= '0' && *s <= '9'; s++)
		t->tv_sec = t->tv_sec * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, scale /= 10)
			ns += (*s - '0') * scale;
	t->tv_nsec = ns;
	return *s ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct timespec t;
	long r;

	if (argc != 2 || parse(argv[1], &t) < 0) {
		printf("usage: sleep SECONDS\n");
		return 2;
	}
	r = sys_clock_nanosleep(CLOCK_MONOTONIC, 0, &t, NULL);
	if (r < 0) {
		printf("tsleep: clock_nanosleep failed: %ld\n", r);
		return 1;
	}
	return 0;
}
