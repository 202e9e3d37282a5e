/* SPDX-License-Identifier: MIT */
/* Running a user program from a test, with its output and its leaks. */
#ifndef KERNEL_TESTS_USER_RUN_H
#define KERNEL_TESTS_USER_RUN_H

#include <stdint.h>

#include <kernel/proc.h>

struct user_run {
	int err;                /* from task_run_module */
	struct task_result res;
	int64_t leaked_pages;   /* free pages before minus after */
	char out[256 * 1024];   /* console output while it ran */
};

/* Run boot module argv[0] with its arguments (NULL-terminated argv). */
void user_run(const char *const argv[], struct user_run *r);

#endif
