// SPDX-License-Identifier: MIT
/* printf -> vsnprintf (lib/vsnprintf.c, shared with the kernel) -> write. */
#include "user.h"

int vprintf(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	size_t len = strnlen(buf, sizeof(buf));

	if (write(1, buf, len) < 0)
		return -1;
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	if (write(1, s, strlen(s)) < 0 || write(1, "\n", 1) < 0)
		return -1;
	return 0;
}

int atoi(const char *s)
{
	int n = 0, neg = 0;

	if (*s == '-')
		neg = 1, s++;
	while (*s >= '0' && *s <= '9')
		n = n * 10 + (*s++ - '0');
	return neg ? -n : n;
}
