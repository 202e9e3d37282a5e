// SPDX-License-Identifier: MIT
/*
 * m-ids: process groups and sessions, wait4 by group, umask and the
 * robust futex list, here and on Linux.
 *
 * On Linux the test runner starts this program from Python, and here the
 * kernel starts it, so it may or may not lead its group and session at
 * start. The checks that depend on it run in a forked child that calls
 * setsid first: a fresh child never leads a group, so setsid works
 * there on both, and everything after happens inside the new session.
 * Only relations are printed, never a pid.
 *
 * Parent and children take turns through a shared anonymous page (there
 * are no pipes or signals yet), so their lines come out in one order.
 * One child runs this program again, as "m-ids exec", to see what
 * execve keeps: a bare name works on both, as in m-spawn.
 */
#define _GNU_SOURCE /* getresuid */
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

/* <linux/futex.h>'s struct robust_list_head, which musl does not ship. */
struct robust_head {
	void *next;
	long futex_offset;
	void *list_op_pending;
};

/* Static: Linux reads the list when the thread ends, so it must outlive
 * every function here. An empty list points to itself. */
static struct robust_head head = { &head, 0, NULL };

static long set_robust_list(void *h, size_t len)
{
	return syscall(SYS_set_robust_list, h, len);
}

static long get_robust_list(int pid, void **h, size_t *len)
{
	return syscall(SYS_get_robust_list, pid, h, len);
}

/* ---------------------------------------------------- taking turns */

struct turns {
	int step; /* how far the processes have come */
	int pid;  /* a pid one of them passes on */
};

static struct turns *turns;

static void set_step(int step)
{
	__atomic_store_n(&turns->step, step, __ATOMIC_RELEASE);
}

/* Wait for step @step; 0 after 10 s without it (a hang is a failed
 * check, not a stuck test). */
static int wait_step(int step)
{
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (__atomic_load_n(&turns->step, __ATOMIC_ACQUIRE) < step) {
		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec > 10)
			return 0;
	}
	return 1;
}

/* "exit status N" of child @pid, once it has ended. */
static const char *reaped(pid_t pid)
{
	int status = 0;

	if (waitpid(pid, &status, 0) != pid)
		return "not collected";
	return how_ended(status);
}

/* A child's end is a check of the parent's: its checks passed. */
static void ended_well(const char *who, const char *how)
{
	CHECK(strcmp(how, "exit status 0") == 0, "%s: %s", who, how);
}

/* ------------------------------------------------- in any process */

static void ids_at_start(void)
{
	CHECK(getpgrp() == getpgid(0) && getpgid(getpid()) == getpgid(0),
	      "getpgrp() == getpgid(0) == getpgid(getpid())");
	CHECK(getsid(0) == getsid(getpid()), "getsid(0) == getsid(getpid())");
	CHECK(getpgid(-1) == -1 && errno == ESRCH, "getpgid(-1): %s",
	      errno_name(errno));
	CHECK(getsid(-1) == -1 && errno == ESRCH, "getsid(-1): %s",
	      errno_name(errno));
	CHECK(setpgid(0, -1) == -1 && errno == EINVAL, "setpgid(0, -1): %s",
	      errno_name(errno));
	CHECK(waitpid(0, NULL, WNOHANG) == -1 && errno == ECHILD,
	      "waitpid(0) without children: %s", errno_name(errno));
	CHECK(waitpid(-2147483647 - 1, NULL, 0) == -1 && errno == ESRCH,
	      "waitpid(INT_MIN): %s", errno_name(errno));
}

static void umask_calls(void)
{
	mode_t old = umask(027);

	CHECK(umask(old) == 027, "umask returns the mask it replaces");
	umask(07777);
	CHECK(umask(old) == 0777, "umask(07777) keeps 0777 of it");
}

