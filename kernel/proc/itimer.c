// SPDX-License-Identifier: MIT
/*
 * The real-time interval timer of each process: alarm(2), setitimer(2)
 * and getitimer(2) with ITIMER_REAL, which sends the process SIGALRM.
 *
 * Armed timers are a list of processes (their leaders); each timer tick
 * looks at them (signal_timer_tick), so the resolution is the tick's,
 * 10 ms. The timer belongs to the process: it survives execve, and a
 * thread's execve that takes the leader's place takes it along
 * (signal_timer_move). The virtual and profiling timers are not here.
 */
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <uapi/errno.h>

/* setitimer(2)'s, as Linux's <linux/time.h> (a uapi header of ours would
 * clash with it in the host tests, which include Linux's). */
#define ITIMER_REAL 0

struct itimerval {
	struct timeval it_interval; /* then every this long; 0: once */
	struct timeval it_value;    /* the time left; 0: disarmed */
};

/* Processes whose ITIMER_REAL is armed, linked by alarm_next. */
static struct process *alarms;

void signal_timer_cancel(struct process *leader)
{
	struct process **pp;

	leader->alarm_at = 0;
	for (pp = &alarms; *pp; pp = &(*pp)->alarm_next) {
		if (*pp == leader) {
			*pp = leader->alarm_next;
			break;
		}
	}
}

static void timer_arm(struct process *leader, uint64_t at, uint64_t interval)
{
	signal_timer_cancel(leader);
	leader->alarm_interval = interval;
	if (!at)
		return;
	leader->alarm_at = at;
	leader->alarm_next = alarms;
	alarms = leader;
}

void signal_timer_move(struct process *leader, uint64_t at, uint64_t every)
{
	timer_arm(leader, at, every);
}

void signal_timer_tick(void)
{
	struct kernel_siginfo info = { .si_signo = SIGALRM, .si_code = SI_KERNEL };
	struct process *p, *next;
	uint64_t now;

	if (!alarms)
		return;
	now = clock_monotonic_ns();
	for (p = alarms; p; p = next) {
		next = p->alarm_next;
		if (p->alarm_at > now)
			continue;
		send_signal(p, SIGALRM, &info, true);
		if (p->alarm_interval)
			p->alarm_at += p->alarm_interval *
				       ((now - p->alarm_at) / p->alarm_interval + 1);
		else
			signal_timer_cancel(p);
	}
}

/* A time in ns, saturating (as Linux's ktime) rather than wrapping: a
 * timer set for 2^62 seconds must not go off at once. */
#define TIMER_NS_MAX (UINT64_MAX / 4)

static uint64_t tv_to_ns(const struct timeval *tv)
{
	if ((uint64_t)tv->tv_sec >= TIMER_NS_MAX / NSEC_PER_SEC)
		return TIMER_NS_MAX;
	return (uint64_t)tv->tv_sec * NSEC_PER_SEC + (uint64_t)tv->tv_usec * 1000;
}

static struct timeval ns_to_tv(uint64_t ns)
{
	/* Rounded up to the microsecond, so a running timer never reads 0. */
	uint64_t us = (ns + 999) / 1000;

	return (struct timeval){ (int64_t)(us / 1000000), (int64_t)(us % 1000000) };
}

static struct itimerval timer_now(const struct process *leader)
{
	struct itimerval v = { { 0, 0 }, { 0, 0 } };
	uint64_t now = clock_monotonic_ns();

	v.it_interval = ns_to_tv(leader->alarm_interval);
	if (leader->alarm_at)
		v.it_value = ns_to_tv(leader->alarm_at > now
					      ? leader->alarm_at - now
					      : 1);
	return v;
}

static bool tv_valid(const struct timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

/**
 * sys_setitimer - setitimer(which, new, old): ITIMER_REAL only, which
 * sends the process SIGALRM when it runs out (and then every
 * it_interval). The virtual and profiling timers are -EINVAL here.
 */
long sys_setitimer(struct pt_regs *regs)
{
	struct process *leader = current->leader;
	struct itimerval new, old = timer_now(leader);

	if (regs->rdi != ITIMER_REAL)
		return -EINVAL;
	if (regs->rsi) {
		if (copy_from_user(&new, regs->rsi, sizeof(new)))
			return -EFAULT;
		if (!tv_valid(&new.it_value) || !tv_valid(&new.it_interval))
			return -EINVAL;
		timer_arm(leader,
			  tv_to_ns(&new.it_value)
				  ? clock_monotonic_ns() + tv_to_ns(&new.it_value)
				  : 0,
			  tv_to_ns(&new.it_interval));
	}
	if (regs->rdx && copy_to_user(regs->rdx, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/** sys_getitimer - getitimer(which, cur): ITIMER_REAL's time left */
long sys_getitimer(struct pt_regs *regs)
{
	struct itimerval v = timer_now(current->leader);

	if (regs->rdi != ITIMER_REAL)
		return -EINVAL;
	if (copy_to_user(regs->rsi, &v, sizeof(v)))
		return -EFAULT;
	return 0;
}

/**
 * sys_alarm - alarm(seconds): SIGALRM after @seconds (0: none); returns
 * the seconds the previous alarm had left, rounded as Linux rounds them
 */
long sys_alarm(struct pt_regs *regs)
{
	struct process *leader = current->leader;
	struct itimerval old = timer_now(leader);
	unsigned int secs = (unsigned int)regs->rdi;
	long left = old.it_value.tv_sec;

	timer_arm(leader,
		  secs ? clock_monotonic_ns() + (uint64_t)secs * NSEC_PER_SEC : 0,
		  0);
	if ((!left && old.it_value.tv_usec) || old.it_value.tv_usec >= 500000)
		left++;
	return left;
}
