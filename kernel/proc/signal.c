// SPDX-License-Identifier: MIT
/*
 * Signals: handlers, the blocked mask, sending, and delivery on the way
 * back to ring 3 with Linux's x86-64 signal frame (docs/syscalls.md
 * section 16).
 *
 * A signal sent to a thread (tkill, tgkill, a fault) waits in that
 * thread's pending set; one sent to a process (kill) in the process's
 * shared set, kept in its leader, for whichever thread does not block it.
 * A standard signal (1-31) is pending at most once; real-time ones
 * (32-64) queue, each with its siginfo.
 *
 * Delivery happens on every way back to ring 3: after a system call
 * (system_call_function, through any of the three entries), after an
 * interrupt (irq_handler) and after an exception that a handler catches
 * (trap_handler). do_signal() takes the lowest pending signal that is
 * not blocked: ignored, it goes; with the default action that ends the
 * process, the process ends; with a handler, the kernel writes an
 * rt_sigframe on the user stack and points the frame it returns through
 * at the handler. The handler returns into its restorer, which calls
 * rt_sigreturn (Linux's number 15; the seed programs' table keeps 15
 * empty), and rt_sigreturn checks everything it reads back before the
 * kernel returns through it.
 *
 * The frame itself, written here and read back by rt_sigreturn, is
 * kernel/proc/sigframe.c's. The system calls that set actions, masks and
 * stacks, send and wait are kernel/proc/sys_signal.c's; alarm and
 * setitimer kernel/proc/itimer.c's.
 *
 * One CPU and a kernel that is not preemptible: no locks.
 */
#include <stddef.h>

#include <kernel/console.h>
#include <kernel/fpu.h>
#include <kernel/heap.h>
#include <kernel/msr.h>
#include <kernel/pmm.h>
#include <kernel/proc.h>
#include <kernel/segment.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/mman.h> /* SIG_BLOCK, ... */

_Static_assert(sizeof(struct sighand) <= PAGE_SIZE, "sighand takes a page");

bool valid_signal(long sig)
{
	return sig >= 1 && sig <= NSIG;
}

/* --- handler tables --------------------------------------------------- */

struct sighand *sighand_new(void)
{
	uint64_t page = alloc_page(); /* zeroed: every action SIG_DFL */
	struct sighand *h;

	if (!page)
		return NULL;
	h = PHYS_TO_VIRT(page);
	h->users = 1;
	return h;
}

struct sighand *sighand_get(struct sighand *h)
{
	h->users++;
	return h;
}

/* A copy of @h with one user (fork's), or NULL. The handlers fill
 * most of their page: copying the whole page at once (rep movsq, 512
 * moves) costs less than a zeroed page and the actions copied into it. */
struct sighand *sighand_copy(const struct sighand *h)
{
	uint64_t page = alloc_page_copy((uint64_t)h - PHYS_MAP_BASE);
	struct sighand *n;

	if (!page)
		return NULL;
	n = PHYS_TO_VIRT(page);
	n->users = 1;
	return n;
}

void sighand_put(struct sighand *h)
{
	if (--h->users == 0)
		free_page((uint64_t)h - PHYS_MAP_BASE);
}

int sighand_exec(struct sighand **hp)
{
	struct sighand *h = *hp;

	if (h->users > 1) { /* shared with a vfork parent, say: unshare */
		struct sighand *n = sighand_copy(h);

		if (!n)
			return -ENOMEM;
		sighand_put(h);
		*hp = h = n;
	}
	/* A handler lives in the old program: back to the default. Ignored
	 * signals stay ignored, as POSIX says; flags, mask and restorer go
	 * for all (Linux's flush_signal_handlers()). */
	for (unsigned int i = 0; i < NSIG; i++) {
		uint64_t handler = h->action[i].handler;

		h->action[i] = (struct kernel_sigaction){ 0 };
		if (handler == SIG_IGN)
			h->action[i].handler = SIG_IGN;
	}
	return 0;
}

void sigpending_flush(struct sigpending *p)
{
	while (p->head) {
		struct sigqueue *q = p->head;

		p->head = q->next;
		kfree(q);
	}
	p->set = 0;
}

/* --- default actions -------------------------------------------------- */

bool default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH ||
	       sig == SIGCONT;
}

