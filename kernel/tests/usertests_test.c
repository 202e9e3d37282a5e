// SPDX-License-Identifier: MIT
/*
 * user/usertests, the ring-3 process tests, run from the kernel: it must
 * pass, leak nothing, and the console must show the preempted writers'
 * lines whole and interleaved.
 */
#include <kernel/ktest.h>
#include <kernel/syscall.h>
#include <lib/printf.h>
#include <lib/string.h>

#include "user_run.h"

static struct user_run run;

static unsigned int count(const char *haystack, const char *needle)
{
	unsigned int n = 0;

	for (const char *p = strstr(haystack, needle); p;
	     p = strstr(p + 1, needle))
		n++;
	return n;
}

/* Every line of every writer whole, and the writers really interleaved:
 * the second starts before the first ends (the timer preempted it). */
static void check_writers(const char *out)
{
	static const unsigned int bits[] = { SYSCALL_ENTRY_SYSCALL,
					     SYSCALL_ENTRY_INT80,
					     SYSCALL_ENTRY_SYSENTER };
	static const char *const names[] = { "syscall", "int80", "sysenter" };
	const char *first_end = NULL, *second_start = NULL;
	unsigned int writers = 0;
	char line[64];

	for (unsigned int c = 0; c < 3; c++) {
		if (!(syscall_entries_available & bits[c]))
			continue;
		for (unsigned int l = 0; l < 20; l++) {
			const char *at;

			snprintf(line, sizeof(line),
				 "\npreempt: child %u line %u via %s\n", c, l,
				 names[c]);
			at = strstr(out, line);
			if (!at) {
				ktest_fail(__FILE__, __LINE__, "missing:%s", line);
				return;
			}
			if (writers == 0 && l == 19)
				first_end = at;
			if (writers == 1 && l == 0)
				second_start = at;
		}
		writers++;
	}
	KT_ASSERT(writers >= 2);
	KT_ASSERT(second_start < first_end);
}

KTEST(usertests)
{
	static const char *const argv[] = { "usertests", NULL };

	user_run(argv, &run);
	KT_ASSERT_EQ(run.err, 0);
	KT_ASSERT_EQ(run.res.how, TASK_EXITED);
	KT_ASSERT_EQ(run.res.status, 0);
	/* "usertests: N passed, 0 failed", with one "ok" line per pass. */
	{
		const char *end = strstr(run.out, " passed, 0 failed\n");
		const char *p = end;
		unsigned int n = 0, scale = 1;

		KT_ASSERT(end != NULL);
		while (p > run.out && p[-1] >= '0' && p[-1] <= '9') {
			p--;
			n += (unsigned int)(*p - '0') * scale;
			scale *= 10;
		}
		KT_ASSERT(p >= run.out + 11 && !strncmp(p - 11, "usertests: ", 11));
		KT_ASSERT(n > 0);
		KT_ASSERT_EQ(count(run.out, "usertests: ok "), n);
		KT_ASSERT(!strstr(run.out, "usertests: FAIL"));
	}
	KT_ASSERT_EQ(run.leaked_pages, 0);
	check_writers(run.out);
}
