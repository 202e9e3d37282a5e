// SPDX-License-Identifier: MIT
/*
 * m-futex: futex(2) between processes that share a MAP_SHARED|
 * MAP_ANONYMOUS page after fork, as Linux gives it: WAIT/WAKE handshakes
 * (ping-pong, untimed and timed), how many a WAKE wakes and in which
 * order, bitsets, timeouts, and the errors of bad arguments.
 *
 * The calls are raw syscall()s with Linux's numbers (musl has no futex
 * wrapper). Only shared futexes cross fork: Linux keys a private one by
 * the address space, so a child never meets its parent's.
 *
 * Being deterministic on Linux too. Nothing here can see whether a child
 * already sleeps in FUTEX_WAIT. On this kernel (one CPU) children that
 * were given time to run always do; on Linux they almost always do. So
 * each experiment that needs its waiters asleep lets them settle, and if
 * the result shows a waiter was not asleep yet (the WAKE found fewer),
 * it runs again with a longer settling time, up to five times. Results
 * that are wrong whatever the timing (a WAKE waking more than asked, a
 * woken waiter not ending, the wrong one ending) fail at once.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

/* <linux/futex.h>, which musl does not ship. */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_FD 2
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define ANY 0xffffffffu

#define MS 1000000L
#define KERNEL_TEXT 0xffffffff81000000ul
#define USER_END 0x800000000000ul
#define MAX_WAITERS 4
#define ATTEMPTS 5

/* The page parent and children share. */
struct shared {
	volatile uint32_t turn;  /* ping-pong: 1 the child's, 0 the parent's */
	volatile uint32_t gate;  /* the word waiters wait on, while 0 */
	volatile uint32_t ready; /* waiters about to call FUTEX_WAIT */
	volatile uint32_t rounds;
	volatile uint32_t errors; /* waits that ended neither 0 nor EAGAIN */
};

static struct shared *s;

static long futex(volatile void *uaddr, int op, long val,
		  const struct timespec *t, uint32_t val3)
{
	return syscall(SYS_futex, uaddr, (long)op, val, t, NULL, (long)val3);
}

