// SPDX-License-Identifier: MIT
/*
 * m-tls: __thread variables and errno belong to each thread.
 *
 * The program's PT_TLS segment has initialised data (.tdata) and zeroed
 * data (.tbss). Each of NTHREADS threads checks that it starts with a
 * fresh copy of both, stores its own values, and makes a system call
 * fail on purpose so that errno is set: even threads get EBADF from
 * write(-1, ...), odd ones EINVAL from a bad nanosleep. Then every thread,
 * and the main thread, which gets ECHILD from waitpid, waits at a barrier
 * until all have done so, and checks that its values and its errno are
 * still its own. %fs:0 must point to itself (the x86-64 TLS ABI), which
 * shows that arch_prctl(ARCH_SET_FS) gave each thread its own FS base.
 */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define NTHREADS 8

static __thread int tls_int = 7;
static __thread char tls_text[16] = "initial";
static __thread long tls_zero[NTHREADS + 1];

struct result {
	int fresh;	 /* started with .tdata's values and zeroed .tbss */
	int call_failed; /* the failing call returned -1 */
	int errno_kept;	 /* errno after the others ran */
	int values_kept; /* tls_int, tls_text, tls_zero after the others ran */
	int fs_self;	 /* %fs:0 == the thread pointer */
	void *addr;	 /* &tls_int: must differ between threads */
};

static struct result results[NTHREADS + 1]; /* the last is main's */
static pthread_barrier_t barrier;

static int fs_points_to_itself(void)
{
	void *self;

	__asm__ volatile("mov %%fs:0, %0" : "=r"(self));
	return self == (void *)pthread_self();
}

static int fresh_tls(void)
{
	for (int i = 0; i <= NTHREADS; i++)
		if (tls_zero[i])
			return 0;
	return tls_int == 7 && strcmp(tls_text, "initial") == 0;
}

static int fail_call(int i, int *expected)
{
	struct timespec bad = { 0, 2000000000 };

	if (i == NTHREADS) {
		*expected = ECHILD;
		return waitpid(-1, NULL, 0);
	}
	if (i % 2 == 0) {
		*expected = EBADF;
		return (int)write(-1, "x", 1);
	}
	*expected = EINVAL;
	return nanosleep(&bad, NULL);
}

/* The part every thread runs, main included (i == NTHREADS). */
static void run(int i)
{
	struct result *r = &results[i];
	char text[16];
	int expected;

	r->fresh = fresh_tls();
	r->fs_self = fs_points_to_itself();
	r->addr = &tls_int;
	tls_int = 100 + i;
	snprintf(tls_text, sizeof(tls_text), "thread %d", i);
	snprintf(text, sizeof(text), "thread %d", i);
	tls_zero[i] = i + 1;
	errno = 0;
	r->call_failed = fail_call(i, &expected) == -1;
	pthread_barrier_wait(&barrier); /* everyone has set theirs */
	sched_yield();
	pthread_barrier_wait(&barrier);
	r->errno_kept = errno == expected;
	r->values_kept = tls_int == 100 + i && strcmp(tls_text, text) == 0;
	for (int j = 0; j <= NTHREADS; j++)
		if (tls_zero[j] != (j == i ? i + 1 : 0))
			r->values_kept = 0;
}

static void *thread_main(void *arg)
{
	run((int)(intptr_t)arg);
	return NULL;
}

int main(void)
{
	pthread_t t[NTHREADS];
	int distinct = 1;

	check_start();
	pthread_barrier_init(&barrier, NULL, NTHREADS + 1);
	for (int i = 0; i < NTHREADS; i++)
		CHECK(pthread_create(&t[i], NULL, thread_main,
				     (void *)(intptr_t)i) == 0,
		      "pthread_create %d", i);
	run(NTHREADS);
	for (int i = 0; i < NTHREADS; i++)
		CHECK(pthread_join(t[i], NULL) == 0, "pthread_join %d", i);

	for (int i = 0; i <= NTHREADS; i++) {
		struct result *r = &results[i];
		char who[16];

		if (i < NTHREADS)
			snprintf(who, sizeof(who), "thread %d", i);
		else
			snprintf(who, sizeof(who), "main");
		CHECK(r->fresh, "%s: fresh .tdata and .tbss", who);
		CHECK(r->fs_self, "%s: %%fs:0 points to itself", who);
		CHECK(r->call_failed && r->errno_kept,
		      "%s: own errno (%s) after the others ran", who,
		      i == NTHREADS ? "ECHILD"
		      : i % 2	    ? "EINVAL"
				    : "EBADF");
		CHECK(r->values_kept, "%s: own __thread values kept", who);
		for (int j = 0; j < i; j++)
			if (results[j].addr == r->addr)
				distinct = 0;
	}
	CHECK(distinct, "every thread's tls_int at its own address");
	return check_finish("m-tls");
}
