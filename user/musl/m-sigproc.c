// SPDX-License-Identifier: MIT
/*
 * m-sigproc: signals between processes, as Linux has them: a child
 * woken from pause(), kill of a process group (pid 0 and -pgid), SIGCHLD
 * and its si_code for each way a child changes, SIG_IGN and
 * SA_NOCLDWAIT reaping children, stopping and continuing a child
 * (WUNTRACED, WCONTINUED, SA_NOCLDSTOP), the default action of every
 * signal, ITIMER_REAL and alarm, which calls a handler interrupts with
 * EINTR and which SA_RESTART restarts, what execve and fork keep, and
 * storms of signals.
 *
 * Being deterministic on Linux too. A signal sent to another process
 * arrives whenever that process next runs, so nothing here depends on
 * when: a process waits until its handler has counted the signal, or
 * blocks it and takes it with sigtimedwait (one sent earlier is found
 * pending); a child that must be asleep in pause() is sent the signal
 * again until it has ended. A timer is used only where the order of
 * events follows from it: the SIGALRM handler itself tells the child
 * to write, so a read can only be interrupted before the data comes.
 * Every wait gives up after PATIENCE_MS (and kills what it waited
 * for), so that a kernel that lacks something fails checks here
 * instead of hanging the boot and every program after this one.
 * Standard signals sent many times merge into one pending signal, so
 * a storm of them unblocked only shows that at least one came; the
 * exact counts are for a storm sent while blocked (one) and for
 * real-time signals, which queue (all 100).
 *
 * SIGTSTP, SIGTTIN and SIGTTOU are left out: their default action (stop)
 * is not taken in an orphaned process group, and whether the runner's
 * group is orphaned depends on how it was started. kill(-1, sig) with a
 * real signal is left out too: on Linux it would reach every process the
 * runner may signal.
 *
 * Children are started by fork, and one by execve of this program as
 * "m-sigproc --exec-child" (a bare name, which works on both, as in
 * m-spawn). Children that die of a signal make themselves unable to
 * leave a core (see m-sigfault), so that their wait status is exactly
 * the signal's number.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define MS 1000000L
#define KERNEL_SIGSET 8
#define MAX_EVENTS 128
#define RT_STORM 100
#define STORM 10000

extern char **environ;

/* ------------------------------------------------------------ names */

static const char *sig_name(int sig)
{
	static const char *const names[] = {
		"0",	   "SIGHUP",	"SIGINT",  "SIGQUIT",  "SIGILL",
		"SIGTRAP", "SIGABRT",	"SIGBUS",  "SIGFPE",   "SIGKILL",
		"SIGUSR1", "SIGSEGV",	"SIGUSR2", "SIGPIPE",  "SIGALRM",
		"SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",  "SIGSTOP",
		"SIGTSTP", "SIGTTIN",	"SIGTTOU", "SIGURG",   "SIGXCPU",
		"SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",
		"SIGPWR",  "SIGSYS",
	};
	static char other[2][32];
	static int turn;
	char *buf = other[turn++ & 1];

	if (sig >= 0 && sig < 32)
		return names[sig];
	if (sig == SIGRTMIN)
		return "SIGRTMIN";
	if (sig == SIGRTMAX)
		return "SIGRTMAX";
	if (sig > SIGRTMIN && sig < SIGRTMAX)
		snprintf(buf, sizeof(other[0]), "SIGRTMIN+%d", sig - SIGRTMIN);
	else
		snprintf(buf, sizeof(other[0]), "signal %d", sig);
	return buf;
}

static const char *cld_name(int code)
{
	static const struct check_name names[] = {
		CHECK_NAME(CLD_EXITED),	 CHECK_NAME(CLD_KILLED),
		CHECK_NAME(CLD_DUMPED),	 CHECK_NAME(CLD_TRAPPED),
		CHECK_NAME(CLD_STOPPED), CHECK_NAME(CLD_CONTINUED),
		CHECK_NAME(SI_USER),	 CHECK_NAME(SI_KERNEL),
		CHECK_NAME(SI_TKILL),	 CHECK_NAME(SI_TIMER),
	};

	return check_lookup(names, sizeof(names) / sizeof(names[0]), code,
			    "si_code");
}

/* "exit status N", "killed by SIGX", "stopped by SIGX", "continued". */
static const char *ended(int status)
{
	static char buf[64];

	if (status == -1)
		return "waitpid failed";
	if (WIFEXITED(status))
		snprintf(buf, sizeof(buf), "exit status %d",
			 WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, sizeof(buf), "killed by %s%s",
			 sig_name(WTERMSIG(status)),
			 WCOREDUMP(status) ? ", core dumped" : "");
	else if (WIFSTOPPED(status))
		snprintf(buf, sizeof(buf), "stopped by %s",
			 sig_name(WSTOPSIG(status)));
	else if (WIFCONTINUED(status))
		snprintf(buf, sizeof(buf), "continued");
	else
		snprintf(buf, sizeof(buf), "wait status %#x", status);
	return buf;
}

/* --------------------------------------------------------- helpers */

static uint64_t bit(int sig)
{
	return 1ull << (sig - 1);
}

static uint64_t raw_mask(void)
{
	uint64_t old = 0;

	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &old, KERNEL_SIGSET);
	return old;
}

static void set_raw_mask(uint64_t mask)
{
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, NULL, KERNEL_SIGSET);
}

static void block(int sig)
{
	set_raw_mask(raw_mask() | bit(sig));
}

static void unblock(int sig)
{
	set_raw_mask(raw_mask() & ~bit(sig));
}

static uint64_t raw_pending(void)
{
	uint64_t set = 0;

	syscall(SYS_rt_sigpending, &set, KERNEL_SIGSET);
	return set;
}

typedef void (*action_fn)(int, siginfo_t *, void *);

