// SPDX-License-Identifier: MIT
/*
 * m-poll: poll, ppoll, select and pselect6 on pipes, as Linux has them:
 * timeouts (0, 50 ms, for ever), what a pipe end reports (data, a full
 * pipe, no writer: POLLHUP, no reader: POLLERR), POLLNVAL and EBADF for
 * descriptors that are not open, negative fds, 500 pipes at once, a
 * child's write waking a poll that waits for ever, a handler cutting a
 * wait short (EINTR, even with SA_RESTART), a stop and SIGCONT that the
 * wait does not notice, ppoll's and pselect6's signal masks, the time
 * left written back, and the errors for bad pointers, sizes and times.
 *
 * The raw calls go through syscall(): musl's select, ppoll and pselect
 * copy the timeout first (so the time left would not be seen) and check
 * some arguments themselves.
 *
 * Times are never printed, only "waited >= 50 ms: yes". Descriptor
 * numbers are not printed either; the soft RLIMIT_NOFILE is set to 1024
 * first (poll's nfds is checked against it), as m-pipe does.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define NOFILE 1024
#define MANY 500 /* pipes polled at once: 1000 fds */
#define PIPE_SIZE 65536
#define PAGE 4096

static volatile sig_atomic_t handled;
static volatile uintptr_t bad_address = 1; /* nothing is mapped there */

static void on_signal(int sig)
{
	(void)sig;
	handled++;
}

static void handle(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void nap_ms(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&t, NULL);
}

static const char *yes(int c)
{
	return c ? "yes" : "no";
}

/* revents as names: "POLLIN|POLLHUP", "0". */
static const char *events(int ev)
{
	static const struct check_name names[] = {
		CHECK_NAME(POLLIN),	CHECK_NAME(POLLPRI),
		CHECK_NAME(POLLOUT),	CHECK_NAME(POLLERR),
		CHECK_NAME(POLLHUP),	CHECK_NAME(POLLNVAL),
		CHECK_NAME(POLLRDNORM), CHECK_NAME(POLLRDBAND),
		CHECK_NAME(POLLWRNORM), CHECK_NAME(POLLWRBAND),
	};
	static char buf[128];

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (ev & names[i].value) {
			strcat(buf, buf[0] ? "|" : "");
			strcat(buf, names[i].name);
			ev &= ~names[i].value;
		}
	}
	if (ev || !buf[0])
		snprintf(buf + strlen(buf), 16, "%s%#x", buf[0] ? "|" : "", ev);
	return buf;
}

/* One pollfd: "= N, revents NAMES", or "= -1 ERRNO". */
static const char *poll1(int fd, short ev, int timeout)
{
	struct pollfd p = { fd, ev, 0x7777 };
	static char buf[160];
	int r = poll(&p, 1, timeout);

	if (r < 0)
		snprintf(buf, sizeof(buf), "= -1 %s", errno_name(errno));
	else
		snprintf(buf, sizeof(buf), "= %d, revents %s", r,
			 events(p.revents));
	return buf;
}

static long raw_select(int n, fd_set *r, fd_set *w, fd_set *e,
		       struct timeval *tv)
{
	return syscall(SYS_select, n, r, w, e, tv);
}

static long raw_ppoll(struct pollfd *fds, unsigned long n, struct timespec *ts,
		      const sigset_t *mask)
{
	return syscall(SYS_ppoll, fds, n, ts, mask, 8);
}

static long raw_pselect6(int n, fd_set *r, fd_set *w, fd_set *e,
			 struct timespec *ts, const sigset_t *mask)
{
	unsigned long pack[2] = { (unsigned long)mask, 8 };

	return syscall(SYS_pselect6, n, r, w, e, ts, pack);
}

/* "= N" or "= -1 ERRNO" for a raw call's result. */
static const char *result(long r)
{
	static char buf[64];

	if (r < 0)
		snprintf(buf, sizeof(buf), "= -1 %s", errno_name(errno));
	else
		snprintf(buf, sizeof(buf), "= %ld", r);
	return buf;
}

/* Is @fd, alone in a read set, readable right now (select, 0 s)? */
static const char *select_read(int fd)
{
	fd_set r;
	struct timeval tv = { 0, 0 };
	long n;

	FD_ZERO(&r);
	FD_SET(fd, &r);
	n = raw_select(fd + 1, &r, NULL, NULL, &tv);
	if (n < 0)
		return result(n);
	return n == 1 && FD_ISSET(fd, &r) ? "readable" : "not readable";
}