/* Their default action stops the process until SIGCONT. */
static bool default_stops(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

struct kernel_sigaction *action_of(const struct process *p, int sig)
{
	return &p->sighand->action[sig - 1];
}

/* Would @sig be thrown away on arrival at @t? Not while @t blocks it: a
 * blocked signal waits, whatever its action may be when unblocked. Nor
 * while @t waits for it in rt_sigtimedwait, which lifts the block only
 * to be woken (Linux's real_blocked): a SIGCHLD awaited so is taken,
 * though its default is to be ignored. */
static bool ignored_on_arrival(const struct process *t, int sig)
{
	const struct kernel_sigaction *ka = action_of(t, sig);

	if ((t->sigmask | t->real_blocked) & SIG_BIT(sig))
		return false;
	if (ka->handler == SIG_IGN)
		return true;
	return ka->handler == SIG_DFL && default_ignored(sig);
}

#define STOP_SIGNALS                                                           \
	(SIG_BIT(SIGSTOP) | SIG_BIT(SIGTSTP) | SIG_BIT(SIGTTIN) |              \
	 SIG_BIT(SIGTTOU))

static void discard_in(struct sigpending *pend, uint64_t which);

/* Drop the pending signals of @which, everywhere in @leader's process. */
void discard_group(struct process *leader, uint64_t which)
{
	struct process *q;

	for_each_thread(leader, q)
		discard_in(&q->pending, which);
	discard_in(&leader->shared_pending, which);
}

/* Tell the parent of @leader's process that it stopped or continued:
 * wait4 with WUNTRACED or WCONTINUED, and SIGCHLD (CLD_STOPPED or
 * CLD_CONTINUED) unless its handler asked for SA_NOCLDSTOP. */
static void notify_parent_stop(struct process *leader, int event)
{
	struct process *parent = leader->parent;
	struct kernel_siginfo info = { .si_signo = SIGCHLD };
	const struct kernel_sigaction *ka;

	leader->wait_event = event;
	if (!parent)
		return;
	ka = action_of(parent, SIGCHLD);
	if (!(ka->flags & SA_NOCLDSTOP)) {
		info.si_code = event == WEV_STOPPED ? CLD_STOPPED : CLD_CONTINUED;
		info.chld.pid = leader->pid;
		info.chld.status =
			event == WEV_STOPPED ? leader->stop_sig : SIGCONT;
		send_signal(parent, SIGCHLD, &info, true);
	}
	wakeup(parent);
}

/* --- sending ------------------------------------------------------------ */

bool signal_pending(const struct process *p)
{
	return p->killed || p->leader->stopped ||
	       ((p->pending.set | p->leader->shared_pending.set) & ~p->sigmask);
}

/*
 * The sigpending hint (struct process, in its slow_exit word) spares the
 * way out of every system call the whole signal_pending() test: it is
 * set for a thread whenever something may have given it a signal to
 * deliver (a signal sent to it or to its process, its process stopped,
 * its mask lowered over a waiting signal), and only do_signal() clears
 * it, when it has found there is nothing left. A hint set for nothing
 * costs one slow way out. A hint missed would delay a signal until the
 * next timer tick that finds the thread in ring 3 (timer.c calls
 * do_signal() there), never lose it.
 */
static void hint_process(struct process *leader)
{
	struct process *q;

	for_each_thread(leader, q)
		q->sigpending = true;
}

void sigmask_lowered(void)
{
	if (signal_pending(current))
		current->sigpending = true;
}

static void queue_info(struct sigpending *pend, const struct kernel_siginfo *info)
{
	struct sigqueue *q = kmalloc(sizeof(*q)), **tail = &pend->head;

	if (!q)
		return; /* the bit is set all the same; dequeue makes one up */
	q->next = NULL;
	q->info = *info;
	while (*tail)
		tail = &(*tail)->next;
	*tail = q;
}

int send_signal(struct process *t, int sig, const struct kernel_siginfo *info,
		bool group)
{
	struct sigpending *pend;
	struct process *q;

	/* A process is there while any thread of it is; a thread while it
	 * has not ended. */
	if (t->state == PROC_UNUSED ||
	    (group ? t->leader->threads == 0 : t->state == PROC_ZOMBIE))
		return 0;
	if (sig == SIGKILL) {
		/* Nothing stops it: every thread ends at its next chance. */
		for_each_thread(t->leader, q) {
			if (q->state == PROC_ZOMBIE)
				continue;
			if (!q->killed)
				q->killed = SIGKILL;
			wake_process(q);
		}
		return 0;
	}
	/* SIGCONT continues a stopped process whatever its action, and
	 * cancels pending stops; a stop cancels a pending SIGCONT. */
	if (sig == SIGCONT) {
		struct process *l = t->leader;

		discard_group(l, STOP_SIGNALS);
		if (l->stopped) {
			l->stopped = false;
			wakeup(&l->stopped);
			notify_parent_stop(l, WEV_CONTINUED);
		}
	} else if (SIG_BIT(sig) & STOP_SIGNALS) {
		discard_group(t->leader, SIG_BIT(SIGCONT));
	}
	if (ignored_on_arrival(t, sig))
		return 0;
	pend = group ? &t->leader->shared_pending : &t->pending;
	if (sig < SIGRTMIN_KERNEL && (pend->set & SIG_BIT(sig)))
		return 0; /* a standard signal is pending once */
	queue_info(pend, info);
	pend->set |= SIG_BIT(sig);
	if (group)
		hint_process(t->leader);
	else
		t->sigpending = true;
	/* Wake a thread that will take it: @t, or for a process any of its
	 * threads that does not block it. */
	if (!(t->sigmask & SIG_BIT(sig)) && t->state != PROC_ZOMBIE) {
		wake_process(t);
		return 0;
	}
	if (group) {
		for_each_thread(t->leader, q) {
			if (q->state != PROC_ZOMBIE &&
			    !(q->sigmask & SIG_BIT(sig))) {
				wake_process(q);
				break;
			}
		}
	}
	return 0;
}

static void take(struct sigpending *pend, int sig,
		 struct kernel_siginfo *info);

static void discard_in(struct sigpending *pend, uint64_t which)
{
	struct kernel_siginfo info;

	while (pend->set & which)
		take(pend, __builtin_ctzll(pend->set & which) + 1, &info);
}

/* Take @sig's first siginfo out of @pend (the bit goes with the last). */
static void take(struct sigpending *pend, int sig, struct kernel_siginfo *info)
{
	struct sigqueue **pp = &pend->head, *q;
	bool more = false;

	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = SI_KERNEL;
	for (; *pp; pp = &(*pp)->next) {
		if ((*pp)->info.si_signo != sig)
			continue;
		q = *pp;
		*pp = q->next;
		*info = q->info;
		kfree(q);
		break;
	}
	for (q = pend->head; q; q = q->next)
		if (q->info.si_signo == sig)
			more = true;
	if (!more)
		pend->set &= ~SIG_BIT(sig);
}

/* The next signal for the current thread among @allowed: its own first,
 * then its process's, lowest number first. 0 for none. */
int dequeue_signal(uint64_t allowed, struct kernel_siginfo *info)
{
	struct sigpending *own = &current->pending;
	struct sigpending *shared = &current->leader->shared_pending;
	uint64_t set;

	set = own->set & allowed;
	if (set) {
		take(own, __builtin_ctzll(set) + 1, info);
		return info->si_signo;
	}
	set = shared->set & allowed;
	if (set) {
		take(shared, __builtin_ctzll(set) + 1, info);
		return info->si_signo;
	}
	return 0;
}

/* How a system call interrupted by a signal goes on: -EINTR, or the same
 * call again (RIP back over the 2-byte SYSCALL or int 0x80, RAX the
 * number once more). SYSENTER returns to an address of the caller's
 * choosing, not to the instruction, so its calls are never restarted. */
static void restart_or_eintr(struct pt_regs *regs, bool restart)
{
	if (restart && regs->vector != ENTRY_SYSENTER) {
		/* A sleep goes on with what is left of it (Linux's restart
		 * block), not from the start again. */
		regs->rax = (long)regs->rax == -ERESTART_RESTARTBLOCK
				    ? __NR_restart_syscall
				    : regs->orig_rax;
		regs->rip -= 2;
	} else {
		regs->rax = (uint64_t)-EINTR;
		current->restart.armed = false;
	}
}

/* The default action of a stop signal: every thread of the process
 * stops where it is, on its way back to ring 3, until SIGCONT (or
 * SIGKILL). */
static void group_stop(int sig)
{
	struct process *l = current->leader, *q;

	if (l->stopped)
		return;
	l->stopped = true;
	l->stop_sig = sig;
	for_each_thread(l, q) {
		q->sigpending = true; /* each stops on its way out */
		if (q != current)
			wake_process(q); /* out of its sleep, into the stop */
	}
	notify_parent_stop(l, WEV_STOPPED);
}

static __attribute__((noreturn)) void die_of(int sig)
{
	current->result.how = TASK_KILLED;
	current->result.vector = TASK_NO_VECTOR;
	/* On a line of its own: the terminal may have echoed ^C. */
	if (kernel_reports_on(current))
		printk("%spid %d (%s): killed by signal %d\n",
		       console_at_line_start() ? "" : "\n", current->tgid,
		       current->name, sig);
	proc_exit(sig);
}

void do_signal(struct pt_regs *regs, bool from_syscall)
{
	long ret = (long)regs->rax;
	bool interrupted = from_syscall && current &&
			   regs->orig_rax != NO_SYSCALL &&
			   (ret == -ERESTARTSYS || ret == -ERESTARTNOHAND ||
			    ret == -ERESTART_RESTARTBLOCK);
	uint64_t oldmask;
	struct kernel_siginfo info;
	bool delivered = false;

	if (!current || !user_mode(regs))
		return;
	/* Whatever the hint said, this looks for itself (see hint_process). */
	current->sigpending = false;
	/* The common case, on every return to ring 3: nothing to do. */
	if (!interrupted && !current->restore_sigmask &&
	    !signal_pending(current))
		return;
	oldmask = current->restore_sigmask ? current->saved_sigmask
					   : current->sigmask;
	for (;;) {
		struct kernel_sigaction *ka;
		int sig;

		proc_check_killed();
		if (current->leader->stopped) {
			sleep_on(&current->leader->stopped);
			continue;
		}
		sig = dequeue_signal(~current->sigmask, &info);
		if (!sig)
			break;
		ka = action_of(current, sig);
		if (ka->handler == SIG_IGN)
			continue;
		if (ka->handler == SIG_DFL) {
			if (default_ignored(sig))
				continue;
			/* The terminal's stops do nothing to an orphaned
			 * group, which nobody would continue; SIGSTOP always
			 * stops (Linux's get_signal). */
			if (default_stops(sig)) {
				if (sig == SIGSTOP ||
				    !pgrp_orphaned(current->leader->pgid))
					group_stop(sig);
				continue;
			}
			die_of(sig);
		}
		if (interrupted)
			restart_or_eintr(regs, ret == -ERESTARTSYS &&
						       (ka->flags & SA_RESTART));
		/* Save what the entry's ABI would have returned: RFLAGS
		 * with IF (SYSENTER cleared it on the way in), RCX and R11
		 * for SYSCALL, RDX and RCX for SYSENTER. Not when the call
		 * replaced the frame (rt_sigreturn, execve): it holds a
		 * whole context of the program's, and its RCX and R11 (or
		 * RDX and RCX) are the program's own, as they were. */
		if (from_syscall && !current->frame_replaced)
			syscall_fixup_frame(regs);
		if (__builtin_expect(syscall_trace_on, 0))
			trace_signal(&info);
		current->restore_sigmask = false;
		setup_frame(sig, ka, &info, regs, oldmask);
		/* As Linux (exit_to_user_mode_loop): every signal that can
		 * be delivered now is, before the return to ring 3. The
		 * next frame goes on top of this one, so its handler runs
		 * first and returns into this one's. Its saved mask is the
		 * one this handler runs with. */
		delivered = true;
		interrupted = from_syscall = false;
		oldmask = current->sigmask;
	}
	if (delivered)
		return;
	/* Woken for a signal that then needed no handler: carry on. */
	if (interrupted)
		restart_or_eintr(regs, true);
	if (current->restore_sigmask) {
		current->sigmask = current->saved_sigmask;
		current->restore_sigmask = false;
		sigmask_lowered();
	}
}

bool signal_fault(struct pt_regs *regs, int sig, int code, uint64_t addr)
{
	const struct kernel_sigaction *ka = action_of(current, sig);
	struct kernel_siginfo info = { .si_signo = sig, .si_code = code };

	/* Blocked or not handled: Linux forces the default, which ends the
	 * process; the caller does that, with its line about the fault. */
	if ((current->sigmask & SIG_BIT(sig)) || ka->handler == SIG_DFL ||
	    ka->handler == SIG_IGN)
		return false;
	info.fault.addr = addr;
	queue_info(&current->pending, &info);
	current->pending.set |= SIG_BIT(sig);
	do_signal(regs, false);
	return true;
}
