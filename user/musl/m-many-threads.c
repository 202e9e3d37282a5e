// SPDX-License-Identifier: MIT
/*
 * m-many-threads: a thousand threads alive at once, then all gone.
 *
 * Processes and threads are limited by memory only (issue 8 asks for at
 * least 1000 with 256 MiB): NTHREADS threads start, each with a small
 * stack, and all wait on one condition variable until the last has
 * started; then a broadcast releases them (musl's broadcast wakes one
 * and requeues the rest onto the mutex: FUTEX_REQUEUE), each adds its
 * number to a sum, and all are joined. Every thread also checks that it
 * has a thread id of its own. The same on Linux.
 */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define NTHREADS 1000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_started = PTHREAD_COND_INITIALIZER;
static int started, go;
static long sum;
static pid_t tids[NTHREADS];

static void *member(void *arg)
{
	long i = (long)arg;

	tids[i] = (pid_t)syscall(SYS_gettid);
	pthread_mutex_lock(&lock);
	started++;
	while (!go)
		pthread_cond_wait(&all_started, &lock);
	sum += i + 1;
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(void)
{
	static pthread_t threads[NTHREADS];
	pthread_attr_t attr;
	int made = 0, distinct = 1, waited = 0;

	check_start();
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 16384);
	for (long i = 0; i < NTHREADS; i++) {
		if (pthread_create(&threads[i], &attr, member, (void *)i))
			break;
		made++;
	}
	CHECK(made == NTHREADS, "%d threads created", NTHREADS);
	for (;;) {
		pthread_mutex_lock(&lock);
		if (started == made) {
			printf("all %d threads alive and waiting\n", made);
			go = 1;
			pthread_cond_broadcast(&all_started);
			pthread_mutex_unlock(&lock);
			break;
		}
		pthread_mutex_unlock(&lock);
		usleep(1000);
		waited++;
	}
	for (int i = 0; i < made; i++)
		pthread_join(threads[i], NULL);
	CHECK(sum == (long)NTHREADS * (NTHREADS + 1) / 2,
	      "every thread ran after the broadcast (sum %ld)", sum);
	for (int i = 0; i < made; i++)
		for (int j = i + 1; j < i + 8 && j < made; j++)
			distinct &= tids[i] != tids[j] && tids[i] > 0;
	CHECK(distinct, "each thread its own id");
	CHECK(getpid() == (pid_t)syscall(SYS_gettid),
	      "the main thread's id is the process id");
	return check_finish("m-many-threads");
}
