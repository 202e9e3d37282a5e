// SPDX-License-Identifier: MIT
/*
 * The scheduler: round-robin over runnable processes.
 *
 * scheduler_until_idle() runs on its caller's stack and switches to one
 * process at a time. A process comes back here through sched(): when it
 * yields (or the timer preempts it in ring 3), sleeps or ends. Each
 * switch points TSS.RSP0, IA32_SYSENTER_ESP and the SYSCALL entry's stack
 * at the process's own kernel stack and loads its page tables.
 *
 * Runnable processes wait in a queue, first in first out, so picking the
 * next one costs the same with two processes or two thousand. Sleepers
 * with a deadline (nanosleep, futex timeouts) wait in a list of their
 * own that the timer checks each tick; it wakes only those whose time
 * has come, rather than every sleeper to look at the clock. Sleepers
 * wait in a hash table by what they wait on (as Linux's wait queues
 * keep them by object), so wakeup() looks at those that sleep on the
 * same channel, or one that hashes alike, and not at every process.
 */
#include <kernel/fpu.h>
#include <kernel/io.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <uapi/errno.h>

void switch_context(uint64_t *save_rsp, uint64_t new_rsp);

static uint64_t scheduler_context;
static struct process *runq_head, *runq_tail; /* linked by run_next */
static struct process *timed_sleepers;        /* linked by timer_next */
/* Zombies nobody will wait for (proc_unwanted_zombie), linked by
 * reap_node: the scheduler frees them on its own stack. */
static struct list_node unwanted_zombies = { &unwanted_zombies,
					     &unwanted_zombies };

struct sched_stats sched_stats;

static void run(struct process *p)
{
	uint64_t ran;

	p->state = PROC_RUNNING;
	current = p;
	syscall_set_kernel_stack(p->kstack_top);
	vm_activate(p->as);
	fpu_switch_to(p);
	tls_switch_to(p);
	sched_stats.switches++;
	p->run_since = clock_monotonic_ns();
	switch_context(&scheduler_context, p->context);
	ran = clock_monotonic_ns() - p->run_since;
	p->cpu_ns += ran;
	sched_stats.busy_ns += ran;
	current = NULL;
	vm_activate_kernel();
}

/**
 * make_runnable - put @p at the end of the run queue (if it is not
 * there already). Every change to PROC_RUNNABLE goes through here.
 */
void make_runnable(struct process *p)
{
	if (p->state == PROC_RUNNABLE)
		return;
	p->state = PROC_RUNNABLE;
	p->run_next = NULL;
	if (runq_tail)
		runq_tail->run_next = p;
	else
		runq_head = p;
	runq_tail = p;
}

static struct process *runq_pop(void)
{
	struct process *p = runq_head;

	if (p) {
		runq_head = p->run_next;
		if (!runq_head)
			runq_tail = NULL;
	}
	return p;
}

/* @p may have become a zombie that the scheduler has to free: a thread
 * that ended, or a process without a parent once all of it has. */
void sched_note_zombie(struct process *p)
{
	if (proc_unwanted_zombie(p) && list_empty(&p->reap_node))
		list_add_tail(&p->reap_node, &unwanted_zombies);
}

static void free_unwanted_zombies(void)
{
	while (!list_empty(&unwanted_zombies)) {
		struct process *p = list_entry(unwanted_zombies.next,
					       struct process, reap_node);

		list_del(&p->reap_node);
		reap(p);
	}
}

/**
 * scheduler_until_idle - run processes until none is left
 *
 * Zombies nobody will wait for are freed here. When every process
 * sleeps, the CPU waits for the next timer interrupt with interrupts on
 * (the only place ring 0 enables them).
 */
void scheduler_until_idle(void)
{
	for (;;) {
		struct process *pick;

		free_unwanted_zombies();
		if (list_empty(&proc_list))
			return;
		pick = runq_pop();
		if (pick) {
			run(pick);
		} else {
			uint64_t since = clock_monotonic_ns();

			__asm__ volatile("sti; hlt; cli" ::: "memory");
			sched_stats.idle_ns += clock_monotonic_ns() - since;
		}
	}
}

void sched(void)
{
	switch_context(&current->context, scheduler_context);
}

void yield(void)
{
	make_runnable(current);
	sched();
}

