// SPDX-License-Identifier: MIT
/*
 * m-sse: every process and every thread has its own SSE and x87 state,
 * and it survives preemption.
 *
 * work() is a long chain of double (SSE) and long double (x87)
 * arithmetic in which every step depends on the one before, so one wrong
 * register anywhere changes the checksum. Each worker also runs under its
 * own rounding mode (fesetround sets both MXCSR and the x87 control
 * word), so a kernel that shares or drops either register between tasks
 * gives a different sum. The main thread first computes each expected
 * sum alone; then a forked child and the parent, and later two threads
 * of one process, compute theirs at the same time, each long enough to
 * be preempted many times, and compare.
 *
 * m-sse [ITERATIONS] sets the length of each chain (default below).
 * m-fpu is this program without its threads (M_SSE_PROCESSES_ONLY).
 */
#include <fenv.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define DEFAULT_ITERATIONS 1000000L

struct job {
	const char *who;
	int seed;
	int round; /* FE_TONEAREST, FE_UPWARD, ... */
	long iterations;
	double expected;
	double got;
};

static __attribute__((noinline)) double work(int seed, long n)
{
	double a = seed + 0.5, b = 1.0 / (seed + 3), c = 0.0;
	long double x = seed * 0.25L;

	for (long i = 0; i < n; i++) {
		a = a * 0.9999999 + b;
		b = b * 1.0000001 - a * 1e-9;
		c += a * b / (1.0 + (double)(i & 7));
		x = x * 0.99999L + (long double)c * 1e-7L;
	}
	return a + b + c + (double)x;
}

static double work_rounded(const struct job *j)
{
	int saved = fegetround();
	double r;

	fesetround(j->round);
	r = work(j->seed, j->iterations);
	fesetround(saved);
	return r;
}

#ifndef M_SSE_PROCESSES_ONLY
#define M_SSE_NAME "m-sse"
static void *thread_main(void *arg)
{
	struct job *j = arg;

	fesetround(j->round); /* this thread's own mode */
	j->got = work(j->seed, j->iterations);
	return NULL;
}
#endif

static const char *round_name(int mode)
{
	switch (mode) {
	case FE_TONEAREST:
		return "to nearest";
	case FE_UPWARD:
		return "upward";
	case FE_DOWNWARD:
		return "downward";
	case FE_TOWARDZERO:
		return "toward zero";
	}
	return "?";
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : DEFAULT_ITERATIONS;
	struct job jobs[] = {
		{ "parent", 1, FE_TONEAREST, n, 0, 0 },
		{ "child", 2, FE_UPWARD, n, 0, 0 },
		{ "thread 1", 3, FE_DOWNWARD, n, 0, 0 },
		{ "thread 2", 4, FE_TOWARDZERO, n, 0, 0 },
	};
	struct job *parent = &jobs[0], *child = &jobs[1];
#ifndef M_SSE_PROCESSES_ONLY
	pthread_t t[2];
#endif
	int status;
	pid_t pid;

	check_start();
	printf("%ld iterations per worker\n", n);
	for (int i = 0; i < 4; i++) {
		jobs[i].expected = work_rounded(&jobs[i]);
		printf("%s, rounding %s: expected %.17g\n", jobs[i].who,
		       round_name(jobs[i].round), jobs[i].expected);
	}
	CHECK(jobs[0].expected != jobs[1].expected &&
		  jobs[2].expected != jobs[3].expected,
	      "the workers' sums differ from each other");

	/* Two processes at once. */
	pid = fork();
	if (pid == 0) {
		child->got = work_rounded(child);
		_exit(memcmp(&child->got, &child->expected, sizeof(double)) !=
		      0);
	}
	CHECK(pid > 0, "fork");
	parent->got = work_rounded(parent);
	CHECK(memcmp(&parent->got, &parent->expected, sizeof(double)) == 0,
	      "parent's sum beside a child");
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		  WEXITSTATUS(status) == 0,
	      "child's sum beside its parent (%s)", how_ended(status));
	CHECK(fegetround() == FE_TONEAREST,
	      "the parent's rounding mode is its own");

#ifndef M_SSE_PROCESSES_ONLY
	/* Two threads of one process at once, while main waits. */
	for (int i = 0; i < 2; i++)
		CHECK(pthread_create(&t[i], NULL, thread_main, &jobs[2 + i]) ==
			  0,
		      "pthread_create %d", i + 1);
	for (int i = 0; i < 2; i++) {
		pthread_join(t[i], NULL);
		CHECK(memcmp(&jobs[2 + i].got, &jobs[2 + i].expected,
			     sizeof(double)) == 0,
		      "%s's sum beside another thread", jobs[2 + i].who);
	}
#endif
	CHECK(fegetround() == FE_TONEAREST,
	      "the main thread's rounding mode is its own");
	return check_finish(M_SSE_NAME);
}