static const char *select_write(int fd)
{
	fd_set w;
	struct timeval tv = { 0, 0 };
	long n;

	FD_ZERO(&w);
	FD_SET(fd, &w);
	n = raw_select(fd + 1, NULL, &w, NULL, &tv);
	if (n < 0)
		return result(n);
	return n == 1 && FD_ISSET(fd, &w) ? "writable" : "not writable";
}

static void nofile_limit(void)
{
	struct rlimit r;

	getrlimit(RLIMIT_NOFILE, &r);
	r.rlim_cur = NOFILE;
	CHECK(setrlimit(RLIMIT_NOFILE, &r) == 0, "RLIMIT_NOFILE set to %d",
	      NOFILE);
}

/* --------------------------------------------------------- readiness */

static void pipe_ends(void)
{
	int p[2], q[2];
	char buf[PAGE];
	long t0;
	struct pollfd two[2];

	pipe(p);
	printf("empty pipe, poll(0 ms) %s\n", poll1(p[0], POLLIN, 0));
	t0 = now_ms();
	printf("empty pipe, poll(50 ms) %s\n", poll1(p[0], POLLIN, 50));
	printf("waited >= 50 ms: %s\n", yes(now_ms() - t0 >= 50));
	printf("empty pipe, select: %s\n", select_read(p[0]));
	printf("write end of an empty pipe, poll %s\n",
	       poll1(p[1], POLLOUT | POLLWRNORM, 0));
	printf("write end, asked for POLLIN %s\n", poll1(p[1], POLLIN, 0));

	write(p[1], "x", 1);
	printf("a byte in it, poll POLLIN %s\n", poll1(p[0], POLLIN, 0));
	printf("poll POLLIN|POLLRDNORM %s\n",
	       poll1(p[0], POLLIN | POLLRDNORM, 0));
	printf("poll POLLOUT on the read end %s\n", poll1(p[0], POLLOUT, 0));
	printf("events 0 %s\n", poll1(p[0], 0, 0));
	printf("select: %s\n", select_read(p[0]));
	two[0] = (struct pollfd){ p[0], POLLIN, 0 };
	two[1] = (struct pollfd){ p[0], POLLIN, 0 };
	printf("the same fd twice: poll = %d,", poll(two, 2, 0));
	printf(" revents %s", events(two[0].revents));
	printf(" and %s\n", events(two[1].revents));

	/* Full: no room for PIPE_BUF bytes. Linux counts pages: a byte
	 * read frees nothing, a page read frees one. */
	read(p[0], buf, 1);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	printf("full pipe, poll POLLOUT %s\n", poll1(p[1], POLLOUT, 0));
	printf("full pipe, select: %s\n", select_write(p[1]));
	read(p[0], buf, 1);
	printf("a byte read, poll POLLOUT %s\n", poll1(p[1], POLLOUT, 0));
	read(p[0], buf, PAGE - 1);
	printf("a page read, poll POLLOUT %s\n", poll1(p[1], POLLOUT, 0));
	printf("select: %s\n", select_write(p[1]));

	/* The writer goes: POLLHUP, with the data still there and after. */
	pipe(q);
	write(q[1], "y", 1);
	close(q[1]);
	printf("writer closed, a byte left, poll %s\n", poll1(q[0], POLLIN, 0));
	printf("select: %s\n", select_read(q[0]));
	read(q[0], buf, 1);
	printf("writer closed, empty, poll %s\n", poll1(q[0], POLLIN, 0));
	printf("asked for nothing %s\n", poll1(q[0], 0, 0));
	printf("select (end of file is readable): %s\n", select_read(q[0]));
	t0 = now_ms();
	printf("poll for ever %s\n", poll1(q[0], POLLIN, -1));
	close(q[0]);

	/* The reader goes: POLLERR on the write end. */
	close(p[0]);
	printf("reader closed, poll POLLOUT %s\n", poll1(p[1], POLLOUT, 0));
	printf("asked for nothing %s\n", poll1(p[1], 0, 0));
	printf("select: %s\n", select_write(p[1]));
	printf("select for reading: %s\n", select_read(p[1]));
	close(p[1]);
}