/* 256 chains of sleepers, by channel (Fibonacci hashing of the address),
 * each in the order they fell asleep: wakeup() wakes them in that order.
 * A static table starts zeroed, which is no valid list: each chain
 * becomes an empty one at first use (as kernel/proc/pid.c's hashes). */
#define WAIT_HASH_BITS 8
static struct list_node sleepers[1u << WAIT_HASH_BITS];

static struct list_node *wait_chain(const void *chan)
{
	uint64_t h = (uint64_t)(uintptr_t)chan * 0x9e3779b97f4a7c15ull;
	struct list_node *head = &sleepers[h >> (64 - WAIT_HASH_BITS)];

	if (!head->next)
		list_init(head);
	return head;
}

/* Sleep until wakeup(@chan). Callers re-check their condition. */
void sleep_on(const void *chan)
{
	struct process *p = current;

	p->wait_on = chan;
	list_add_tail(&p->wait_node, wait_chain(chan));
	p->state = PROC_SLEEPING;
	sched();
	/* Woken, whoever woke it: out of the chain. */
	list_del(&p->wait_node);
	p->wait_on = NULL;
}

/**
 * sleep_on_until - sleep until wakeup(@chan) or until CLOCK_MONOTONIC
 * reaches @deadline (ns), whichever comes first; callers re-check both
 * their condition and the clock.
 */
void sleep_on_until(const void *chan, uint64_t deadline)
{
	struct process **pp;

	current->wake_at = deadline;
	current->timer_next = timed_sleepers;
	timed_sleepers = current;
	sleep_on(chan);
	for (pp = &timed_sleepers; *pp; pp = &(*pp)->timer_next) {
		if (*pp == current) {
			*pp = current->timer_next;
			break;
		}
	}
}

void wakeup(const void *chan)
{
	struct process *p;

	list_for_each_entry(p, wait_chain(chan), wait_node)
		if (p->state == PROC_SLEEPING && p->wait_on == chan)
			make_runnable(p);
}

/* Each timer tick: wake the sleepers whose deadline has passed. */
void wakeup_timed(void)
{
	uint64_t now;
	struct process *p;

	if (!timed_sleepers)
		return;
	now = clock_monotonic_ns();
	for (p = timed_sleepers; p; p = p->timer_next)
		if (p->state == PROC_SLEEPING && p->wake_at <= now)
			make_runnable(p);
}

/*
 * Wake @p alone, whatever it sleeps on: a futex WAKE, or it has been
 * killed. Its sleep loop re-checks why it slept.
 */
void wake_process(struct process *p)
{
	if (p->state == PROC_SLEEPING)
		make_runnable(p);
}

long sys_sched_yield(struct pt_regs *regs)
{
	(void)regs;
	yield();
	return 0;
}

/* --- load averages, as Linux's kernel/sched/loadavg.c ------------------- */

/*
 * Every 5 seconds (and a tick), each average moves towards the number of
 * threads that are running or want to run, by a factor of e^(-5/60),
 * e^(-5/300) and e^(-5/900): the 1, 5 and 15 minute load averages, in
 * fixed point with FSHIFT bits of fraction. Linux counts threads in
 * uninterruptible sleep too; here no sleep is one.
 */
#define LOAD_FREQ (5 * TIMER_HZ + 1)
#define EXP_1 1884  /* 1 / exp(5 s / 1 min) in fixed point */
#define EXP_5 2014  /* 1 / exp(5 s / 5 min) */
#define EXP_15 2037 /* 1 / exp(5 s / 15 min) */

static unsigned long calc_load(unsigned long load, unsigned long exp,
			       unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

int sched_nr_running(void)
{
	struct process *p;
	int n = 0;

	for_each_process(p)
		n += p->state == PROC_RUNNING || p->state == PROC_RUNNABLE;
	return n;
}

void sched_load_tick(void)
{
	static unsigned int countdown = LOAD_FREQ;
	unsigned long active;

	if (--countdown)
		return;
	countdown = LOAD_FREQ;
	active = (unsigned long)sched_nr_running() * FIXED_1;
	sched_stats.avenrun[0] = calc_load(sched_stats.avenrun[0], EXP_1, active);
	sched_stats.avenrun[1] = calc_load(sched_stats.avenrun[1], EXP_5, active);
	sched_stats.avenrun[2] = calc_load(sched_stats.avenrun[2], EXP_15, active);
}