static void robust_lists(void)
{
	void *got = NULL;
	size_t len = 0;
	pid_t pid;

	CHECK(set_robust_list(&head, sizeof(head)) == 0,
	      "set_robust_list(&head, 24)");
	CHECK(get_robust_list(0, &got, &len) == 0 && got == &head &&
		  len == sizeof(head),
	      "get_robust_list(0) gives &head and 24");
	got = NULL;
	CHECK(get_robust_list(getpid(), &got, &len) == 0 && got == &head,
	      "get_robust_list(getpid()) too");
	CHECK(set_robust_list(&head, 23) == -1 && errno == EINVAL,
	      "set_robust_list(&head, 23): %s", errno_name(errno));
	CHECK(set_robust_list(&head, 48) == -1 && errno == EINVAL,
	      "set_robust_list(&head, 48): %s", errno_name(errno));
	CHECK(get_robust_list(-1, &got, &len) == -1 && errno == ESRCH,
	      "get_robust_list(-1): %s", errno_name(errno));
	CHECK(get_robust_list(0, NULL, &len) == -1 && errno == EFAULT,
	      "get_robust_list(0, NULL, &len): %s", errno_name(errno));
	got = &got;
	CHECK(get_robust_list(0, &got, &len) == 0 && got == &head,
	      "the failed calls changed nothing");

	pid = fork();
	if (pid == 0) {
		check_failures = 0;
		got = &got;
		CHECK(get_robust_list(0, &got, &len) == 0 && got == NULL,
		      "a forked child has no robust list");
		CHECK(get_robust_list(getppid(), &got, &len) == 0 &&
			  got == &head,
		      "it reads its parent's by pid");
		exit(check_failures);
	}
	ended_well("the robust list child", reaped(pid));
}

/* ------------------------------------------- inside a new session */

/* Child A and its child B, moved about and asked about by A's parent S,
 * a session leader: steps 1-3. */
static void group_moves(pid_t s, pid_t old_pgid)
{
	pid_t a, b;

	set_step(0);
	a = fork();
	if (a == 0) {
		check_failures = 0;
		b = fork();
		if (b == 0)
			_exit(wait_step(3) ? 0 : 1);
		turns->pid = b;
		set_step(1);
		CHECK(wait_step(2), "the child's turn came");
		CHECK(setpgid(0, old_pgid) == -1 && errno == EPERM,
		      "the child: setpgid into a group of the old session: %s",
		      errno_name(errno));
		CHECK(setpgid(0, 0) == 0 && getpgrp() == getpid(),
		      "the child: setpgid(0, 0) makes a group it leads");
		CHECK(getsid(0) == s, "the child: still in the session");
		CHECK(setpgid(0, s) == 0 && getpgrp() == s,
		      "the child: setpgid(0, leader) takes it back");
		set_step(3);
		ended_well("the child: its own child", reaped(b));
		exit(check_failures);
	}
	CHECK(wait_step(1), "the child's child was made");
	b = turns->pid;
	CHECK(setpgid(a, 0) == 0 && getpgid(a) == a,
	      "setpgid(child, 0) puts the child in a group of its own");
	CHECK(setpgid(a, s) == 0 && getpgid(a) == s,
	      "setpgid(child, own group) brings it back");
	CHECK(setpgid(a, getppid()) == -1 && errno == EPERM,
	      "setpgid(child, the old session's process): %s",
	      errno_name(errno));
	CHECK(setpgid(a, old_pgid) == -1 && errno == EPERM,
	      "setpgid(child, a group of the old session): %s",
	      errno_name(errno));
	CHECK(setpgid(b, b) == -1 && errno == ESRCH,
	      "setpgid of a grandchild: %s", errno_name(errno));
	CHECK(getpgid(b) == s && getsid(b) == s,
	      "getpgid and getsid name a grandchild's group and session");
	set_step(2);
	ended_well("the child that moved itself", reaped(a));
}