static void bad_fds(void)
{
	int p[2], closed;
	struct pollfd f[3];
	fd_set r;
	struct timeval tv = { 0, 0 };

	pipe(p);
	closed = dup(p[0]);
	close(closed);
	printf("a closed fd, poll %s\n", poll1(closed, POLLIN, 0));
	printf("a closed fd, asked for nothing %s\n", poll1(closed, 0, 0));
	printf("fd 1000000, poll %s\n", poll1(1000000, POLLIN, 0));
	printf("a closed fd, select: %s\n", select_read(closed));

	f[0] = (struct pollfd){ -1, POLLIN, 0x7777 };
	f[1] = (struct pollfd){ -5, POLLOUT, 0x7777 };
	f[2] = (struct pollfd){ p[1], POLLOUT, 0x7777 };
	CHECK(poll(f, 3, 0) == 1 && f[0].revents == 0 && f[1].revents == 0 &&
		  f[2].revents == POLLOUT,
	      "negative fds are skipped, their revents 0");

	/* Bits past nfds in the last long are not looked at, and come back
	 * clear; bits past the descriptor table are not even read. */
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	FD_SET(closed, &r);
	CHECK(raw_select(closed, &r, NULL, NULL, &tv) == 0 &&
		  !FD_ISSET(closed, &r) && !FD_ISSET(p[0], &r),
	      "select: a closed fd at nfds is ignored, and cleared");
	{
		static unsigned long big[10001 / 64 + 1];

		big[10000 / 64] = 1ul << (10000 % 64);
		CHECK(
		    raw_select(10001, (fd_set *)big, NULL, NULL, &tv) == 0,
		    "select: fd 10000, past the descriptor table, is ignored");
	}
	close(p[0]);
	close(p[1]);
}

static void many_pipes(void)
{
	static int p[MANY][2];
	static struct pollfd f[MANY];
	fd_set r;
	struct timeval tv = { 0, 0 };
	int made = 0, n, maxfd = 0, hits = 0;

	for (; made < MANY; made++)
		if (pipe(p[made]))
			break;
	CHECK(made == MANY, "%d pipes made", MANY);
	for (int i = 0; i < made; i++) {
		f[i] = (struct pollfd){ p[i][0], POLLIN, 0 };
		if (p[i][0] > maxfd)
			maxfd = p[i][0];
	}
	printf("%d empty pipes, poll(0) = %d\n", made, poll(f, made, 0));
	write(p[made - 7][1], "z", 1);
	n = poll(f, made, 1000);
	for (int i = 0; i < made; i++)
		if (f[i].revents)
			hits +=
			    i == made - 7 && f[i].revents == POLLIN ? 1 : 100;
	CHECK(n == 1 && hits == 1, "one written: poll = %d, only its entry", n);
	FD_ZERO(&r);
	for (int i = 0; i < made; i++)
		FD_SET(p[i][0], &r);
	n = (int)raw_select(maxfd + 1, &r, NULL, NULL, &tv);
	hits = 0;
	for (int fd = 0; fd <= maxfd; fd++)
		hits += FD_ISSET(fd, &r);
	CHECK(n == 1 && hits == 1 && FD_ISSET(p[made - 7][0], &r),
	      "select over %d fds = %d, only its bit", made, n);
	for (int i = 0; i < made; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
}

/* ------------------------------------------------------------ waiting */

/* A child that writes a byte to @fd after @ms and exits. */
static pid_t writer_after(int fd, long ms)
{
	pid_t pid = fork();

	if (pid == 0) {
		nap_ms(ms);
		write(fd, "w", 1);
		_exit(0);
	}
	return pid;
}

static void woken_by_a_child(void)
{
	int p[2], status;
	struct pollfd f;
	fd_set r;
	long t0, n;
	pid_t pid;

	pipe(p);
	f = (struct pollfd){ p[0], POLLIN, 0 };
	t0 = now_ms();
	pid = writer_after(p[1], 100);
	n = poll(&f, 1, -1);
	printf("a child writes after 100 ms: poll for ever = %ld, revents %s\n",
	       n, events(f.revents));
	printf("waited >= 100 ms: %s\n", yes(now_ms() - t0 >= 100));
	waitpid(pid, &status, 0);
	read(p[0], &f, 1);

	t0 = now_ms();
	pid = writer_after(p[1], 100);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	n = raw_select(p[0] + 1, &r, NULL, NULL, NULL);
	printf("select for ever = %ld, readable %s, waited >= 100 ms: %s\n", n,
	       yes(FD_ISSET(p[0], &r)), yes(now_ms() - t0 >= 100));
	waitpid(pid, &status, 0);
	read(p[0], &f, 1);

	t0 = now_ms();
	pid = writer_after(p[1], 100);
	f = (struct pollfd){ p[0], POLLIN, 0 };
	n = raw_ppoll(&f, 1, NULL, NULL);
	printf("ppoll for ever = %ld, revents %s, waited >= 100 ms: %s\n", n,
	       events(f.revents), yes(now_ms() - t0 >= 100));
	waitpid(pid, &status, 0);
	read(p[0], &f, 1);

	/* The child's end closes the write end: POLLHUP wakes the poll. */
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		nap_ms(50);
		_exit(0);
	}
	close(p[1]);
	f = (struct pollfd){ p[0], POLLIN, 0 };
	n = poll(&f, 1, 5000);
	printf("the last writer exits: poll = %ld, revents %s\n", n,
	       events(f.revents));
	waitpid(pid, &status, 0);
	close(p[0]);
}

