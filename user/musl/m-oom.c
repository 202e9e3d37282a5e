// SPDX-License-Identifier: MIT
/*
 * m-oom: running out of memory kills the process that touched the page
 * it could not get, and nothing else.
 *
 * A child reserves 64 GiB with MAP_NORESERVE (which succeeds: pages come
 * on first touch) and touches one page after another until the kernel
 * has none left and kills it with SIGKILL. The parent then maps and
 * touches 1 MiB, which must work: the child's pages came back.
 *
 * This one runs on this kernel only (256 MiB under the tests). On the
 * build machine Linux's OOM killer would end it the same way, but only
 * after eating all of the machine's memory, and it might pick another
 * process; so the test runner does not run it there, and its expected
 * output is written by hand (tests/linuxdiff.py). To be safe from a
 * person running it by hand, it refuses machines with more than 2 GiB.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define GiB (1UL << 30)

int main(void)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), len = 64 * GiB;
	struct sysinfo si;
	int status = 0;
	char *p;
	pid_t pid;

	check_start();
	memset(&si, 0, sizeof(si));
	sysinfo(&si);
	if ((unsigned long long)si.totalram * (si.mem_unit ? si.mem_unit : 1) >
	    2 * GiB) {
		printf("m-oom: more than 2 GiB of memory here; not exhausting "
		       "it\n");
		return 2;
	}
	pid = fork();
	if (pid == 0) {
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (p == MAP_FAILED)
			_exit(10);
		for (size_t off = 0; off < len; off += page)
			p[off] = 1;
		_exit(11); /* 64 GiB of pages: not on this machine */
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid,
	      "a child touches pages until memory runs out");
	printf("the child: %s\n", how_ended(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "the child was killed by SIGKILL");

	p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED && memset(p, 0x33, 1 << 20) &&
		  munmap(p, 1 << 20) == 0,
	      "then the parent maps and touches 1 MiB");
	return check_finish("m-oom");
}