static void handle(int sig, action_fn fn, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

static void nap_ms(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * MS };

	while (nanosleep(&t, &t) == -1 && errno == EINTR)
		;
}

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/*
 * Waits are bounded: what has not come in PATIENCE_MS is a failed check,
 * so that a kernel without, say, stop signals fails here instead of
 * hanging the boot that runs every program after this one.
 */
#define PATIENCE_MS 5000

/* Wait for @pid to change as @flags asks (0: to end), looking every
 * millisecond: its status, -1 if nothing came. */
static int wait_for(pid_t pid, int flags)
{
	long long end = now_ns() + PATIENCE_MS * MS;
	int status = -1;
	pid_t r;

	if (pid <= 0)
		return -1;
	do {
		r = waitpid(pid, &status, flags | WNOHANG);
		if (r == 0)
			nap_ms(1);
	} while ((r == 0 || (r == -1 && errno == EINTR)) && now_ns() < end);
	return r == pid ? status : -1;
}

/* Wait for @pid to end; one that has not ended in PATIENCE_MS is killed
 * (with the group it leads, if it leads one). */
static int reaped(pid_t pid)
{
	int status = wait_for(pid, 0);

	if (status == -1 && pid > 0 && kill(pid, 0) == 0) {
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
	}
	return status;
}

/* Until *@n reaches @want, or PATIENCE_MS: whether it did. */
static int await_count(volatile int *n, int want)
{
	long long end = now_ns() + PATIENCE_MS * MS;

	while (*n < want && now_ns() < end)
		nap_ms(1);
	return *n >= want;
}

/* One byte from @fd, which is non-blocking, within PATIENCE_MS: it, or
 * -1. */
static int byte_within(int fd)
{
	long long end = now_ns() + PATIENCE_MS * MS;
	char c;

	do {
		if (read(fd, &c, 1) == 1)
			return (unsigned char)c;
		nap_ms(1);
	} while (now_ns() < end);
	return -1;
}

/* One siginfo of @sig, which must be blocked: within 5 s, or signo 0. */
static siginfo_t wait_info(int sig, long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * MS };
	siginfo_t si;
	sigset_t set;

	memset(&si, 0, sizeof(si));
	sigemptyset(&set);
	sigaddset(&set, sig);
	if (sigtimedwait(&set, &si, &t) != sig)
		memset(&si, 0, sizeof(si));
	return si;
}

/* A SIGCHLD's si_code and si_status, or "none" if none came. */
static const char *chld_desc(const siginfo_t *si)
{
	static char buf[64];

	if (si->si_signo == 0)
		return "none";
	if (si->si_code == CLD_EXITED)
		snprintf(buf, sizeof(buf), "CLD_EXITED, si_status %d",
			 si->si_status);
	else
		snprintf(buf, sizeof(buf), "%s, si_status %s",
			 cld_name(si->si_code), sig_name(si->si_status));
	return buf;
}

/* Take and forget any pending @sig. */
static void drain(int sig)
{
	while (wait_info(sig, 0).si_signo == sig)
		;
}