static void timeouts(void)
{
	int p[2];
	struct pollfd f;
	struct timespec ts;
	struct timeval tv;
	fd_set r;
	long t0, n;

	pipe(p);
	f = (struct pollfd){ p[0], POLLIN, 0 };
	ts = (struct timespec){ 0, 50000000 };
	t0 = now_ms();
	n = raw_ppoll(&f, 1, &ts, NULL);
	printf("ppoll 50 ms = %ld, waited >= 50 ms: %s, time left %ld.%09ld\n",
	       n, yes(now_ms() - t0 >= 50), ts.tv_sec, ts.tv_nsec);

	FD_ZERO(&r);
	FD_SET(p[0], &r);
	tv = (struct timeval){ 0, 50000 };
	t0 = now_ms();
	n = raw_select(p[0] + 1, &r, NULL, NULL, &tv);
	printf("select 50 ms = %ld, waited >= 50 ms: %s, time left %ld.%06ld, "
	       "set cleared %s\n",
	       n, yes(now_ms() - t0 >= 50), tv.tv_sec, tv.tv_usec,
	       yes(!FD_ISSET(p[0], &r)));

	FD_SET(p[0], &r);
	ts = (struct timespec){ 0, 50000000 };
	t0 = now_ms();
	n = raw_pselect6(p[0] + 1, &r, NULL, NULL, &ts, NULL);
	printf("pselect6 50 ms = %ld, waited >= 50 ms: %s, time left "
	       "%ld.%09ld\n",
	       n, yes(now_ms() - t0 >= 50), ts.tv_sec, ts.tv_nsec);

	tv = (struct timeval){ 0, 50000 };
	t0 = now_ms();
	n = raw_select(0, NULL, NULL, NULL, &tv);
	printf("select(0, no sets, 50 ms) = %ld, waited >= 50 ms: %s\n", n,
	       yes(now_ms() - t0 >= 50));
	t0 = now_ms();
	n = poll(NULL, 0, 50);
	printf("poll(NULL, 0, 50 ms) = %ld, waited >= 50 ms: %s\n", n,
	       yes(now_ms() - t0 >= 50));

	/* Ready at once: the time left is what was asked, or a bit less. */
	write(p[1], "x", 1);
	FD_SET(p[0], &r);
	tv = (struct timeval){ 1, 0 };
	n = raw_select(p[0] + 1, &r, NULL, NULL, &tv);
	printf("select 1 s, ready = %ld, time left in (0.9 s, 1 s]: %s\n", n,
	       yes(tv.tv_sec == 1 ? tv.tv_usec == 0
				  : tv.tv_sec == 0 && tv.tv_usec > 900000));
	ts = (struct timespec){ 1, 0 };
	f.revents = 0;
	n = raw_ppoll(&f, 1, &ts, NULL);
	printf("ppoll 1 s, ready = %ld, time left in (0.9 s, 1 s]: %s\n", n,
	       yes(ts.tv_sec == 1 ? ts.tv_nsec == 0
				  : ts.tv_sec == 0 && ts.tv_nsec > 900000000));
	ts = (struct timespec){ 1, 0 };
	n = raw_pselect6(p[0] + 1, &r, NULL, NULL, &ts, NULL);
	printf("pselect6 1 s, ready = %ld, time left in (0.9 s, 1 s]: %s\n", n,
	       yes(ts.tv_sec == 1 ? ts.tv_nsec == 0
				  : ts.tv_sec == 0 && ts.tv_nsec > 900000000));
	/* Microseconds past a second carry over. */
	tv = (struct timeval){ 0, 1500000 };
	n = raw_select(p[0] + 1, &r, NULL, NULL, &tv);
	printf("select with tv_usec 1500000 %s, time left > 1.4 s: %s\n",
	       result(n), yes(tv.tv_sec == 1 && tv.tv_usec > 400000));
	close(p[0]);
	close(p[1]);
}

