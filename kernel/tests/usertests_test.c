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
	if (!strstr(run.out, "usertests: 11 passed, 0 failed\n")) {
		size_t len = strlen(run.out);

		ktest_fail(__FILE__, __LINE__, "no summary; output ends: %s",
			   run.out + (len > 300 ? len - 300 : 0));
		return;
	}
	KT_ASSERT_EQ(run.leaked_pages, 0);
	check_writers(run.out);
}
