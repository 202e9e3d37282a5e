// SPDX-License-Identifier: MIT
/*
 * The signal system calls that are not the frame's: actions
 * (rt_sigaction), the mask (rt_sigprocmask), sending (kill, tkill,
 * tgkill), waiting (pause, rt_sigsuspend, rt_sigtimedwait), and asking
 * (rt_sigpending, sigaltstack). Sending and delivery themselves, the
 * frame and rt_sigreturn are kernel/proc/signal.c's; docs/syscalls.md 16.
 */
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <uapi/errno.h>
#include <uapi/mman.h> /* SIG_BLOCK, ... */

/**
 * sys_rt_sigprocmask - rt_sigprocmask(how, set, oldset, sigsetsize)
 *
 * -EINVAL for a sigsetsize other than 8 or an unknown @how, -EFAULT for
 * an unreadable @set or unwritable @oldset (the new mask is set all the
 * same, as in Linux). SIGKILL and SIGSTOP are dropped from the mask.
 */
long sys_rt_sigprocmask(struct pt_regs *regs)
{
	int how = (int)regs->rdi;
	uint64_t uset = regs->rsi, uold = regs->rdx, set, old = current->sigmask;

	if (regs->r10 != sizeof(uint64_t))
		return -EINVAL;
	if (uset) {
		if (copy_from_user(&set, uset, sizeof(set)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK:
			current->sigmask |= set;
			break;
		case SIG_UNBLOCK:
			current->sigmask &= ~set;
			break;
		case SIG_SETMASK:
			current->sigmask = set;
			break;
		default:
			return -EINVAL;
		}
		current->sigmask &= ~UNBLOCKABLE;
		sigmask_lowered();
	}
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}


/**
 * sys_rt_sigaction - rt_sigaction(sig, act, oldact, sigsetsize)
 *
 * -EINVAL for a bad @sig or sigsetsize, or an action for SIGKILL or
 * SIGSTOP; -EFAULT for an unreadable @act (nothing changes) or an
 * unwritable @oldact (the new action stays).
 */
long sys_rt_sigaction(struct pt_regs *regs)
{
	long sig = (long)regs->rdi;
	uint64_t uact = regs->rsi, uold = regs->rdx;
	struct kernel_sigaction new, old;

	if (regs->r10 != sizeof(uint64_t) || !valid_signal(sig))
		return -EINVAL;
	if (uact && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	old = *action_of(current, (int)sig);
	if (uact) {
		if (copy_from_user(&new, uact, sizeof(new)))
			return -EFAULT;
		new.mask &= ~UNBLOCKABLE;
		*action_of(current, (int)sig) = new;
		if (new.handler == SIG_IGN ||
		    (new.handler == SIG_DFL && default_ignored((int)sig)))
			/* POSIX: a pending signal set to be ignored goes. */
			discard_group(current->leader, SIG_BIT(sig));
	}
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* Is @p one that kill(-1) signals: a process (its leader), not init and
 * not the caller (Linux's rule)? */
static bool kill_all_target(const struct process *p)
{
	return p->leader == p && p->state != PROC_UNUSED && p->pid != 1 &&
	       p != current->leader;
}

/**
 * sys_kill - kill(pid, sig): to process @pid, to the caller's process
 * group (0), to every process but init and the caller (-1), or to group
 * -pid. @sig 0 only checks that there is someone. -EINVAL, -ESRCH.
 *
 * A process is found in the pid hash and a group in the pgrp hash
 * (kernel/proc/pid.c); only -1 walks every process, once.
 */
long sys_kill(struct pt_regs *regs)
{
	long pid = (int)regs->rdi, sig = (int)regs->rsi;
	struct kernel_siginfo info = { .si_signo = (int)sig, .si_code = SI_USER };
	struct process *p;
	bool found = false;
	int pgid;

	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	info.kill.pid = current->tgid;
	if (pid > 0) {
		p = find_thread_any((int)pid); /* a zombie is there too */
		if (!p || p->leader != p)
			return -ESRCH;
		if (sig)
			send_signal(p, (int)sig, &info, true);
		return 0;
	}
	if (pid == -1) {
		for_each_process(p) {
			if (!kill_all_target(p))
				continue;
			found = true;
			if (sig)
				send_signal(p, (int)sig, &info, true);
		}
		return found ? 0 : -ESRCH;
	}
	pgid = pid == 0 ? current->leader->pgid : (int)-pid;
	for_each_in_pgrp(p, pgid) {
		if (p->state == PROC_UNUSED)
			continue;
		found = true;
		if (sig)
			send_signal(p, (int)sig, &info, true);
	}
	return found ? 0 : -ESRCH;
}

/**
 * kill_pgrp - the kernel sends @sig to every process of group @pgid,
 * si_code SI_KERNEL, as Linux's terminal sends ctrl-C's SIGINT and
 * ctrl-Z's SIGTSTP (a handler sees no sender pid)
 */
void kill_pgrp(int pgid, int sig)
{
	struct kernel_siginfo info = { .si_signo = sig, .si_code = SI_KERNEL };
	struct process *p;

	for_each_in_pgrp(p, pgid)
		if (p->state != PROC_UNUSED)
			send_signal(p, sig, &info, true);
}

/* tkill and tgkill: one thread, si_code SI_TKILL. */
static long thread_kill(long tgid, long tid, long sig)
{
	struct kernel_siginfo info = { .si_signo = (int)sig, .si_code = SI_TKILL };
	struct process *t;

	if (tid <= 0 || (tgid != -1 && tgid <= 0) || sig < 0 || sig > NSIG)
		return -EINVAL;
	t = find_thread((int)tid);
	if (!t || (tgid != -1 && t->tgid != tgid))
		return -ESRCH;
	info.kill.pid = current->tgid;
	if (sig)
		send_signal(t, (int)sig, &info, false);
	return 0;
}

long sys_tgkill(struct pt_regs *regs)
{
	return thread_kill((int)regs->rdi, (int)regs->rsi, (int)regs->rdx);
}

long sys_tkill(struct pt_regs *regs)
{
	return thread_kill(-1, (int)regs->rdi, (int)regs->rsi);
}

/** sys_rt_sigpending - the pending signals that are blocked */
long sys_rt_sigpending(struct pt_regs *regs)
{
	uint64_t set = (current->pending.set |
			current->leader->shared_pending.set) &
		       current->sigmask;

	if (regs->rsi > sizeof(uint64_t))
		return -EINVAL;
	if (copy_to_user(regs->rdi, &set, regs->rsi))
		return -EFAULT;
	return 0;
}

/* Sleep until a signal wants delivery; for pause and sigsuspend. */
static long wait_for_signal(void)
{
	while (!signal_pending(current))
		sleep_on(&current->pending);
	return -ERESTARTNOHAND;
}

/** sys_pause - sleep until a signal is delivered: -EINTR after its handler */
long sys_pause(struct pt_regs *regs)
{
	(void)regs;
	return wait_for_signal();
}

/**
 * sys_rt_sigsuspend - rt_sigsuspend(mask, sigsetsize): wait for a signal
 * with @mask in place; the old mask comes back after the handler
 */
long sys_rt_sigsuspend(struct pt_regs *regs)
{
	uint64_t mask;

	if (regs->rsi != sizeof(uint64_t))
		return -EINVAL;
	if (copy_from_user(&mask, regs->rdi, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->sigmask;
	current->restore_sigmask = true;
	current->sigmask = mask & ~UNBLOCKABLE;
	return wait_for_signal();
}

/**
 * sys_restart_syscall - restart_syscall(): go on with the wait a signal
 * interrupted, as the call that waited left it in current->restart (a
 * sleep, a poll). The kernel makes this call itself, never a program;
 * with nothing to go on with, -EINTR as Linux's do_no_restart_syscall.
 */
long sys_restart_syscall(struct pt_regs *regs)
{
	(void)regs;
	if (!current->restart.armed)
		return -EINTR;
	current->restart.armed = false;
	return current->restart.fn();
}

int set_user_sigmask(uint64_t umask, uint64_t size)
{
	uint64_t mask;

	if (!umask)
		return 0;
	if (size != sizeof(uint64_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->sigmask;
	current->restore_sigmask = true;
	current->sigmask = mask & ~UNBLOCKABLE;
	return 0;
}

void restore_saved_sigmask_unless(bool interrupted)
{
	if (interrupted || !current->restore_sigmask)
		return;
	current->sigmask = current->saved_sigmask;
	current->restore_sigmask = false;
	sigmask_lowered();
}

/**
 * sys_rt_sigtimedwait - rt_sigtimedwait(set, info, timeout, sigsetsize):
 * take a pending signal of @set (normally blocked) without a handler,
 * waiting at most @timeout (NULL: for ever). Returns the signal;
 * -EAGAIN at the timeout, -EINTR for another signal.
 */
long sys_rt_sigtimedwait(struct pt_regs *regs)
{
	uint64_t set, deadline = 0, saved;
	struct kernel_siginfo info;
	struct timespec ts;
	int sig;

	if (regs->r10 != sizeof(uint64_t))
		return -EINVAL;
	if (copy_from_user(&set, regs->rdi, sizeof(set)))
		return -EFAULT;
	set &= ~UNBLOCKABLE;
	if (regs->rdx) {
		if (copy_from_user(&ts, regs->rdx, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		deadline = time_deadline(CLOCK_MONOTONIC, false, &ts);
	}
	/* Let the signals of @set wake us while we wait, as Linux does. */
	saved = current->real_blocked = current->sigmask;
	current->sigmask &= ~set;
	for (;;) {
		sig = dequeue_signal(set, &info);
		if (sig || signal_pending(current))
			break;
		if (regs->rdx && clock_monotonic_ns() >= deadline)
			break;
		if (regs->rdx)
			sleep_on_until(&current->pending, deadline);
		else
			sleep_on(&current->pending);
	}
	current->sigmask = saved;
	current->real_blocked = 0;
	sigmask_lowered();
	if (!sig)
		return signal_pending(current) ? -EINTR : -EAGAIN;
	if (regs->rsi && copy_to_user(regs->rsi, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}

/**
 * sys_sigaltstack - sigaltstack(ss, old): the alternate stack handlers
 * with SA_ONSTACK run on. -EPERM while on it, -EINVAL for bad flags,
 * -ENOMEM below MINSIGSTKSZ, -EFAULT.
 */
long sys_sigaltstack(struct pt_regs *regs)
{
	sigstack_t old = altstack_of(current, regs->rsp), ss;

	if (regs->rdi) {
		int mode;

		if (copy_from_user(&ss, regs->rdi, sizeof(ss)))
			return -EFAULT;
		if (on_altstack(current, regs->rsp))
			return -EPERM;
		mode = ss.ss_flags & ~(int32_t)SS_AUTODISARM;
		if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			current->altstack_sp = current->altstack_size = 0;
			current->altstack_autodisarm = 0;
		} else {
			if (ss.ss_size < MINSIGSTKSZ)
				return -ENOMEM;
			current->altstack_sp = ss.ss_sp;
			current->altstack_size = ss.ss_size;
			current->altstack_autodisarm =
				(uint32_t)ss.ss_flags & SS_AUTODISARM;
		}
	}
	if (regs->rsi && copy_to_user(regs->rsi, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