/* What a child that will die of a signal does first (see m-sigfault). */
static void no_core(void)
{
	struct rlimit r = { 0, 0 };

	setrlimit(RLIMIT_CORE, &r);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

static void disarm(void)
{
	struct itimerval off;

	memset(&off, 0, sizeof(off));
	setitimer(ITIMER_REAL, &off, NULL);
}

/* Every catchable signal to SIG_DFL, none blocked, no timer. */
static void reset_signals(void)
{
	for (int sig = 1; sig <= 64; sig++)
		if (sig != SIGKILL && sig != SIGSTOP && (sig < 32 || sig > 34))
			signal(sig, SIG_DFL);
	set_raw_mask(0);
	disarm();
}

/* A handler's record: how often, and the last siginfo. */
static volatile int calls;
static siginfo_t last;
static siginfo_t events[MAX_EVENTS];
static volatile int n_events;
static int go_fd = -1; /* the SIGALRM handler writes a byte here */

static void count(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	calls++;
	last = *si;
	if (n_events < MAX_EVENTS)
		events[n_events++] = *si;
	if (go_fd >= 0)
		write(go_fd, "g", 1);
}

static void reset_counts(void)
{
	calls = 0;
	n_events = 0;
	memset(&last, 0, sizeof(last));
}

/* ---------------------------------------------- SIGTERM and pause */

static volatile int term_flag;

static void on_term(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	term_flag =
	    sig == SIGTERM && si->si_code == SI_USER && si->si_pid == getppid();
}

static void term_in_pause(void)
{
	int ready[2], status = -1;
	char c;
	pid_t pid;

	pipe(ready);
	pid = fork();
	if (pid == 0) {
		int r;

		handle(SIGTERM, on_term, 0);
		write(ready[1], "r", 1);
		r = pause();
		_exit(term_flag && r == -1 && errno == EINTR ? 7 : 1);
	}
	read(ready[0], &c, 1);
	/* Until it has ended: the first SIGTERM (20 ms after the child
	 * said it was ready) may still come before pause(). */
	for (int i = 1; i <= 500 && status == -1; i++) {
		nap_ms(10);
		if (i % 10 == 2)
			kill(pid, SIGTERM);
		if (waitpid(pid, &status, WNOHANG) != pid)
			status = -1;
	}
	if (status == -1) {
		kill(pid, SIGKILL);
		status = reaped(pid);
	}
	close(ready[0]);
	close(ready[1]);
	printf("a child in pause() sent SIGTERM: %s\n", ended(status));
	CHECK(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "its handler ran (SI_USER from its parent), pause returned -1 "
	      "EINTR");
}

/* -------------------------------------------------- process groups */

static volatile int got_usr;
static siginfo_t usr_info;

static void on_usr(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_usr++;
	usr_info = *si;
}

/* A member of the group, with on_usr set for @sig: says it is ready
 * and waits for @sig. 0 if it came once, from @from. */
static int member(int sig, int ready_fd, pid_t from)
{
	unblock(sig);
	write(ready_fd, "r", 1);
	await_count(&got_usr, 1);
	return got_usr == 1 && usr_info.si_code == SI_USER &&
		       usr_info.si_pid == from
		   ? 0
		   : 1;
}

/* The leader of a new group, with two children in it: kill(0, SIGUSR1)
 * reaches all three. It prints its own lines; exit 0 if all were ok. */
static int leader_kill_0(void)
{
	int ready[2], st[2];
	pid_t kids[2], me = getpid();
	char c;

	check_failures = 0;
	CHECK(setpgid(0, 0) == 0, "the leader: setpgid(0, 0)");
	handle(SIGUSR1, on_usr, 0);
	block(SIGUSR1);
	pipe(ready);
	for (int i = 0; i < 2; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			_exit(member(SIGUSR1, ready[1], me));
	}
	close(ready[1]); /* a child that dies unready: end of file */
	read(ready[0], &c, 1);
	read(ready[0], &c, 1);
	close(ready[0]);
	CHECK(kill(0, SIGUSR1) == 0, "the leader: kill(0, SIGUSR1) returns 0");
	CHECK(raw_pending() == bit(SIGUSR1),
	      "the leader: it reached the leader too (blocked: pending)");
	st[0] = reaped(kids[0]);
	printf("the leader: its first child: %s\n", ended(st[0]));
	st[1] = reaped(kids[1]);
	printf("the leader: its second child: %s\n", ended(st[1]));
	CHECK(st[0] == 0 && st[1] == 0,
	      "the leader: both children got it once, SI_USER from the leader");
	return check_failures != 0;
}

static void groups(void)
{
	int ready[2], status, st[2];
	pid_t leader, kids[2], top = getpid();
	char c;

	/* kill(0, sig), inside the group. */
	leader = fork();
	if (leader == 0)
		_exit(leader_kill_0());
	status = reaped(leader);
	CHECK(status == 0, "the leader of the first group: %s", ended(status));

	/* kill(-pgid, sig), from outside it. */
	pipe(ready);
	handle(SIGUSR2, on_usr, 0);
	block(SIGUSR2); /* in the children; ours is untouched by -pgid */
	leader = fork();
	if (leader == 0) {
		int r[2];

		setpgid(0, 0);
		for (int i = 0; i < 2; i++) {
			kids[i] = fork();
			if (kids[i] == 0)
				_exit(member(SIGUSR2, ready[1], top));
		}
		r[0] = member(SIGUSR2, ready[1], top);
		st[0] = reaped(kids[0]);
		st[1] = reaped(kids[1]);
		r[1] = st[0] == 0 && st[1] == 0;
		_exit(r[0] == 0 && r[1] ? 0 : 1);
	}
	setpgid(leader, leader); /* the same, from here: no race with it */
	close(ready[1]);
	for (int i = 0; i < 3; i++)
		read(ready[0], &c, 1);
	CHECK(kill(-leader, 0) == 0, "kill(-pgid, 0) of the new group: 0");
	CHECK(kill(-1, 0) == 0, "kill(-1, 0) while our children live: 0");
	CHECK(kill(-leader, SIGUSR2) == 0, "kill(-pgid, SIGUSR2): 0");
	status = reaped(leader);
	CHECK(status == 0,
	      "the leader and its two children each got it once, SI_USER "
	      "from us (the leader: %s)",
	      ended(status));
	CHECK(raw_pending() == 0, "it did not reach us, outside the group");
	CHECK(kill(-leader, 0) == -1 && errno == ESRCH,
	      "kill(-pgid, 0) once the group is gone: %s", errno_name(errno));
	unblock(SIGUSR2);
	signal(SIGUSR2, SIG_DFL);
	close(ready[0]);
}

/* --------------------------------------------------------- SIGCHLD */

/* A child that waits for its parent to close @fd (or to kill it). */
static pid_t waiting_child(int *fd_out)
{
	int p[2];
	pid_t pid;
	char c;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		no_core();
		while (read(p[0], &c, 1) == -1 && errno == EINTR)
			;
		_exit(0);
	}
	close(p[0]);
	*fd_out = p[1];
	return pid;
}