/* wait4 with pid 0 and -pgid. */
static void wait_by_group(pid_t s)
{
	pid_t c1, c2, pp, r;
	int status = 0;

	c1 = fork();
	if (c1 == 0) {
		setpgid(0, 0);
		_exit(1);
	}
	/* Both sides set it, so it is set before either goes on. */
	CHECK(setpgid(c1, c1) == 0, "setpgid(c1, c1) in the parent");
	c2 = fork();
	if (c2 == 0)
		_exit(2);
	CHECK(waitpid(0, &status, 0) == c2 && WEXITSTATUS(status) == 2,
	      "waitpid(0) takes the child in the caller's group");
	CHECK(waitpid(0, &status, WNOHANG) == -1 && errno == ECHILD,
	      "then waitpid(0) finds none there: %s", errno_name(errno));
	CHECK(waitpid(-s, &status, WNOHANG) == -1 && errno == ECHILD,
	      "nor waitpid(-own group): %s", errno_name(errno));
	/* -1 is "any child", not a group: where the kernel started this
	 * program as pid 1 (as Linux starts init), the parent's pid names
	 * no group to ask about, and the answer is the one wanted. */
	pp = getppid();
	r = pp == 1 ? (errno = ECHILD, -1) : waitpid(-pp, &status, WNOHANG);
	CHECK(r == -1 && errno == ECHILD, "nor waitpid(-parent's pid): %s",
	      errno_name(errno));
	CHECK(waitpid(-c1, &status, 0) == c1 && WEXITSTATUS(status) == 1,
	      "waitpid(-pgid) takes the child in that group");
}

/* A child in a session of its own is out of reach: steps 1-2. */
static void other_session(void)
{
	pid_t c;

	set_step(0);
	c = fork();
	if (c == 0) {
		setsid();
		set_step(1);
		_exit(wait_step(2) ? 0 : 1);
	}
	CHECK(wait_step(1), "the child called setsid");
	CHECK(setpgid(c, getpgrp()) == -1 && errno == EPERM,
	      "setpgid of a child in another session: %s", errno_name(errno));
	CHECK(getsid(c) == c && getsid(c) != getsid(0),
	      "getsid names the child's own session");
	set_step(2);
	ended_well("the child in another session", reaped(c));
}

/* A child that runs this program again: setpgid refuses it once execve
 * has run (until then it succeeds: a move into the group it is in). The
 * parent prints nothing until the child has ended, so that their lines
 * keep their order. */