static long long clock_ns(clockid_t clock)
{
	struct timespec t = { 0, 0 };

	clock_gettime(clock, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static struct timespec ns_timespec(long long ns)
{
	return (struct timespec){ ns / 1000000000LL, ns % 1000000000LL };
}

/* One raw call, printed as "what = result". */
static void show(const char *what, long r)
{
	if (r == -1)
		printf("%s = -1 %s\n", what, errno_name(errno));
	else
		printf("%s = %ld\n", what, r);
}

/* ------------------------------------------------------------ errors */

static void errors(void)
{
	static uint32_t word = 7;
	static const struct timespec zero = { 0, 0 }, ns_1e9 = { 0, 1000000000 },
				     sec_neg = { -1, 0 }, ns_neg = { 0, -1 },
				     forever = { LONG_MAX, 0 };
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	char *gone = mmap(NULL, page, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *none = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	char *ro = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	char *ro_shared = mmap(NULL, page, PROT_READ,
			       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *w = (char *)&word;

	munmap(gone, page);
	show("WAIT unaligned", futex(w + 1, FUTEX_WAIT, 7, &zero, 0));
	show("WAKE unaligned", futex(w + 2, FUTEX_WAKE, 1, NULL, 0));
	show("WAKE_PRIVATE unaligned",
	     futex(w + 3, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, 0));
	show("WAIT NULL", futex(NULL, FUTEX_WAIT, 0, &zero, 0));
	show("WAKE NULL", futex(NULL, FUTEX_WAKE, 1, NULL, 0));
	show("WAKE_PRIVATE NULL",
	     futex(NULL, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, 0));
	show("WAIT kernel", futex((void *)KERNEL_TEXT, FUTEX_WAIT, 0, &zero, 0));
	show("WAIT kernel unaligned",
	     futex((void *)(KERNEL_TEXT + 1), FUTEX_WAIT, 0, &zero, 0));
	show("WAKE_PRIVATE kernel", futex((void *)KERNEL_TEXT,
					  FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1,
					  NULL, 0));
	show("WAIT non-canonical", futex((void *)USER_END, FUTEX_WAIT, 0, &zero, 0));
	show("WAKE 0x8000000000000000",
	     futex((void *)0x8000000000000000ul, FUTEX_WAKE, 1, NULL, 0));
	show("WAIT last word of user space",
	     futex((void *)(USER_END - 4), FUTEX_WAIT, 0, &zero, 0));
	show("WAIT unmapped", futex(gone, FUTEX_WAIT, 0, &zero, 0));
	show("WAKE unmapped", futex(gone, FUTEX_WAKE, 1, NULL, 0));
	show("WAKE_PRIVATE unmapped",
	     futex(gone, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, 0));
	show("WAIT PROT_NONE", futex(none, FUTEX_WAIT, 0, &zero, 0));
	show("WAIT_PRIVATE PROT_NONE",
	     futex(none, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &zero, 0));
	show("WAKE PROT_NONE", futex(none, FUTEX_WAKE, 1, NULL, 0));
	show("WAKE_PRIVATE PROT_NONE",
	     futex(none, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, 0));
	show("WAIT read-only private", futex(ro, FUTEX_WAIT, 0, &zero, 0));
	show("WAIT_PRIVATE read-only private",
	     futex(ro, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &zero, 0));
	show("WAIT read-only shared", futex(ro_shared, FUTEX_WAIT, 0, &zero, 0));
	show("WAIT tv_nsec 1e9", futex(w, FUTEX_WAIT, 7, &ns_1e9, 0));
	show("WAIT tv_sec -1", futex(w, FUTEX_WAIT, 7, &sec_neg, 0));
	show("WAIT tv_nsec -1", futex(w, FUTEX_WAIT, 7, &ns_neg, 0));
	show("WAIT NULL, tv_nsec 1e9", futex(NULL, FUTEX_WAIT, 7, &ns_1e9, 0));
	show("WAIT timeout in the kernel",
	     futex(w, FUTEX_WAIT, 7, (void *)KERNEL_TEXT, 0));
	show("WAIT timeout unmapped", futex(w, FUTEX_WAIT, 7, (void *)gone, 0));
	show("WAIT_BITSET tv_sec -1",
	     futex(w, FUTEX_WAIT_BITSET, 7, &sec_neg, ANY));
	show("WAIT value differs", futex(w, FUTEX_WAIT, 8, NULL, 0));
	show("WAIT value differs, timeout LONG_MAX s",
	     futex(w, FUTEX_WAIT, 8, &forever, 0));
	show("WAIT timeout 0", futex(w, FUTEX_WAIT, 7, &zero, 0));
	show("WAIT_BITSET at time 0", futex(w, FUTEX_WAIT_BITSET, 7, &zero, ANY));
	show("WAIT_BITSET|CLOCK_REALTIME at time 0",
	     futex(w, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 7, &zero, ANY));
	show("WAIT_BITSET bitset 0", futex(w, FUTEX_WAIT_BITSET, 7, &zero, 0));
	show("WAKE_BITSET bitset 0", futex(w, FUTEX_WAKE_BITSET, 1, NULL, 0));
	show("WAKE INT_MAX, nobody waits", futex(w, FUTEX_WAKE, INT_MAX, NULL, 0));
	show("WAKE 0, nobody waits", futex(w, FUTEX_WAKE, 0, NULL, 0));
	show("FUTEX_FD", futex(w, FUTEX_FD, 0, NULL, 0));
	show("op 14", futex(w, 14, 0, NULL, 0));
	show("op 127", futex(w, 127, 0, NULL, 0));
	show("op -1", futex(w, -1, 0, NULL, 0));
	show("op 512|WAKE", futex(w, 512 | FUTEX_WAKE, 1, NULL, 0));
	show("WAIT|CLOCK_REALTIME",
	     futex(w, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 7, &zero, 0));
	show("WAKE|CLOCK_REALTIME",
	     futex(w, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, 0));
	munmap(none, page);
	munmap(ro, page);
	munmap(ro_shared, page);
}

/* ---------------------------------------------------------- timeouts */

/* A wait of 50 ms that nobody ends: ETIMEDOUT, after at least 50 ms on
 * the clock it was measured against and less than 2 s. */
static void timeout(const char *what, int op, clockid_t clock)
{
	static uint32_t word;
	long long start = clock_ns(clock), d;
	struct timespec t = ns_timespec(50 * MS);
	long r;

	if ((op & ~FUTEX_PRIVATE_FLAG & ~FUTEX_CLOCK_REALTIME) != FUTEX_WAIT)
		t = ns_timespec(start + 50 * MS); /* absolute */
	r = futex(&word, op, 0, &t, ANY);
	d = clock_ns(clock) - start;
	CHECK(r == -1 && errno == ETIMEDOUT, "%s 50 ms: ETIMEDOUT", what);
	CHECK(d >= 50 * MS && d < 2000 * MS,
	      "%s: the clock advanced >= 50 ms and < 2 s", what);
}

static void timeouts(void)
{
	long long start;
	struct timespec past;
	long r;

	timeout("WAIT", FUTEX_WAIT, CLOCK_MONOTONIC);
	timeout("WAIT_PRIVATE", FUTEX_WAIT | FUTEX_PRIVATE_FLAG, CLOCK_MONOTONIC);
	timeout("WAIT_BITSET (absolute, MONOTONIC)", FUTEX_WAIT_BITSET,
		CLOCK_MONOTONIC);
	timeout("WAIT_BITSET|CLOCK_REALTIME (absolute)",
		FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, CLOCK_REALTIME);
	start = clock_ns(CLOCK_MONOTONIC);
	past = ns_timespec(start > 1000 * MS ? start - 1000 * MS : 1);
	r = futex(&s->gate, FUTEX_WAIT_BITSET, 0, &past, ANY);
	CHECK(r == -1 && errno == ETIMEDOUT &&
		  clock_ns(CLOCK_MONOTONIC) - start < 1000 * MS,
	      "WAIT_BITSET until a time past: ETIMEDOUT at once");
}

/* --------------------------------------------------------- ping-pong */

/* Wait while *word == val, the way a lock does: EAGAIN means it moved. */
static void wait_while(volatile uint32_t *word, uint32_t val, int timed)
{
	while (*word == val) {
		long r;

		if (!timed) {
			r = futex(word, FUTEX_WAIT, val, NULL, 0);
		} else {
			/* As glibc's timed waits: an absolute REALTIME date. */
			struct timespec t =
			    ns_timespec(clock_ns(CLOCK_REALTIME) + 10000 * MS);

			r = futex(word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME,
				  val, &t, ANY);
		}
		if (r != 0 && errno != EAGAIN)
			__atomic_fetch_add(&s->errors, 1, __ATOMIC_SEQ_CST);
	}
}

static void wake_one(volatile uint32_t *word, int timed)
{
	if (timed)
		futex(word, FUTEX_WAKE_BITSET, 1, NULL, ANY);
	else
		futex(word, FUTEX_WAKE, 1, NULL, 0);
}

/* @rounds handshakes: the parent hands the turn to the child and waits
 * for it back; the child counts each turn. */
static void ping_pong(int rounds, int timed)
{
	int status = -1;
	pid_t pid;

	s->turn = 0;
	s->rounds = 0;
	s->errors = 0;
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < rounds; i++) {
			wait_while(&s->turn, 0, timed);
			s->rounds++;
			s->turn = 0;
			wake_one(&s->turn, timed);
		}
		_exit(0);
	}
	for (int i = 0; i < rounds && pid > 0; i++) {
		s->turn = 1;
		wake_one(&s->turn, timed);
		wait_while(&s->turn, 1, timed);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	CHECK(s->rounds == (uint32_t)rounds && s->errors == 0 &&
		  WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "%s ping-pong across fork, %d rounds", timed ? "timed" : "untimed",
	      rounds);
}

/* ------------------------------------------------------ wake counts */

/* How a waiter ends: 0 woken, 2 the gate had moved (EAGAIN), 3 timed
 * out, 1 anything else. */
static int waiter_code(long r)
{
	if (r == 0)
		return 0;
	return errno == EAGAIN ? 2 : errno == ETIMEDOUT ? 3 : 1;
}

/*
 * @n children wait on s->gate (with bitsets[i], or ANY; @timeout_ms > 0:
 * relative FUTEX_WAIT that long), one after the other, each given
 * @settle_ms to fall asleep before the next starts, so that they queue
 * in the order of pids[].
 */
static void spawn_waiters(pid_t *pids, int n, const uint32_t *bitsets,
			  long timeout_ms, long settle_ms)
{
	s->gate = 0;
	s->ready = 0;
	for (int i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			struct timespec t = ns_timespec(timeout_ms * MS);
			long r;

			__atomic_fetch_add(&s->ready, 1, __ATOMIC_SEQ_CST);
			if (timeout_ms)
				r = futex(&s->gate, FUTEX_WAIT, 0, &t, 0);
			else
				r = futex(&s->gate, FUTEX_WAIT_BITSET, 0, NULL,
					  bitsets ? bitsets[i] : ANY);
			_exit(waiter_code(r));
		}
		while (pids[i] > 0 && s->ready < (uint32_t)i + 1)
			usleep(1000);
		usleep((useconds_t)settle_ms * 1000);
	}
}

/* The index in @pids of a child that has ended, -1 if none has within
 * @ms; its exit status in *code. */
static int reap_one(const pid_t *pids, int n, long ms, int *code)
{
	for (long t = 0; t <= ms; t++) {
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG);

		for (int i = 0; pid > 0 && i < n; i++)
			if (pids[i] == pid) {
				*code = WIFEXITED(status) ? WEXITSTATUS(status)
							  : 1;
				return i;
			}
		if (pid <= 0)
			usleep(1000);
	}
	return -1;
}

/* Open the gate and wake whoever still waits; reap all @left. */
static void release(pid_t *pids, int n, int left)
{
	int code;

	s->gate = 1;
	while (left > 0) {
		futex(&s->gate, FUTEX_WAKE, INT_MAX, NULL, 0);
		if (reap_one(pids, n, 10, &code) >= 0)
			left--;
	}
}

/*
 * @n waiters, then one FUTEX_WAKE_BITSET of @k with @wake_bits: it must
 * wake want = the number of @expect_order, and exactly those end, in
 * that order (indices into the waiters), each having returned 0; the
 * rest go on waiting. Returns 1 when it matched, 0 when a waiter was not
 * asleep yet (try again), -1 when it cannot be right.
 */
static int one_wake(int n, const uint32_t *bitsets, int k, uint32_t wake_bits,
		    const int *expect_order, int want, long settle_ms)
{
	pid_t pids[MAX_WAITERS];
	int code, ended = 0, result = 1;
	long r;

	spawn_waiters(pids, n, bitsets, 0, settle_ms);
	r = futex(&s->gate, FUTEX_WAKE_BITSET, k, NULL, wake_bits);
	if (r < 0 || r > want)
		result = -1;
	else if (r < want)
		result = 0;
	for (long i = 0; i < r; i++) {
		int who = reap_one(pids, n, 5000, &code);

		if (who < 0 || code != 0) {
			result = -1;
			break;
		}
		ended++;
		if (result == 1 && who != expect_order[i])
			result = 0; /* FIFO order, unless one was late */
	}
	if (result >= 0 && reap_one(pids, n, 20, &code) >= 0) {
		result = -1; /* one that was not woken ended */
		ended++;
	}
	release(pids, n, n - ended);
	return result;
}

static void wake_check(const char *what, int n, const uint32_t *bitsets,
		       int k, uint32_t wake_bits, const int *order, int want)
{
	int result = 0;

	for (int a = 0; a < ATTEMPTS && result == 0; a++)
		result = one_wake(n, bitsets, k, wake_bits, order, want,
				  20L << a);
	CHECK(result == 1, "%s", what);
}

/* FUTEX_WAKE of 1, over and over, with 3 waiters: each wakes exactly one,
 * never more, whatever the timing. */
static void wake_one_at_a_time(void)
{
	pid_t pids[3];
	int woken = 0, bad = 0, code;

	spawn_waiters(pids, 3, NULL, 0, 0);
	for (int tries = 0; woken < 3 && tries < 10000 && !bad; tries++) {
		long r = futex(&s->gate, FUTEX_WAKE, 1, NULL, 0);

		if (r == 1) {
			bad |= reap_one(pids, 3, 5000, &code) < 0 || code != 0;
			woken++;
			if (woken < 3)
				bad |= reap_one(pids, 3, 20, &code) >= 0;
		} else if (r == 0) {
			usleep(1000); /* nobody asleep yet */
		} else {
			bad = 1;
		}
	}
	CHECK(!bad && woken == 3,
	      "WAKE 1, three times, with 3 waiters: one ends each time");
	if (bad || woken < 3)
		release(pids, 3, 3 - woken);
}

static void wake_counts(void)
{
	static const int in_order[] = { 0, 1, 2, 3 };
	static const int second[] = { 1 };
	static const uint32_t bits[] = { 1, 2, 4 };

	wake_one_at_a_time();
	wake_check("WAKE 1 of 3 waiters wakes the oldest", 3, NULL, 1, ANY,
		   in_order, 1);
	wake_check("WAKE 2 of 3 waiters wakes the two oldest", 3, NULL, 2,
		   ANY, in_order, 2);
	wake_check("WAKE INT_MAX wakes all 4 waiters, oldest first", 4, NULL,
		   INT_MAX, ANY, in_order, 4);
	wake_check("WAKE 0 wakes one all the same (Linux counts so)", 2, NULL,
		   0, ANY, in_order, 1);
	wake_check("WAKE_BITSET 2 wakes only the waiter with bit 1", 3, bits,
		   INT_MAX, 2, second, 1);
	wake_check("WAKE_BITSET 6 wakes the waiters with bits 1 and 2", 3,
		   bits, INT_MAX, 6, in_order + 1, 2);
	wake_check("WAKE (any bits) wakes a WAIT_BITSET waiter", 3, bits, 1,
		   ANY, in_order, 1);
}

/* ---------------------------------------------------- keys and fork */

/* A timed waiter that a WAKE reaches returns 0 long before its timeout;
 * one on a MAP_PRIVATE copy after fork is reached by no WAKE of the
 * parent's copy (its own page) and times out. */
static void timed_and_private(void)
{
	pid_t pid;
	int result = 0, code = -1;

	for (int a = 0; a < ATTEMPTS && result == 0; a++) {
		long long start = clock_ns(CLOCK_MONOTONIC);
		long r;

		spawn_waiters(&pid, 1, NULL, 10000, 20L << a);
		r = futex(&s->gate, FUTEX_WAKE, 1, NULL, 0);
		result = r == 1 ? 1 : r == 0 ? 0 : -1;
		if (r == 1 && (reap_one(&pid, 1, 5000, &code) < 0 || code != 0 ||
			       clock_ns(CLOCK_MONOTONIC) - start > 5000 * MS))
			result = -1;
		if (r != 1)
			release(&pid, 1, 1);
	}
	CHECK(result == 1, "a timed waiter woken early returns 0 at once");

	{
		static uint32_t private_word; /* copied by fork, not shared */
		int status = -1;
		long r;

		s->ready = 0;
		pid = fork();
		if (pid == 0) {
			struct timespec t = ns_timespec(300 * MS);

			s->ready = 1;
			_exit(waiter_code(futex(&private_word, FUTEX_WAIT, 0,
						&t, 0)));
		}
		while (pid > 0 && !s->ready)
			usleep(1000);
		usleep(100000);
		r = futex(&private_word, FUTEX_WAKE, INT_MAX, NULL, 0);
		if (pid > 0)
			waitpid(pid, &status, 0);
		CHECK(r == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 3,
		      "WAKE on a MAP_PRIVATE word after fork: the child's copy "
		      "is another futex, which times out");
	}
}

int main(void)
{
	check_start();
	s = mmap(NULL, sizeof(*s), PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED) {
		printf("mmap of the shared page failed: %s\n", errno_name(errno));
		return 1;
	}
	errors();
	timeouts();
	ping_pong(1000, 0);
	ping_pong(200, 1);
	wake_counts();
	timed_and_private();
	return check_finish("m-futex");
}
