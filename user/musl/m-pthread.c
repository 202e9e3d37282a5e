// SPDX-License-Identifier: MIT
/*
 * m-pthread: threads, mutexes and condition variables (futex underneath).
 *
 * 1. Two producers and two consumers share a bounded queue guarded by one
 *    mutex and two condition variables; the queue is small, so both sides
 *    block often. Every item is consumed exactly once: the counts and the
 *    sum of the items come out exactly.
 * 2. Four threads increment one counter under a mutex: no update is lost.
 * 3. 100 threads are created and joined one after the other, each
 *    returning a value computed from its argument (so thread stacks,
 *    return values and the exit of a thread that is joined all work a
 *    hundred times, and nothing runs out).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include "check.h"

#define QUEUE_SIZE 4
#define ITEMS_PER_PRODUCER 5000
#define INCREMENTS 20000
#define IN_TURN 100

static struct {
	pthread_mutex_t lock;
	pthread_cond_t not_full, not_empty;
	long items[QUEUE_SIZE];
	int head, count;
	int producers_left;
} queue = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.not_full = PTHREAD_COND_INITIALIZER,
	.not_empty = PTHREAD_COND_INITIALIZER,
	.producers_left = 2,
};

struct consumed {
	long count, sum;
};

static void *producer(void *arg)
{
	long base = (long)(intptr_t)arg;

	for (long i = 1; i <= ITEMS_PER_PRODUCER; i++) {
		pthread_mutex_lock(&queue.lock);
		while (queue.count == QUEUE_SIZE)
			pthread_cond_wait(&queue.not_full, &queue.lock);
		queue.items[(queue.head + queue.count) % QUEUE_SIZE] = base + i;
		queue.count++;
		pthread_cond_signal(&queue.not_empty);
		pthread_mutex_unlock(&queue.lock);
	}
	pthread_mutex_lock(&queue.lock);
	queue.producers_left--;
	pthread_cond_broadcast(&queue.not_empty); /* wake consumers to end */
	pthread_mutex_unlock(&queue.lock);
	return NULL;
}

static void *consumer(void *arg)
{
	struct consumed *c = arg;

	pthread_mutex_lock(&queue.lock);
	for (;;) {
		while (queue.count == 0 && queue.producers_left > 0)
			pthread_cond_wait(&queue.not_empty, &queue.lock);
		if (queue.count == 0)
			break;
		c->sum += queue.items[queue.head];
		c->count++;
		queue.head = (queue.head + 1) % QUEUE_SIZE;
		queue.count--;
		pthread_cond_signal(&queue.not_full);
	}
	pthread_mutex_unlock(&queue.lock);
	return NULL;
}

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *incrementer(void *arg)
{
	(void)arg;
	for (int i = 0; i < INCREMENTS; i++) {
		pthread_mutex_lock(&counter_lock);
		counter++;
		pthread_mutex_unlock(&counter_lock);
	}
	return NULL;
}

static void *square(void *arg)
{
	long n = (long)(intptr_t)arg;

	return (void *)(intptr_t)(n * n);
}

int main(void)
{
	struct consumed got[2] = { { 0, 0 }, { 0, 0 } };
	pthread_t t[4];
	long want_sum = 0, sum = 0, count = 0;
	int created = 0;

	check_start();
	/* Producer p makes p * 1000000 + 1 ... p * 1000000 + ITEMS. */
	for (long p = 1; p <= 2; p++)
		for (long i = 1; i <= ITEMS_PER_PRODUCER; i++)
			want_sum += p * 1000000 + i;
	CHECK(pthread_create(&t[0], NULL, consumer, &got[0]) == 0 &&
		  pthread_create(&t[1], NULL, consumer, &got[1]) == 0 &&
		  pthread_create(&t[2], NULL, producer,
				 (void *)(intptr_t)1000000) == 0 &&
		  pthread_create(&t[3], NULL, producer,
				 (void *)(intptr_t)2000000) == 0,
	      "start 2 producers and 2 consumers");
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < 2; i++) {
		count += got[i].count;
		sum += got[i].sum;
	}
	printf("produced %d items, consumed %ld, sum %ld\n",
	       2 * ITEMS_PER_PRODUCER, count, sum);
	CHECK(count == 2 * ITEMS_PER_PRODUCER && sum == want_sum,
	      "every item consumed exactly once");

	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, incrementer, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("counter %ld after 4 threads x %d increments\n", counter,
	       INCREMENTS);
	CHECK(counter == 4L * INCREMENTS, "no increment lost");

	sum = 0;
	for (long i = 0; i < IN_TURN; i++) {
		pthread_t one;
		void *ret;

		if (pthread_create(&one, NULL, square, (void *)(intptr_t)i))
			break;
		created++;
		if (pthread_join(one, &ret))
			break;
		sum += (long)(intptr_t)ret;
	}
	printf("%d threads created and joined in turn, sum of squares %ld\n",
	       created, sum);
	CHECK(created == IN_TURN && sum == 328350, "100 threads in turn");
	return check_finish("m-pthread");
}