static void sigchld(void)
{
	struct timespec t = { 0, 50 * MS };
	pid_t pid;
	int status, fd, r;

	/* SIG_DFL: SIGCHLD is ignored, the zombie waits for waitpid. */
	pid = fork();
	if (pid == 0)
		_exit(5);
	r = nanosleep(&t, NULL);
	CHECK(r == 0, "SIGCHLD with SIG_DFL: a nanosleep of 50 ms while a "
		      "child exits is not interrupted");
	CHECK(kill(pid, 0) == 0, "kill(zombie, 0): 0 (it exists until reaped)");
	status = reaped(pid);
	CHECK(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 5,
	      "waitpid then reaps it: %s", ended(status));
	CHECK(kill(pid, 0) == -1 && errno == ESRCH, "kill(reaped pid, 0): %s",
	      errno_name(errno));

	/* A handler: CLD_EXITED. */
	handle(SIGCHLD, count, 0);
	reset_counts();
	pid = fork();
	if (pid == 0)
		_exit(5);
	await_count(&calls, 1);
	printf("a child exits 5: SIGCHLD %s, si_status %d\n",
	       cld_name(last.si_code), last.si_status);
	CHECK(calls == 1 && last.si_signo == SIGCHLD &&
		  last.si_code == CLD_EXITED && last.si_status == 5 &&
		  last.si_pid == pid && last.si_uid == getuid(),
	      "the handler: CLD_EXITED, si_status 5, si_pid the child's");
	status = reaped(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5,
	      "the child can still be reaped after its SIGCHLD: %s",
	      ended(status));

	/* CLD_KILLED, for SIGKILL and for a fault (no core: not DUMPED). */
	reset_counts();
	pid = waiting_child(&fd);
	kill(pid, SIGKILL);
	await_count(&calls, 1);
	printf("a child killed by SIGKILL: SIGCHLD %s, si_status %s\n",
	       cld_name(last.si_code), sig_name(last.si_status));
	CHECK(calls == 1 && last.si_code == CLD_KILLED &&
		  last.si_status == SIGKILL && last.si_pid == pid,
	      "CLD_KILLED, si_status SIGKILL");
	status = reaped(pid);
	CHECK(status == SIGKILL, "the child: %s", ended(status));
	close(fd);

	reset_counts();
	pid = fork();
	if (pid == 0) {
		no_core();
		*(volatile char *)0 = 1;
		_exit(0);
	}
	await_count(&calls, 1);
	printf("a child killed by a fault, no core: SIGCHLD %s, si_status "
	       "%s\n",
	       cld_name(last.si_code), sig_name(last.si_status));
	CHECK(calls == 1 && last.si_code == CLD_KILLED &&
		  last.si_status == SIGSEGV,
	      "CLD_KILLED (not CLD_DUMPED), si_status SIGSEGV");
	status = reaped(pid);
	CHECK(status == SIGSEGV, "the child: %s", ended(status));

	/* SA_NOCLDWAIT: the handler runs, but there is nothing to wait for. */
	handle(SIGCHLD, count, SA_NOCLDWAIT);
	reset_counts();
	pid = fork();
	if (pid == 0)
		_exit(6);
	await_count(&calls, 1);
	CHECK(calls == 1 && last.si_code == CLD_EXITED && last.si_status == 6,
	      "SA_NOCLDWAIT: the handler still runs, CLD_EXITED 6");
	CHECK(waitpid(pid, &status, 0) == -1 && errno == ECHILD,
	      "SA_NOCLDWAIT: waitpid of that child: %s", errno_name(errno));

	/* SIG_IGN: children reap themselves, waitpid waits and says ECHILD. */
	signal(SIGCHLD, SIG_IGN);
	pid = fork();
	if (pid == 0) {
		nap_ms(50);
		_exit(0);
	}
	CHECK(waitpid(pid, &status, 0) == -1 && errno == ECHILD,
	      "SIGCHLD ignored: waitpid of a child that exits 50 ms later: %s",
	      errno_name(errno));
	CHECK(kill(pid, 0) == -1 && errno == ESRCH,
	      "and it is gone: kill(pid, 0): %s", errno_name(errno));
	signal(SIGCHLD, SIG_DFL);
}

/* -------------------------------------------------- stop, continue */

/* A child that sleeps in pause() for ever, with a SIGUSR1 handler that
 * writes a byte to the pipe @p; it writes one first when the handler is
 * set, and this waits for that byte. */
static int usr1_fd = -1;

static void on_usr1_write(int sig)
{
	(void)sig;
	write(usr1_fd, "u", 1);
}

static pid_t sleeper(const int p[2])
{
	pid_t pid = fork();

	if (pid == 0) {
		usr1_fd = p[1];
		signal(SIGUSR1, on_usr1_write);
		no_core();
		write(p[1], "r", 1);
		for (;;)
			pause();
	}
	if (pid > 0)
		byte_within(p[0]);
	return pid;
}