static void after_execve(void)
{
	struct timespec start, now;
	char *argv[] = { "m-ids", "exec", NULL };
	mode_t old = umask(027);
	const char *ended;
	pid_t c;
	int r, err;

	c = fork();
	if (c == 0) {
		CHECK(umask(027) == 027,
		      "a forked child has its parent's umask");
		set_robust_list(&head, sizeof(head));
		execve("m-ids", argv, environ);
		printf("execve: %s\n", errno_name(errno));
		_exit(127);
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		r = setpgid(c, getpgrp());
		err = errno;
		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (r == 0 && now.tv_sec - start.tv_sec <= 10);
	ended = reaped(c);
	CHECK(r == -1 && err == EACCES, "setpgid of a child after execve: %s",
	      r ? errno_name(err) : "still 0");
	ended_well("the child that called execve", ended);
	umask(old);
}

/* The forked child: a new session, and what can be done in it. */
static int session_child(void)
{
	pid_t me = getpid(), parent = getppid();
	pid_t old_sid = getsid(0), old_pgid = getpgrp();

	check_failures = 0;
	CHECK(old_pgid != me && old_sid != me,
	      "a fresh child leads no group and no session");
	CHECK(setsid() == me, "setsid() returns the caller's pid");
	CHECK(getpgrp() == me && getsid(0) == me,
	      "then it leads a new group and a new session");
	CHECK(getsid(parent) == old_sid && getpgid(parent) == old_pgid,
	      "its parent keeps its group and session");
	CHECK(setsid() == -1 && errno == EPERM, "setsid() again: %s",
	      errno_name(errno));
	CHECK(setpgid(0, 0) == -1 && errno == EPERM,
	      "setpgid(0, 0) of a session leader: %s", errno_name(errno));
	CHECK(setpgid(0, old_pgid) == -1 && errno == EPERM,
	      "setpgid(0, old group) of a session leader: %s",
	      errno_name(errno));
	CHECK(setpgid(parent, 0) == -1 && errno == ESRCH,
	      "setpgid of the parent: %s", errno_name(errno));
	group_moves(me, old_pgid);
	wait_by_group(me);
	other_session();
	after_execve();
	return check_failures;
}

/* "m-ids exec": the child of after_execve, after execve. */
static int exec_child(void)
{
	void *got = &got;
	size_t len = 0;

	CHECK(umask(022) == 027, "after execve: the umask is kept");
	CHECK(getpgrp() == getpgid(getppid()) && getsid(0) == getsid(getppid()),
	      "after execve: the parent's group and session still");
	CHECK(get_robust_list(0, &got, &len) == 0 && got == NULL,
	      "after execve: no robust list");
	return check_finish("m-ids exec");
}

/* prctl: a thread's name (15 bytes kept) and the dumpable flag. */
static void prctl_calls(void)
{
	char name[32] = "";

	CHECK(prctl(PR_SET_NAME, "a-name-longer-than-fifteen", 0, 0, 0) == 0,
	      "PR_SET_NAME");
	CHECK(prctl(PR_GET_NAME, name, 0, 0, 0) == 0 &&
		      !strcmp(name, "a-name-longer-t"),
	      "PR_GET_NAME: \"%s\" (15 bytes kept)", name);
	prctl(PR_SET_NAME, "m-ids", 0, 0, 0);
	CHECK(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 1, "dumpable at the start");
	CHECK(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 &&
		      prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0,
	      "PR_SET_DUMPABLE 0");
	CHECK(prctl(PR_SET_DUMPABLE, 2, 0, 0, 0) == -1 && errno == EINVAL,
	      "PR_SET_DUMPABLE 2: %s", errno_name(errno));
	prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
	{
		uid_t r = 9, e = 9, s = 9;
		gid_t gr = 9, ge = 9, gs = 9;

		CHECK(getresuid(&r, &e, &s) == 0 && !r && !e && !s,
		      "getresuid: %u %u %u", r, e, s);
		CHECK(getresgid(&gr, &ge, &gs) == 0 && !gr && !ge && !gs,
		      "getresgid: %u %u %u", gr, ge, gs);
		CHECK(getresuid((uid_t *)0xffffffff81000000ul, &e, &s) == -1 &&
			      errno == EFAULT,
		      "getresuid into the kernel: %s", errno_name(errno));
	}
	CHECK(prctl(PR_GET_NAME, (char *)0xffffffff81000000ul, 0, 0, 0) == -1 &&
		      errno == EFAULT,
	      "PR_GET_NAME into the kernel: %s", errno_name(errno));
	CHECK(prctl(PR_SET_NAME, (char *)0xffffffff81000000ul, 0, 0, 0) == -1 &&
		      errno == EFAULT,
	      "PR_SET_NAME from the kernel: %s", errno_name(errno));
	CHECK(prctl(0x7fffffff, 0, 0, 0, 0) == -1 && errno == EINVAL,
	      "an unknown option: %s", errno_name(errno));
}

int main(int argc, char **argv)
{
	pid_t pid;

	check_start();
	if (argc > 1 && strcmp(argv[1], "exec") == 0)
		return exec_child();
	prctl_calls();
	turns = mmap(NULL, sizeof(*turns), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (turns == MAP_FAILED) {
		printf("mmap: %s\n", errno_name(errno));
		return 1;
	}
	ids_at_start();
	umask_calls();
	robust_lists();
	pid = fork();
	if (pid == 0)
		exit(session_child());
	ended_well("the child in a new session", reaped(pid));
	return check_finish("m-ids");
}
