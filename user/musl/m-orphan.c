// SPDX-License-Identifier: MIT
/*
 * m-orphan: the POSIX rule for orphaned process groups. When a process
 * ends and a process group of its children is left with no member whose
 * parent is in another group of the session, and some member is
 * stopped, the kernel sends the group SIGHUP and then SIGCONT, since
 * nobody is left to continue it (Linux's kill_orphaned_pgrp). A group
 * left orphaned without a stopped member gets nothing.
 *
 * Here a child P makes a child C in a group of its own, C stops itself,
 * P sees it stopped and exits: C gets SIGHUP, then SIGCONT, and runs
 * again. In the second case C does not stop: it gets nothing. C tells
 * this program what happened through a pipe (it is no longer our
 * child, so we cannot wait for it).
 */
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static int out = -1; /* C's end of the pipe */

static void say(const char *s)
{
	write(out, s, strlen(s));
}

static void on_hup(int sig)
{
	(void)sig;
	say("C: SIGHUP\n");
}

static void on_cont(int sig)
{
	(void)sig;
	say("C: SIGCONT\n");
}

/* P, then C; @stop: whether C stops itself. @go: C waits to read a byte
 * from it before it ends (case 2), so that P has ended by then. */
static void parent_p(bool stop, int go)
{
	int status;
	pid_t c = fork();

	if (c == 0) {
		char byte;

		setpgid(0, 0);
		signal(SIGHUP, on_hup);
		signal(SIGCONT, on_cont);
		if (stop) {
			raise(SIGSTOP);
			say("C: running again\n");
		} else {
			read(go, &byte, 1);
			say("C: ending, nothing came\n");
		}
		_exit(0);
	}
	setpgid(c, c);
	if (stop) {
		waitpid(c, &status, WUNTRACED);
		say(WIFSTOPPED(status) ? "P: C stopped; P exits\n"
				       : "P: C did not stop\n");
	} else {
		say("P: C runs; P exits\n");
	}
	_exit(0);
}

static void run_case(const char *what, bool stop)
{
	char text[256] = "";
	int p[2], go[2], status;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	printf("%s:\n", what);
	pipe(p);
	pipe(go);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		close(go[1]);
		out = p[1];
		parent_p(stop, go[0]);
	}
	close(p[1]);
	close(go[0]);
	waitpid(pid, &status, 0);
	if (!stop)
		write(go[1], "g", 1); /* P has ended: C may go on */
	close(go[1]);
	while ((n = read(p[0], text + len, sizeof(text) - 1 - len)) > 0)
		len += (size_t)n;
	close(p[0]);
	text[len] = '\0';
	printf("%s", text);
}

int main(void)
{
	check_start();
	run_case("a stopped child's group left orphaned", true);
	run_case("a running child's group left orphaned", false);
	return check_finish("m-orphan");
}