static void stop_continue(void)
{
	int p[2], status;
	siginfo_t si;
	pid_t pid;
	char c;

	pipe2(p, O_NONBLOCK);
	block(SIGCHLD); /* SIG_DFL, but blocked: it stays pending */
	pid = sleeper(p);

	kill(pid, SIGSTOP);
	status = wait_for(pid, WUNTRACED);
	printf("SIGSTOP: waitpid WUNTRACED says %s (status %#x)\n",
	       ended(status), status);
	CHECK(status == 0x137f, "WIFSTOPPED, WSTOPSIG SIGSTOP");
	si = wait_info(SIGCHLD, 5000);
	printf("  SIGCHLD: %s\n", chld_desc(&si));
	CHECK(si.si_code == CLD_STOPPED && si.si_status == SIGSTOP &&
		  si.si_pid == pid,
	      "SIGCHLD comes for a stop by default: CLD_STOPPED, SIGSTOP");
	CHECK(waitpid(pid, &status, WUNTRACED | WNOHANG) == 0,
	      "a second waitpid WUNTRACED: the stop was reported once");
	CHECK(waitpid(pid, &status, WNOHANG) == 0,
	      "waitpid without WUNTRACED does not report a stop");

	kill(pid, SIGUSR1);
	nap_ms(30);
	CHECK(read(p[0], &c, 1) == -1 && errno == EAGAIN,
	      "SIGUSR1 to the stopped child: its handler has not run 30 ms "
	      "later");

	kill(pid, SIGCONT);
	status = wait_for(pid, WCONTINUED);
	printf("SIGCONT: waitpid WCONTINUED says %s (status %#x)\n",
	       ended(status), status);
	CHECK(status == 0xffff, "WIFCONTINUED");
	si = wait_info(SIGCHLD, 5000);
	printf("  SIGCHLD: %s\n", chld_desc(&si));
	CHECK(si.si_code == CLD_CONTINUED && si.si_status == SIGCONT &&
		  si.si_pid == pid,
	      "CLD_CONTINUED, si_status SIGCONT");
	CHECK(byte_within(p[0]) == 'u',
	      "continued, the child runs its SIGUSR1 handler");

	/* A fatal signal waits for SIGCONT like any other (only SIGKILL
	 * does not). The child then reports CLD_CONTINUED and dies: the
	 * CLD_KILLED finds a SIGCHLD pending here already, and is lost. */
	kill(pid, SIGSTOP);
	status = wait_for(pid, WUNTRACED);
	si = wait_info(SIGCHLD, 5000);
	CHECK(status == 0x137f && si.si_code == CLD_STOPPED, "stopped again");
	kill(pid, SIGTERM);
	nap_ms(30);
	CHECK(waitpid(pid, &status, WNOHANG) == 0,
	      "SIGTERM to the stopped child: 30 ms later it is still there");
	kill(pid, SIGCONT);
	status = reaped(pid);
	printf("then SIGCONT: %s\n", ended(status));
	CHECK(status == SIGTERM, "continued, it dies of the pending SIGTERM");
	si = wait_info(SIGCHLD, 5000);
	printf("  SIGCHLD: %s\n", chld_desc(&si));
	CHECK(si.si_code == CLD_CONTINUED &&
		  wait_info(SIGCHLD, 0).si_signo == 0,
	      "one SIGCHLD, CLD_CONTINUED: the CLD_KILLED merged into it");

	/* SA_NOCLDSTOP: no SIGCHLD for stop or continue. */
	handle(SIGCHLD, count, SA_NOCLDSTOP);
	pid = sleeper(p);
	kill(pid, SIGSTOP);
	status = wait_for(pid, WUNTRACED);
	CHECK(status == 0x137f, "SA_NOCLDSTOP: the child stops");
	si = wait_info(SIGCHLD, 30);
	CHECK(si.si_signo == 0, "no SIGCHLD for the stop (in 30 ms)");
	kill(pid, SIGCONT);
	status = wait_for(pid, WCONTINUED);
	si = wait_info(SIGCHLD, 30);
	CHECK(status == 0xffff && si.si_signo == 0,
	      "continued: no SIGCHLD for that either");
	kill(pid, SIGKILL);
	status = reaped(pid);
	si = wait_info(SIGCHLD, 5000);
	printf("  SIGCHLD: %s\n", chld_desc(&si));
	CHECK(status == SIGKILL && si.si_code == CLD_KILLED,
	      "SIGKILL: SIGCHLD CLD_KILLED all the same");

	/* SIGSTOP and SIGKILL reach a child that blocks everything. */
	pid = fork();
	if (pid == 0) {
		uint64_t all = ~0ull;

		syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, NULL,
			KERNEL_SIGSET);
		for (int sig = 1; sig <= 64; sig++)
			if (sig < 32 || sig > 34)
				signal(sig, SIG_IGN);
		for (;;)
			pause();
	}
	kill(pid, SIGSTOP);
	status = wait_for(pid, WUNTRACED);
	CHECK(status == 0x137f,
	      "a child that blocks and ignores all it can: SIGSTOP stops it");
	kill(pid, SIGKILL);
	status = reaped(pid);
	CHECK(status == SIGKILL, "and SIGKILL kills it, stopped: %s",
	      ended(status));

	drain(SIGCHLD);
	signal(SIGCHLD, SIG_DFL);
	unblock(SIGCHLD);
	close(p[0]);
	close(p[1]);
}

/* -------------------------------------------------- default actions */

enum { TERM, CORE, IGNORE };

static void default_actions(void)
{
	static const struct {
		int sig, action;
	} table[] = {
		{ SIGHUP, TERM },    { SIGINT, TERM },	  { SIGQUIT, CORE },
		{ SIGILL, CORE },    { SIGTRAP, CORE },	  { SIGABRT, CORE },
		{ SIGBUS, CORE },    { SIGFPE, CORE },	  { SIGKILL, TERM },
		{ SIGUSR1, TERM },   { SIGSEGV, CORE },	  { SIGUSR2, TERM },
		{ SIGPIPE, TERM },   { SIGALRM, TERM },	  { SIGTERM, TERM },
		{ SIGSTKFLT, TERM }, { SIGCHLD, IGNORE }, { SIGCONT, IGNORE },
		{ SIGURG, IGNORE },  { SIGXCPU, CORE },	  { SIGXFSZ, CORE },
		{ SIGVTALRM, TERM }, { SIGPROF, TERM },	  { SIGWINCH, IGNORE },
		{ SIGIO, TERM },     { SIGPWR, TERM },	  { SIGSYS, CORE },
		{ 35, TERM },	     { 64, TERM },
	};
	int wrong = 0;

	printf("each signal raised with its default action, the child:\n");
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		int sig = table[i].sig, status;
		pid_t pid = fork();

		if (pid == 0) {
			no_core();
			raise(sig);
			_exit(0);
		}
		status = reaped(pid);
		printf("  %s: %s\n", sig_name(sig), ended(status));
		if (table[i].action == IGNORE)
			wrong += status != 0;
		else
			wrong += status != sig;
	}
	CHECK(!wrong, "terminate for the terminating and core-dumping ones "
		      "(no core bit), nothing for SIGCHLD, SIGCONT, SIGURG, "
		      "SIGWINCH");
}

/* ------------------------------------------------------------ timers */

/* A child that sends us SIGALRM after 2 s, in case the timer does not:
 * a pause() then ends all the same (and its check fails on the time). */
static pid_t watchdog(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		pid_t parent = getppid();

		nap_ms(2000);
		kill(parent, SIGALRM);
		_exit(0);
	}
	return pid;
}

static void call_off(pid_t dog)
{
	kill(dog, SIGKILL);
	reaped(dog);
}

