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

/* SIGKILL and SIGSTOP cannot be blocked, caught or ignored. */
#define UNBLOCKABLE (SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP))
#define RED_ZONE 128 /* the ABI's: below RSP, leaf functions' own */

_Static_assert(sizeof(struct kernel_siginfo) == 128, "siginfo is 128 bytes");
_Static_assert(sizeof(struct sigcontext64) == 256, "sigcontext");
_Static_assert(sizeof(struct ucontext64) == 304, "ucontext");
_Static_assert(sizeof(struct sighand) <= PAGE_SIZE, "sighand takes a page");

static bool valid_signal(long sig)
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

struct sighand *sighand_copy(const struct sighand *h)
{
	struct sighand *n = sighand_new();

	if (n)
		memcpy(n->action, h->action, sizeof(n->action));
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

static bool default_ignored(int sig)
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

static struct kernel_sigaction *action_of(const struct process *p, int sig)
{
	return &p->sighand->action[sig - 1];
}

/* Would @sig be thrown away on arrival at @t? Not while @t blocks it: a
 * blocked signal waits, whatever its action may be when unblocked. */
static bool ignored_on_arrival(const struct process *t, int sig)
{
	const struct kernel_sigaction *ka = action_of(t, sig);

	if (t->sigmask & SIG_BIT(sig))
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
static void discard_group(struct process *leader, uint64_t which)
{
	struct process *q;

	for_each_process(q)
		if (q->leader == leader)
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
		for_each_process(q) {
			if (q->leader != t->leader || q->state == PROC_ZOMBIE)
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
	/* Wake a thread that will take it: @t, or for a process any of its
	 * threads that does not block it. */
	if (!(t->sigmask & SIG_BIT(sig)) && t->state != PROC_ZOMBIE) {
		wake_process(t);
		return 0;
	}
	if (group) {
		for_each_process(q) {
			if (q->leader == t->leader && q->state != PROC_ZOMBIE &&
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
static int dequeue_signal(uint64_t allowed, struct kernel_siginfo *info)
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

/* --- the frame ------------------------------------------------------------ */

static bool on_altstack(const struct process *p, uint64_t sp)
{
	return p->altstack_size && sp > p->altstack_sp &&
	       sp - p->altstack_sp <= p->altstack_size;
}

static sigstack_t altstack_of(const struct process *p, uint64_t sp)
{
	sigstack_t s = { p->altstack_sp, 0, 0, p->altstack_size };

	if (!p->altstack_size)
		s.ss_flags = SS_DISABLE;
	else if (on_altstack(p, sp))
		s.ss_flags = SS_ONSTACK;
	s.ss_flags |= (int32_t)p->altstack_autodisarm;
	return s;
}

/* End the current process with @sig: the frame cannot be made or
 * trusted (Linux sends SIGSEGV; nothing here can catch it then). */
static __attribute__((noreturn)) void frame_fault(struct pt_regs *regs,
						  const char *why)
{
	current->result.how = TASK_KILLED;
	current->result.vector = TASK_NO_VECTOR;
	current->result.rip = regs->rip;
	color_printk(RED, BLACK, "pid %d (%s): killed by SIGSEGV: %s\n",
		     current->pid, current->name, why);
	proc_exit(SIGSEGV);
}

/* Write the frame for @sig and point @regs at the handler. */
static void setup_frame(int sig, struct kernel_sigaction *ka,
			const struct kernel_siginfo *info, struct pt_regs *regs,
			uint64_t oldmask)
{
	struct rt_sigframe f;
	struct sigcontext64 *sc = &f.uc.uc_mcontext;
	uint64_t sp = regs->rsp, fpstate, frame;

	if ((ka->flags & SA_ONSTACK) && current->altstack_size &&
	    !on_altstack(current, sp))
		sp = current->altstack_sp + current->altstack_size;
	else
		sp -= RED_ZONE;
	fpstate = (sp - sizeof(struct fpu_state)) & ~63ull;
	frame = ((fpstate - sizeof(f)) & ~15ull) - 8; /* as after a call */

	memset(&f, 0, sizeof(f));
	f.pretcode = ka->restorer;
	f.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	f.uc.uc_stack = altstack_of(current, regs->rsp);
	*sc = (struct sigcontext64){
		.r8 = regs->r8, .r9 = regs->r9, .r10 = regs->r10,
		.r11 = regs->r11, .r12 = regs->r12, .r13 = regs->r13,
		.r14 = regs->r14, .r15 = regs->r15, .rdi = regs->rdi,
		.rsi = regs->rsi, .rbp = regs->rbp, .rbx = regs->rbx,
		.rdx = regs->rdx, .rax = regs->rax, .rcx = regs->rcx,
		.rsp = regs->rsp, .rip = regs->rip, .eflags = regs->rflags,
		.cs = (uint16_t)regs->cs, .ss = (uint16_t)regs->ss,
		.oldmask = oldmask, .fpstate = fpstate,
	};
	if (regs->vector < 32) { /* an exception: what the CPU said */
		sc->trapno = regs->vector;
		sc->err = regs->error_code;
		sc->cr2 = info->fault.addr;
	}
	f.uc.uc_sigmask = oldmask;
	f.info = *info;

	/* x86-64 Linux insists on a restorer: without one the handler has
	 * nowhere to return to. */
	if (!(ka->flags & SA_RESTORER))
		frame_fault(regs, "handler without SA_RESTORER");
	if (ka->handler < PAGE_SIZE || ka->handler >= USER_SPACE_END)
		frame_fault(regs, "handler outside user space");
	fpu_save(current);
	if (copy_to_user(fpstate, &current->fpu, sizeof(current->fpu)) ||
	    copy_to_user(frame, &f, sizeof(f)))
		frame_fault(regs, "cannot write the signal frame");

	regs->rdi = (uint64_t)sig;
	regs->rsi = frame + offsetof(struct rt_sigframe, info);
	regs->rdx = frame + offsetof(struct rt_sigframe, uc);
	regs->rax = 0;
	regs->rip = ka->handler;
	regs->rsp = frame;
	regs->rflags &= ~(RFLAGS_DF | RFLAGS_TF | RFLAGS_RF);
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	current->frame_replaced = true; /* return by IRETQ, as it is */
	if (current->altstack_autodisarm && on_altstack(current, frame + 8)) {
		current->altstack_sp = current->altstack_size = 0;
		current->altstack_autodisarm = 0;
	}

	/* The handler starts with a clean FPU (as Linux's) and with @sig
	 * and its sa_mask blocked. */
	fpu_reset(current);
	current->sigmask |= ka->mask;
	if (!(ka->flags & SA_NODEFER))
		current->sigmask |= SIG_BIT(sig);
	current->sigmask &= ~UNBLOCKABLE;
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
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
				    : current->syscall_nr;
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
	for_each_process(q)
		if (q->leader == l && q != current)
			wake_process(q); /* out of its sleep, into the stop */
	notify_parent_stop(l, WEV_STOPPED);
}

static __attribute__((noreturn)) void die_of(int sig)
{
	current->result.how = TASK_KILLED;
	current->result.vector = TASK_NO_VECTOR;
	printk("pid %d (%s): killed by signal %d\n", current->tgid,
	       current->name, sig);
	proc_exit(sig);
}

void do_signal(struct pt_regs *regs, bool from_syscall)
{
	long ret = (long)regs->rax;
	bool interrupted = from_syscall && current &&
			   current->syscall_nr != NO_SYSCALL &&
			   (ret == -ERESTARTSYS || ret == -ERESTARTNOHAND ||
			    ret == -ERESTART_RESTARTBLOCK);
	uint64_t oldmask;
	struct kernel_siginfo info;

	if (!current || !user_mode(regs))
		return;
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
			if (default_stops(sig)) {
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
		 * for SYSCALL, RDX and RCX for SYSENTER. */
		if (from_syscall)
			syscall_fixup_frame(regs);
		if (__builtin_expect(syscall_trace_on, 0))
			trace_signal(&info);
		current->restore_sigmask = false;
		setup_frame(sig, ka, &info, regs, oldmask);
		return;
	}
	/* Woken for a signal that then needed no handler: carry on. */
	if (interrupted)
		restart_or_eintr(regs, true);
	if (current->restore_sigmask) {
		current->sigmask = current->saved_sigmask;
		current->restore_sigmask = false;
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

/* --- system calls ------------------------------------------------------- */

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

/**
 * sys_rt_sigreturn - return from a handler: restore what the frame at
 * RSP - 8 saved, after checking every value the kernel would otherwise
 * trust (docs/syscalls.md 16.3); a bad frame ends the process.
 */
long sys_rt_sigreturn(struct pt_regs *regs)
{
	const uint64_t allowed_flags =
		RFLAGS_CF | RFLAGS_FIXED | BIT(2) | BIT(4) | BIT(6) | BIT(7) |
		RFLAGS_TF | RFLAGS_IF | RFLAGS_DF | BIT(11) | RFLAGS_RF |
		RFLAGS_AC | BIT(21);
	uint64_t frame = regs->rsp - 8;
	struct rt_sigframe f;

	/* Whatever RAX comes back, it is no interrupted call to restart. */
	current->syscall_nr = NO_SYSCALL;
	const struct sigcontext64 *sc = &f.uc.uc_mcontext;
	struct fpu_state fpu;

	if (copy_from_user(&f, frame, sizeof(f)))
		frame_fault(regs, "rt_sigreturn: frame not readable");
	if (!is_canonical(sc->rip) || sc->rip >= USER_SPACE_END)
		frame_fault(regs, "rt_sigreturn: RIP not a user address");
	if (!is_canonical(sc->rsp) || sc->rsp >= USER_SPACE_END)
		frame_fault(regs, "rt_sigreturn: RSP not a user address");
	if (sc->cs != USER_CS ||
	    (sc->ss != USER_DS && sc->ss != USER_DS_SYSEXIT))
		frame_fault(regs, "rt_sigreturn: not the user's CS or SS");
	if ((sc->eflags & ~allowed_flags) || !(sc->eflags & RFLAGS_IF))
		frame_fault(regs, "rt_sigreturn: forbidden RFLAGS bits");
	if (sc->fpstate) {
		if (copy_from_user(&fpu, sc->fpstate, sizeof(fpu)))
			frame_fault(regs, "rt_sigreturn: FPU state not readable");
		/* FXRSTOR faults on reserved MXCSR bits: never let it. */
		if (fpu.mxcsr & ~fpu_mxcsr_mask())
			frame_fault(regs, "rt_sigreturn: reserved MXCSR bits");
		current->fpu = fpu;
	} else {
		fpu_reset(current);
	}
	fpu_reload(current);

	regs->r8 = sc->r8;
	regs->r9 = sc->r9;
	regs->r10 = sc->r10;
	regs->r11 = sc->r11;
	regs->r12 = sc->r12;
	regs->r13 = sc->r13;
	regs->r14 = sc->r14;
	regs->r15 = sc->r15;
	regs->rdi = sc->rdi;
	regs->rsi = sc->rsi;
	regs->rbp = sc->rbp;
	regs->rbx = sc->rbx;
	regs->rdx = sc->rdx;
	regs->rax = sc->rax;
	regs->rcx = sc->rcx;
	regs->rsp = sc->rsp;
	regs->rip = sc->rip;
	regs->rflags = sc->eflags | RFLAGS_FIXED;
	regs->cs = sc->cs;
	regs->ss = sc->ss;
	current->sigmask = f.uc.uc_sigmask & ~UNBLOCKABLE;
	/* The alternate stack as the frame had it, unless we are on it. */
	if (!on_altstack(current, regs->rsp) &&
	    !(f.uc.uc_stack.ss_flags & ~(SS_DISABLE | SS_ONSTACK | (int32_t)SS_AUTODISARM))) {
		if (f.uc.uc_stack.ss_flags & SS_DISABLE) {
			current->altstack_sp = current->altstack_size = 0;
		} else if (f.uc.uc_stack.ss_size >= MINSIGSTKSZ) {
			current->altstack_sp = f.uc.uc_stack.ss_sp;
			current->altstack_size = f.uc.uc_stack.ss_size;
		}
	}
	current->frame_replaced = true;
	return (long)regs->rax;
}

/* Whom kill(@pid) means: a process (its leader) that the loop visits. */
static bool kill_target(const struct process *p, long pid)
{
	if (p->leader != p || p->state == PROC_UNUSED)
		return false;
	if (pid > 0)
		return p->pid == pid;
	if (pid == 0)
		return p->pgid == current->leader->pgid;
	if (pid == -1) /* all but init and the caller (Linux's rule) */
		return p->pid != 1 && p != current->leader;
	return p->pgid == -pid;
}

/**
 * sys_kill - kill(pid, sig): to process @pid, to the caller's process
 * group (0), to every process but init and the caller (-1), or to group
 * -pid. @sig 0 only checks that there is someone. -EINVAL, -ESRCH.
 */
long sys_kill(struct pt_regs *regs)
{
	long pid = (int)regs->rdi, sig = (int)regs->rsi;
	struct kernel_siginfo info = { .si_signo = (int)sig, .si_code = SI_USER };
	struct process *p;
	bool found = false;

	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	info.kill.pid = current->tgid;
	for_each_process(p) {
		if (!kill_target(p, pid))
			continue;
		found = true;
		if (sig)
			send_signal(p, (int)sig, &info, true);
	}
	return found ? 0 : -ESRCH;
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
	saved = current->sigmask;
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

/**
 * sys_sigreturn - the seed programs' rt_sigreturn (1031): their table
 * keeps 15 for the seed demo's no_system_call, so the project's C
 * library returns from handlers through this private number instead.
 */
long sys_sigreturn(struct pt_regs *regs)
{
	return sys_rt_sigreturn(regs);
}

/* --- the real-time interval timer: alarm, setitimer ---------------------- */

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

static uint64_t tv_to_ns(const struct timeval *tv)
{
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