/* A handler cuts a wait short: -1 EINTR, whatever SA_RESTART says. */
static void interrupted(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	int p[2];
	struct pollfd f;
	struct timespec ts;
	fd_set r;
	long n;

	pipe(p);
	for (int restart = 0; restart < 2; restart++) {
		const char *how = restart ? "SA_RESTART" : "no SA_RESTART";

		handle(SIGALRM, restart ? SA_RESTART : 0);
		f = (struct pollfd){ p[0], POLLIN, 0 };
		handled = 0;
		setitimer(ITIMER_REAL, &it, NULL);
		n = poll(&f, 1, -1);
		printf("SIGALRM (%s) in poll for ever %s, handled %d\n", how,
		       result(n), handled);
		handled = 0;
		setitimer(ITIMER_REAL, &it, NULL);
		n = poll(&f, 1, 5000);
		printf("... in poll for 5 s %s, handled %d\n", result(n),
		       handled);
		FD_ZERO(&r);
		FD_SET(p[0], &r);
		handled = 0;
		setitimer(ITIMER_REAL, &it, NULL);
		n = raw_select(p[0] + 1, &r, NULL, NULL, NULL);
		printf("... in select %s, handled %d, set kept %s\n", result(n),
		       handled, yes(FD_ISSET(p[0], &r)));
		ts = (struct timespec){ 5, 0 };
		handled = 0;
		setitimer(ITIMER_REAL, &it, NULL);
		n = raw_ppoll(&f, 1, &ts, NULL);
		printf("... in ppoll %s, handled %d, time left < 5 s: %s\n",
		       result(n), handled,
		       yes(ts.tv_sec < 5 && ts.tv_sec >= 4));
		ts = (struct timespec){ 5, 0 };
		handled = 0;
		setitimer(ITIMER_REAL, &it, NULL);
		n = raw_pselect6(p[0] + 1, &r, NULL, NULL, &ts, NULL);
		printf("... in pselect6 %s, handled %d\n", result(n), handled);
	}
	signal(SIGALRM, SIG_DFL);
	close(p[0]);
	close(p[1]);
}

/* ppoll and pselect6 let a blocked signal in only while they wait. */
static void masks(void)
{
	sigset_t usr1, none, now;
	int p[2];
	struct pollfd f;
	struct timespec ts;
	fd_set r;
	long n;

	pipe(p);
	handle(SIGUSR1, 0);
	sigemptyset(&none);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	raise(SIGUSR1);
	handled = 0;

	f = (struct pollfd){ p[0], POLLIN, 0 };
	n = poll(&f, 1, 0);
	printf("SIGUSR1 blocked and pending: poll %s, handled %d\n", result(n),
	       handled);
	ts = (struct timespec){ 0, 10000000 };
	n = raw_ppoll(&f, 1, &ts, &usr1);
	printf("ppoll with SIGUSR1 still blocked %s, handled %d\n", result(n),
	       handled);
	ts = (struct timespec){ 5, 0 };
	n = raw_ppoll(&f, 1, &ts, &none);
	sigprocmask(SIG_BLOCK, NULL, &now);
	printf("ppoll with an empty mask %s, handled %d, blocked again "
	       "after: %s\n",
	       result(n), handled, yes(sigismember(&now, SIGUSR1)));

	raise(SIGUSR1);
	handled = 0;
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	ts = (struct timespec){ 5, 0 };
	n = raw_pselect6(p[0] + 1, &r, NULL, NULL, &ts, &none);
	sigprocmask(SIG_BLOCK, NULL, &now);
	printf("pselect6 with an empty mask %s, handled %d, blocked again "
	       "after: %s\n",
	       result(n), handled, yes(sigismember(&now, SIGUSR1)));

	/* Ready at once: no wait, the signal stays pending and blocked. */
	raise(SIGUSR1);
	handled = 0;
	write(p[1], "x", 1);
	n = raw_ppoll(&f, 1, NULL, &none);
	sigprocmask(SIG_BLOCK, NULL, &now);
	printf("ppoll ready at once with an empty mask %s, handled %d\n",
	       result(n), handled);
	n = raw_ppoll(&f, 1, NULL, &usr1);
	printf("... with SIGUSR1 in the mask %s, handled %d\n", result(n),
	       handled);
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	printf("unblocked: handled %d\n", handled);
	signal(SIGUSR1, SIG_DFL);
	close(p[0]);
	close(p[1]);
}