static void timers(void)
{
	struct itimerval it, old;
	struct timespec second = { 1, 0 }, rem = { 0, 0 };
	long long start, rem_ns, took;
	int r, ticks = 0;
	pid_t dog;

	memset(&old, 0xff, sizeof(old));
	CHECK(getitimer(ITIMER_REAL, &old) == 0 && old.it_value.tv_sec == 0 &&
		  old.it_value.tv_usec == 0,
	      "ITIMER_REAL is not armed");

	/* 50 ms interrupts a nanosleep of 1 s. */
	handle(SIGALRM, count, 0);
	reset_counts();
	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = 50000;
	start = now_ns();
	setitimer(ITIMER_REAL, &it, NULL);
	getitimer(ITIMER_REAL, &old);
	CHECK(old.it_value.tv_sec == 0 && old.it_value.tv_usec > 0 &&
		  old.it_value.tv_usec <= 50000 && old.it_interval.tv_usec == 0,
	      "armed for 50 ms: getitimer says > 0 and <= 50 ms left");
	r = nanosleep(&second, &rem);
	took = now_ns() - start;
	rem_ns = rem.tv_sec * 1000000000LL + rem.tv_nsec;
	CHECK(r == -1 && errno == EINTR && calls == 1,
	      "nanosleep(1 s): the SIGALRM handler ran, -1 EINTR");
	printf("SIGALRM from the timer: si_code %s\n",
	       calls ? cld_name(last.si_code) : "(none came)");
	CHECK(last.si_signo == SIGALRM && last.si_code == SI_KERNEL,
	      "si_code SI_KERNEL");
	CHECK(took >= 50 * MS && took < 500 * MS,
	      "it was interrupted >= 50 ms and < 500 ms after the timer was "
	      "set");
	CHECK(rem_ns > 500 * MS && rem_ns < 1000 * MS,
	      "the remaining time is less than 1 s and more than 500 ms");
	getitimer(ITIMER_REAL, &old);
	CHECK(old.it_value.tv_sec == 0 && old.it_value.tv_usec == 0,
	      "then the timer is not armed");

	/* SA_RESTART does not restart nanosleep or pause. */
	handle(SIGALRM, count, SA_RESTART);
	reset_counts();
	setitimer(ITIMER_REAL, &it, NULL);
	r = nanosleep(&second, NULL);
	CHECK(r == -1 && errno == EINTR && calls == 1,
	      "with SA_RESTART, nanosleep is interrupted all the same: EINTR");
	reset_counts();
	dog = watchdog();
	start = now_ns();
	setitimer(ITIMER_REAL, &it, NULL);
	r = pause();
	took = now_ns() - start;
	call_off(dog);
	CHECK(r == -1 && errno == EINTR && calls == 1 && took < 1000 * MS,
	      "and so is pause: EINTR");

	/* rt_sigtimedwait for another signal: EINTR (musl's would retry). */
	{
		uint64_t usr1 = bit(SIGUSR1);

		block(SIGUSR1);
		reset_counts();
		setitimer(ITIMER_REAL, &it, NULL);
		r = (int)syscall(SYS_rt_sigtimedwait, &usr1, NULL, &second,
				 KERNEL_SIGSET);
		CHECK(r == -1 && errno == EINTR && calls == 1,
		      "rt_sigtimedwait for SIGUSR1, SIGALRM handled "
		      "(SA_RESTART): "
		      "%s",
		      r == -1 ? errno_name(errno) : "returned");
		unblock(SIGUSR1);
	}

	/* An interval: three SIGALRMs 20 ms apart, taken by sigtimedwait. */
	it.it_value.tv_usec = 20000;
	it.it_interval.tv_usec = 20000;
	block(SIGALRM);
	setitimer(ITIMER_REAL, &it, NULL);
	for (int i = 0; i < 3; i++)
		ticks += wait_info(SIGALRM, 1000).si_code == SI_KERNEL;
	disarm();
	drain(SIGALRM);
	unblock(SIGALRM);
	CHECK(ticks == 3, "it_interval 20 ms: three SIGALRMs come, one by one");

	/* setitimer gives back the old value; alarm shares the timer. */
	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = 10;
	setitimer(ITIMER_REAL, &it, NULL);
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, &old);
	CHECK(old.it_value.tv_sec == 9 ||
		  (old.it_value.tv_sec == 10 && old.it_value.tv_usec == 0),
	      "setitimer 10 s, then 0: the old value is just under 10 s");
	CHECK(alarm(10) == 0 && alarm(0) == 10,
	      "alarm(10) returns 0, alarm(0) then 10 (musl's, via setitimer)");
	CHECK(syscall(SYS_alarm, 10) == 0 && syscall(SYS_alarm, 20) == 10 &&
		  syscall(SYS_alarm, 0) == 20,
	      "the alarm system call: 0, then 10 left, then 20 left (rounded)");
	alarm(10);
	getitimer(ITIMER_REAL, &old);
	CHECK(old.it_value.tv_sec == 9 || old.it_value.tv_sec == 10,
	      "alarm(10): getitimer says about 10 s");
	disarm();
	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = 1000000;
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == -1 && errno == EINVAL,
	      "setitimer with tv_usec 1000000: %s", errno_name(errno));
	CHECK(syscall(SYS_setitimer, 3, &it, NULL) == -1 && errno == EINVAL,
	      "setitimer of timer 3: %s", errno_name(errno));
	signal(SIGALRM, SIG_DFL);
}

/* ------------------------------------------------------- SA_RESTART */

/* A child that writes "data" into @data_fd once it reads a byte from
 * @go (which the SIGALRM handler writes), then exits. */
static pid_t writer_on_go(int go, int data_fd)
{
	pid_t pid = fork();

	if (pid == 0) {
		fcntl(go, F_SETFL, O_NONBLOCK);
		byte_within(go); /* or write after PATIENCE_MS all the same */
		write(data_fd, "data", 4);
		_exit(0);
	}
	return pid;
}

