// SPDX-License-Identifier: MIT
#include <kernel/console.h>
#include <kernel/pmm.h>

#include "user_run.h"

void user_run(const char *const argv[], struct user_run *r)
{
	uint64_t before = pmm_free_pages();
	int argc = 0;

	while (argv[argc])
		argc++;
	console_capture_begin(r->out, sizeof(r->out));
	r->err = task_run_module(
		argv[0], &(struct exec_args){ .argc = argc, .argv = argv }, &r->res);
	console_capture_end();
	r->leaked_pages = (int64_t)before - (int64_t)pmm_free_pages();
}