/* A stop and SIGCONT do not end the wait: it goes on to its end. */
static void stopped_and_continued(void)
{
	int p[2], out[2], status;
	long t0;
	pid_t pid;
	char what[200];
	ssize_t got;

	pipe(p);
	pipe(out);
	for (int kind = 0; kind < 4; kind++) {
		pid = fork();
		if (pid == 0) {
			struct pollfd f = { p[0], POLLIN, 0 };
			struct timeval tv = { 0, 300000 };
			fd_set r;
			long n;

			t0 = now_ms();
			FD_ZERO(&r);
			FD_SET(p[0], &r);
			if (kind == 0)
				n = poll(&f, 1, 300);
			else if (kind == 1)
				n = raw_select(p[0] + 1, &r, NULL, NULL, &tv);
			else if (kind == 2)
				n = poll(&f, 1, -1);
			else
				n = raw_select(p[0] + 1, &r, NULL, NULL, NULL);
			got = snprintf(what, sizeof(what),
				       "%s %s, waited >= 300 ms: %s\n",
				       kind == 0   ? "poll 300 ms"
				       : kind == 1 ? "select 300 ms"
				       : kind == 2 ? "poll for ever"
						   : "select for ever",
				       result(n), yes(now_ms() - t0 >= 300));
			write(out[1], what, (size_t)got);
			_exit(0);
		}
		nap_ms(50);
		kill(pid, SIGSTOP);
		nap_ms(50);
		kill(pid, SIGCONT);
		if (kind >= 2) {
			nap_ms(250);
			write(p[1], "x", 1);
		}
		waitpid(pid, &status, 0);
		got = read(out[0], what, sizeof(what) - 1);
		what[got > 0 ? got : 0] = '\0';
		printf("stopped and continued: %s", what);
		if (kind >= 2)
			read(p[0], what, 1);
	}
	close(p[0]);
	close(p[1]);
	close(out[0]);
	close(out[1]);
}

/* -------------------------------------------------------------- errors */