static void one_restart(int flags, const char *what)
{
	struct itimerval it = { { 0, 0 }, { 0, 20000 } };
	int data[2], go[2], status;
	char buf[16];
	ssize_t n, m = 0;
	pid_t pid;

	pipe(data);
	pipe(go);
	go_fd = go[1];
	pid = writer_on_go(go[0], data[1]);
	handle(SIGALRM, count, flags);
	reset_counts();
	setitimer(ITIMER_REAL, &it, NULL);
	n = read(data[0], buf, sizeof(buf));
	if (n == -1 && errno == EINTR) {
		printf("%s: read returns -1 EINTR\n", what);
		m = read(data[0], buf, sizeof(buf));
	} else {
		printf("%s: read returns %zd\n", what, n);
	}
	go_fd = -1;
	status = reaped(pid);
	if (flags & SA_RESTART)
		CHECK(n == 4 && memcmp(buf, "data", 4) == 0 && calls == 1,
		      "%s: the handler ran, the read went on and got the data",
		      what);
	else
		CHECK(n == -1 && m == 4 && calls == 1,
		      "%s: the handler ran, EINTR; the next read gets the data",
		      what);
	CHECK(status == 0, "the writer: %s", ended(status));
	close(data[0]);
	close(data[1]);
	close(go[0]);
	close(go[1]);
}

/* The same for waitpid: the child exits once told by the handler. */
static void one_wait_restart(int flags, const char *what)
{
	struct itimerval it = { { 0, 0 }, { 0, 20000 } };
	int go[2], status = -1;
	pid_t pid, r;

	pipe(go);
	go_fd = go[1];
	pid = fork();
	if (pid == 0) {
		fcntl(go[0], F_SETFL, O_NONBLOCK);
		byte_within(go[0]);
		_exit(3);
	}
	handle(SIGALRM, count, flags);
	reset_counts();
	setitimer(ITIMER_REAL, &it, NULL);
	r = waitpid(pid, &status, 0);
	go_fd = -1;
	if (r == -1 && errno == EINTR) {
		printf("%s: waitpid returns -1 EINTR\n", what);
		CHECK(!(flags & SA_RESTART) && calls == 1,
		      "%s: the handler ran, EINTR", what);
		status = reaped(pid);
	} else {
		printf("%s: waitpid returns the child\n", what);
		CHECK((flags & SA_RESTART) && r == pid && calls == 1,
		      "%s: the handler ran, waitpid went on", what);
	}
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3, "the child: %s",
	      ended(status));
	close(go[0]);
	close(go[1]);
}

static void restarts(void)
{
	int p[2], status;
	pid_t pid;

	one_restart(SA_RESTART, "read of a pipe, SIGALRM with SA_RESTART");
	one_restart(0, "read of a pipe, SIGALRM without SA_RESTART");
	one_wait_restart(SA_RESTART, "waitpid, SIGALRM with SA_RESTART");
	one_wait_restart(0, "waitpid, SIGALRM without SA_RESTART");
	signal(SIGALRM, SIG_DFL);

	/* Stopped and continued in a read, with no handler: the read goes
	 * on as if nothing happened. */
	pipe(p);
	pid = fork();
	if (pid == 0) {
		char buf[8];
		ssize_t n = read(p[0], buf, sizeof(buf));

		_exit(n == 4 ? 0 : n == -1 && errno == EINTR ? 1 : 2);
	}
	nap_ms(20);
	kill(pid, SIGSTOP);
	wait_for(pid, WUNTRACED);
	kill(pid, SIGCONT);
	wait_for(pid, WCONTINUED);
	kill(pid, SIGWINCH); /* ignored by default: no EINTR either */
	nap_ms(20);
	write(p[1], "late", 4);
	status = reaped(pid);
	CHECK(status == 0,
	      "a read stopped, continued and sent SIGWINCH (no handlers) "
	      "goes on and gets the data: %s",
	      ended(status));
	close(p[0]);
	close(p[1]);
}

/* ------------------------------------------------- execve and fork */

static void on_usr1(int sig)
{
	(void)sig;
	calls++;
}

static void exec_keeps(void)
{
	char *argv[] = { "m-sigproc", "--exec-child", NULL };
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		struct sigaction sa;
		stack_t ss;
		static char alt[65536];

		signal(SIGUSR1, on_usr1);
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_IGN;
		sa.sa_flags = SA_RESTART;
		sigaddset(&sa.sa_mask, SIGINT);
		sigaction(SIGUSR2, &sa, NULL);
		set_raw_mask(bit(SIGTERM) | bit(SIGRTMIN));
		raise(SIGTERM);
		ss.ss_sp = alt;
		ss.ss_size = sizeof(alt);
		ss.ss_flags = 0;
		sigaltstack(&ss, NULL);
		alarm(100);
		execve("m-sigproc", argv, environ);
		printf("execve: %s\n", errno_name(errno));
		_exit(127);
	}
	status = reaped(pid);
	CHECK(status == 0, "the child that ran execve: %s", ended(status));
}

/* "m-sigproc --exec-child": what execve kept. */
static int exec_child(void)
{
	struct sigaction sa;
	stack_t ss;
	unsigned left;

	memset(&sa, 0, sizeof(sa));
	sigaction(SIGUSR1, NULL, &sa);
	CHECK(sa.sa_handler == SIG_DFL && sa.sa_flags == 0,
	      "after execve: the handled SIGUSR1 is SIG_DFL again");
	memset(&sa, 0, sizeof(sa));
	sigaction(SIGUSR2, NULL, &sa);
	CHECK(sa.sa_handler == SIG_IGN,
	      "after execve: the ignored SIGUSR2 is still SIG_IGN");
	printf("after execve: its flags %#x, sa_mask has SIGINT: %s\n",
	       (unsigned)sa.sa_flags,
	       sigismember(&sa.sa_mask, SIGINT) ? "yes" : "no");
	CHECK(sa.sa_flags == 0 && !sigismember(&sa.sa_mask, SIGINT),
	      "after execve: but its flags and sa_mask are cleared");
	CHECK(raw_mask() == (bit(SIGTERM) | bit(SIGRTMIN)),
	      "after execve: the mask is kept (SIGTERM, SIGRTMIN)");
	CHECK(raw_pending() == bit(SIGTERM),
	      "after execve: the pending SIGTERM is still pending");
	memset(&ss, 0, sizeof(ss));
	sigaltstack(NULL, &ss);
	CHECK(ss.ss_flags == SS_DISABLE && ss.ss_sp == NULL,
	      "after execve: no alternate stack");
	left = alarm(0);
	CHECK(left == 100 || left == 99,
	      "after execve: the alarm is still set, about 100 s left");
	drain(SIGTERM);
	return check_finish("m-sigproc --exec-child") != 0;
}

