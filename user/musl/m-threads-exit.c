// SPDX-License-Identifier: MIT
/*
 * m-threads-exit: the ways a thread ends, and the last thread ending the
 * process.
 *
 * 1. A thread calls pthread_exit(42) three calls deep; the joiner
 *    gets 42.
 * 2. A thread ends while three others are running; they go on, and end
 *    later with the work they did.
 * 3. A detached thread runs and ends with no one to join it.
 * 4. The main thread calls pthread_exit while thread D still runs: the
 *    process lives on in D (exit of one thread, not exit_group), and D
 *    then ends the whole process with exit(3). The program's status is 3,
 *    on Linux and on this kernel alike.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static atomic_int stop_workers, detached_done, main_gone;
static pid_t pid;

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&t, NULL);
}

/* A few frames down, so that pthread_exit has a stack to leave. */
static __attribute__((noinline)) void leave(void)
{
	pthread_exit((void *)(intptr_t)42);
}

static __attribute__((noinline)) void middle(void)
{
	leave();
}

static __attribute__((noinline)) void outer(void)
{
	middle();
}

static void *exits_deep(void *arg)
{
	(void)arg;
	outer();
	return (void *)(intptr_t)1; /* never reached */
}

static void *worker(void *arg)
{
	long n = 0;

	(void)arg;
	while (!atomic_load(&stop_workers)) {
		n++;
		if (n % 1000 == 0)
			sched_yield();
	}
	return (void *)(intptr_t)(n > 0);
}

static void *returns_at_once(void *arg)
{
	(void)arg;
	return (void *)(intptr_t)7;
}

static void *detached(void *arg)
{
	(void)arg;
	atomic_store(&detached_done, 1);
	return NULL;
}

static void *outlives_main(void *arg)
{
	(void)arg;
	while (!atomic_load(&main_gone))
		sched_yield();
	sleep_ms(100); /* let main's exit happen for certain */
	printf("thread D: the main thread is gone, getpid() still %s\n",
	       getpid() == pid ? "the same" : "DIFFERENT");
	printf("thread D: exit(3) ends the process\n");
	exit(3);
}

int main(void)
{
	pthread_t t, workers[3], d;
	void *ret = NULL;
	int all_worked = 1;

	check_start();
	pid = getpid();
	CHECK(pthread_create(&t, NULL, exits_deep, NULL) == 0 &&
		  pthread_join(t, &ret) == 0 && (intptr_t)ret == 42,
	      "pthread_exit(42) from 3 calls deep, joined: %ld",
	      (long)(intptr_t)ret);

	for (int i = 0; i < 3; i++)
		pthread_create(&workers[i], NULL, worker, NULL);
	CHECK(pthread_create(&t, NULL, returns_at_once, NULL) == 0 &&
		  pthread_join(t, &ret) == 0 && (intptr_t)ret == 7,
	      "a thread returned 7 while 3 others ran");
	sleep_ms(20);
	atomic_store(&stop_workers, 1);
	for (int i = 0; i < 3; i++) {
		pthread_join(workers[i], &ret);
		all_worked &= (intptr_t)ret == 1;
	}
	CHECK(all_worked, "the 3 others went on and ended");

	pthread_create(&t, NULL, detached, NULL);
	pthread_detach(t);
	for (int i = 0; i < 200 && !atomic_load(&detached_done); i++)
		sleep_ms(10);
	CHECK(atomic_load(&detached_done), "a detached thread ran and ended");

	if (check_failures)
		return check_finish("m-threads-exit");
	CHECK(pthread_create(&d, NULL, outlives_main, NULL) == 0,
	      "start thread D");
	printf("main: pthread_exit while thread D runs\n");
	atomic_store(&main_gone, 1);
	pthread_exit(NULL);
}