static void errors(void)
{
	int p[2];
	struct pollfd f, *ro;
	struct timespec ts;
	struct timeval tv;
	fd_set r;
	unsigned long pack[2];
	sigset_t none;

	pipe(p);
	sigemptyset(&none);
	f = (struct pollfd){ p[1], POLLOUT, 0 };
	printf("poll nfds 1025 > RLIMIT_NOFILE %s\n",
	       result(syscall(SYS_poll, NULL, NOFILE + 1, 0)));
	printf("poll nfds 2^31 %s\n",
	       result(syscall(SYS_poll, &f, 1ul << 31, 0)));
	printf("poll of an unmapped array %s\n",
	       result(syscall(SYS_poll, bad_address, 1, 0)));
	printf("poll of an unmapped array, nfds 0 %s\n",
	       result(syscall(SYS_poll, bad_address, 0, 0)));
	ro = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ro[0] = f;
	mprotect(ro, PAGE, PROT_READ);
	printf("poll of a read-only array %s\n",
	       result(syscall(SYS_poll, ro, 1, 0)));
	mprotect(ro, PAGE, PROT_READ | PROT_WRITE);
	ro[PAGE / sizeof(f) - 1] = f;
	mprotect((char *)ro + PAGE, PAGE, PROT_NONE);
	printf("poll of an array that runs off its page %s\n",
	       result(syscall(SYS_poll, &ro[PAGE / sizeof(f) - 1], 2, 0)));
	printf("poll of the array's last entry %s\n",
	       result(syscall(SYS_poll, &ro[PAGE / sizeof(f) - 1], 1, 0)));
	munmap(ro, PAGE);

	ts = (struct timespec){ 0, 1000000000 };
	printf("ppoll tv_nsec 10^9 %s\n", result(raw_ppoll(&f, 1, &ts, NULL)));
	ts = (struct timespec){ -1, 0 };
	printf("ppoll tv_sec -1 %s\n", result(raw_ppoll(&f, 1, &ts, NULL)));
	ts = (struct timespec){ 0, -1 };
	printf("ppoll tv_nsec -1 %s\n", result(raw_ppoll(&f, 1, &ts, NULL)));
	printf("ppoll of an unmapped timespec %s\n",
	       result(raw_ppoll(&f, 1, (struct timespec *)bad_address, NULL)));
	printf("ppoll of an unmapped mask %s\n",
	       result(raw_ppoll(&f, 1, NULL, (sigset_t *)bad_address)));
	printf("ppoll sigsetsize 4 %s\n",
	       result(syscall(SYS_ppoll, &f, 1, NULL, &none, 4)));
	printf("ppoll no mask, sigsetsize 4 %s\n",
	       result(syscall(SYS_ppoll, &f, 1, NULL, NULL, 4)));

	FD_ZERO(&r);
	FD_SET(p[0], &r);
	tv = (struct timeval){ 0, 0 };
	printf("select nfds -1 %s\n",
	       result(raw_select(-1, &r, NULL, NULL, &tv)));
	tv = (struct timeval){ -1, 0 };
	printf("select tv_sec -1 %s\n",
	       result(raw_select(p[0] + 1, &r, NULL, NULL, &tv)));
	tv = (struct timeval){ 0, -1 };
	printf("select tv_usec -1 %s\n",
	       result(raw_select(p[0] + 1, &r, NULL, NULL, &tv)));
	printf("select of an unmapped timeval %s\n",
	       result(raw_select(p[0] + 1, &r, NULL, NULL,
				 (struct timeval *)bad_address)));
	tv = (struct timeval){ 0, 0 };
	printf("select of an unmapped read set %s\n",
	       result(raw_select(p[0] + 1, (fd_set *)bad_address, NULL, NULL,
				 &tv)));
	printf(
	    "select of an unmapped except set %s\n",
	    result(raw_select(p[0] + 1, &r, NULL, (fd_set *)bad_address, &tv)));
	printf("select of unmapped sets, nfds 0 %s\n",
	       result(raw_select(0, (fd_set *)bad_address, NULL, NULL, &tv)));

	ts = (struct timespec){ 0, 0 };
	printf("pselect6 of an unmapped pack %s\n",
	       result(syscall(SYS_pselect6, p[0] + 1, &r, NULL, NULL, &ts,
			      bad_address)));
	pack[0] = (unsigned long)&none;
	pack[1] = 4;
	printf(
	    "pselect6 sigsetsize 4 %s\n",
	    result(syscall(SYS_pselect6, p[0] + 1, &r, NULL, NULL, &ts, pack)));
	pack[0] = 0;
	printf(
	    "pselect6 no mask, sigsetsize 4 %s\n",
	    result(syscall(SYS_pselect6, p[0] + 1, &r, NULL, NULL, &ts, pack)));
	pack[0] = bad_address;
	pack[1] = 8;
	printf(
	    "pselect6 of an unmapped mask %s\n",
	    result(syscall(SYS_pselect6, p[0] + 1, &r, NULL, NULL, &ts, pack)));
	ts = (struct timespec){ 0, 1000000000 };
	printf(
	    "pselect6 tv_nsec 10^9 %s\n",
	    result(syscall(SYS_pselect6, p[0] + 1, &r, NULL, NULL, &ts, NULL)));
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	check_start();
	nofile_limit();
	pipe_ends();
	bad_fds();
	many_pipes();
	woken_by_a_child();
	timeouts();
	interrupted();
	masks();
	stopped_and_continued();
	errors();
	return check_finish("m-poll");
}
