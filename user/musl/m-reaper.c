// SPDX-License-Identifier: MIT
/*
 * m-reaper: who adopts an orphan. When a process ends, its children get
 * a new parent: the nearest ancestor that asked for them with
 * prctl(PR_SET_CHILD_SUBREAPER), else init (pid 1). This program makes
 * itself a subreaper, so that on Linux, where it is not init, its
 * grandchildren come back to it; on this kernel it is init as well
 * (the first program of the boot list is pid 1), and they come back to
 * it either way.
 *
 * A child P makes a grandchild C and ends; C, still running, then finds
 * that its parent is this program, ends, and this program's wait4
 * collects it. In the second case C ends before P does, and is still
 * collected here: a zombie is adopted too, and its new parent told.
 */
#include <stdbool.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

/* P: makes C, tells us its pid on @out and ends. @c_first: C ends
 * first (P waits until C's end of @done is closed, by its exit). */
static void parent_p(pid_t reaper, int out, int go, bool c_first)
{
	int done[2];
	pid_t c;
	char byte;

	pipe(done);
	c = fork();
	if (c == 0) {
		close(done[0]);
		if (c_first)
			_exit(5); /* closes done[1]: P reads EOF */
		read(go, &byte, 1); /* until P has ended */
		_exit(getppid() == reaper ? 6 : 7);
	}
	close(done[1]);
	if (c_first)
		read(done[0], &byte, 1); /* EOF: C has ended */
	write(out, &c, sizeof(c));
	_exit(0);
}

static void run_case(const char *what, bool c_first, int want)
{
	int pp[2], go[2], status = 0;
	pid_t p, c = 0;

	pipe(pp);
	pipe(go);
	p = fork();
	if (p == 0) {
		close(pp[0]);
		close(go[1]);
		parent_p(getppid(), pp[1], go[0], c_first);
	}
	close(pp[1]);
	read(pp[0], &c, sizeof(c));
	CHECK(waitpid(p, &status, 0) == p && WIFEXITED(status),
	      "%s: P ended", what);
	write(go[1], "g", 1); /* P has ended: C may look and end */
	CHECK(c > 0 && waitpid(c, &status, 0) == c && WIFEXITED(status) &&
		      WEXITSTATUS(status) == want,
	      "%s: C is our child now and wait4 collects it (status %d)", what,
	      WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	CHECK(waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD,
	      "%s: no child left", what);
	close(pp[0]);
	close(go[0]); /* kept open until here: the write never meets EPIPE */
	close(go[1]);
}

int main(void)
{
	int flag = -1;

	check_start();
	CHECK(prctl(PR_SET_CHILD_SUBREAPER, 1) == 0 &&
		      prctl(PR_GET_CHILD_SUBREAPER, &flag) == 0 && flag == 1,
	      "prctl(PR_SET_CHILD_SUBREAPER, 1), and PR_GET says 1");
	run_case("C runs on after P", false, 6);
	run_case("C ends before P", true, 5);
	return check_finish("m-reaper");
}