static void fork_keeps(void)
{
	static char alt[65536];
	struct itimerval it = { { 0, 0 }, { 10, 0 } };
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt), .ss_flags = 0 };
	int status;
	pid_t pid;

	signal(SIGUSR1, on_usr1);
	set_raw_mask(bit(SIGRTMIN));
	raise(SIGRTMIN);
	sigaltstack(&ss, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	pid = fork();
	if (pid == 0) {
		struct sigaction sa;
		struct itimerval now;
		stack_t cs;

		check_failures = 0;
		memset(&sa, 0, sizeof(sa));
		sigaction(SIGUSR1, NULL, &sa);
		CHECK(sa.sa_handler == on_usr1,
		      "after fork: the child has the SIGUSR1 handler");
		CHECK(raw_mask() == bit(SIGRTMIN),
		      "after fork: and the mask (SIGRTMIN)");
		CHECK(raw_pending() == 0,
		      "after fork: but not the pending SIGRTMIN");
		memset(&cs, 0, sizeof(cs));
		sigaltstack(NULL, &cs);
		CHECK(cs.ss_sp == alt && cs.ss_size == sizeof(alt) &&
			  cs.ss_flags == 0,
		      "after fork: the alternate stack is kept");
		memset(&now, 0xff, sizeof(now));
		CHECK(getitimer(ITIMER_REAL, &now) == 0 &&
			  now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0,
		      "after fork: the timer is not inherited");
		calls = 0;
		raise(SIGUSR1);
		CHECK(calls == 1, "after fork: the handler runs in the child");
		_exit(check_failures != 0);
	}
	status = reaped(pid);
	CHECK(status == 0, "the forked child: %s", ended(status));
	CHECK(raw_pending() == bit(SIGRTMIN),
	      "the parent still has SIGRTMIN pending");
	drain(SIGRTMIN);
	disarm();
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	set_raw_mask(0);
	signal(SIGUSR1, SIG_DFL);
}

/* ------------------------------------------------------------ storms */

static pid_t sender(int sig, int n)
{
	pid_t pid = fork();

	if (pid == 0) {
		pid_t parent = getppid();
		int failed = 0;

		for (int i = 0; i < n; i++)
			failed += kill(parent, sig) != 0;
		_exit(failed != 0);
	}
	return pid;
}

static void storms(void)
{
	int rt = SIGRTMIN + 3, status, bad = 0;
	pid_t pid;

	/* 100 real-time signals, blocked: all queue. */
	handle(rt, count, 0);
	reset_counts();
	block(rt);
	pid = sender(rt, RT_STORM);
	status = reaped(pid);
	CHECK(status == 0 && raw_pending() == bit(rt),
	      "a child sends SIGRTMIN+3 %d times while it is blocked: pending",
	      RT_STORM);
	unblock(rt);
	printf("unblocked: the handler ran %d times\n", calls);
	for (int i = 0; i < n_events; i++)
		bad += events[i].si_code != SI_USER || events[i].si_pid != pid;
	CHECK(calls == RT_STORM && !bad,
	      "all %d queued and delivered, each SI_USER from the child",
	      RT_STORM);
	signal(rt, SIG_DFL);

	/* 10000 SIGUSR1, blocked: one. */
	handle(SIGUSR1, count, SA_RESTART);
	reset_counts();
	block(SIGUSR1);
	pid = sender(SIGUSR1, STORM);
	status = reaped(pid);
	unblock(SIGUSR1);
	CHECK(status == 0 && calls == 1,
	      "%d SIGUSR1 sent while blocked: delivered once", STORM);

	/* 10000 SIGUSR1, not blocked: some of them, and we live. */
	reset_counts();
	pid = sender(SIGUSR1, STORM);
	status = reaped(pid);
	CHECK(status == 0 && calls >= 1 && calls <= STORM,
	      "%d SIGUSR1 sent to us running: at least one delivered, at "
	      "most %d, and we survive",
	      STORM, STORM);
	signal(SIGUSR1, SIG_DFL);
}

/* --------------------------------------- sigtimedwait across processes */

static void wait_for_other(void)
{
	siginfo_t si;
	pid_t pid;
	int status;

	block(SIGUSR2);
	pid = fork();
	if (pid == 0) {
		nap_ms(50);
		kill(getppid(), SIGUSR2);
		_exit(0);
	}
	si = wait_info(SIGUSR2, 5000);
	CHECK(si.si_signo == SIGUSR2 && si.si_code == SI_USER &&
		  si.si_pid == pid,
	      "sigtimedwait wakes for SIGUSR2 from a child 50 ms later, "
	      "SI_USER, si_pid the child's");
	status = reaped(pid);
	CHECK(status == 0, "that child: %s", ended(status));
	unblock(SIGUSR2);
}

int main(int argc, char **argv)
{
	check_start();
	if (argc > 1 && strcmp(argv[1], "--exec-child") == 0)
		return exec_child();
	reset_signals();
	term_in_pause();
	groups();
	sigchld();
	stop_continue();
	default_actions();
	timers();
	restarts();
	exec_keeps();
	fork_keeps();
	storms();
	wait_for_other();
	return check_finish("m-sigproc");
}
