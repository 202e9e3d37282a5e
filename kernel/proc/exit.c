// SPDX-License-Identifier: MIT
/*
 * How threads and processes end: exit and exit_group, a fault or a
 * signal that kills, the core a killing signal may dump, and what an
 * end does to others: the parent's SIGCHLD, the children orphaned, a
 * process group left orphaned with a stopped member (SIGHUP, SIGCONT).
 * docs/syscalls.md sections 14.3 and 16.2.
 */
#include <stdarg.h>

#include <kernel/console.h>
#include <kernel/futex.h>
#include <kernel/io.h> /* read_cr2 */
#include <kernel/panic.h>
#include <kernel/pmm.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/trap.h>
#include <kernel/tty.h>
#include <kernel/uaccess.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <uapi/errno.h>

/*
 * Ending.
 *
 * A thread ends by thread_exit(): it lets go of its address space (the
 * last user frees it), becomes a zombie and never runs again. When the
 * last thread of a group ends, the process has ended: its children
 * become orphans, its leader's wait status is final and its parent is
 * woken for wait4. The leader stays a zombie until then even if it ended
 * first, since it holds the process's pid and status. A thread that is
 * not a leader is nobody's child: the scheduler frees it once it ends.
 *
 * proc_exit() ends the whole process: exit_group, a fault, a signal. The
 * first thread to get there sets the group's status and kills the others,
 * which then end quietly (exit_quietly) when they next leave the kernel
 * or wake from a sleep.
 */

/* CLONE_CHILD_CLEARTID and set_tid_address: tell pthread_join we ended. */
void proc_clear_child_tid(struct process *p)
{
	uint64_t addr = p->clear_child_tid;
	int zero = 0;

	p->clear_child_tid = 0;
	/* As Linux: only if someone else can see it (mm_release()). */
	if (!addr || p->as->users < 2)
		return;
	if (copy_to_user(addr, &zero, sizeof(zero)) == 0)
		futex_wake(addr, 1);
}

/* Has group @pgid a stopped process? */
static bool pgrp_has_stopped(int pgid)
{
	const struct process *p;

	for_each_in_pgrp(p, pgid)
		if (p->threads && p->stopped)
			return true;
	return false;
}

/*
 * POSIX: a process group that an exit leaves orphaned (no member has a
 * parent in another group of its session any more), and that has a
 * stopped member, gets SIGHUP and then SIGCONT, since nobody is left to
 * continue it (Linux's kill_orphaned_pgrp). @leader has ended: its own
 * group, if its parent was a link to it, and each group of its children
 * (on @orphans now) that it was a link to.
 */
static void hang_up_orphaned_groups(const struct process *leader,
				    const struct process *parent,
				    const struct list_node *orphans)
{
	const struct process *q;

	if (parent && parent->pgid != leader->pgid &&
	    parent->sid == leader->sid && pgrp_orphaned(leader->pgid) &&
	    pgrp_has_stopped(leader->pgid)) {
		kill_pgrp(leader->pgid, SIGHUP);
		kill_pgrp(leader->pgid, SIGCONT);
	}
	list_for_each_entry(q, orphans, sibling) {
		if (q->pgid != leader->pgid && q->sid == leader->sid &&
		    pgrp_orphaned(q->pgid) && pgrp_has_stopped(q->pgid)) {
			kill_pgrp(q->pgid, SIGHUP);
			kill_pgrp(q->pgid, SIGCONT);
		}
	}
}

/* The process @leader leads has ended: its parent gets its exit signal
 * and a wakeup for wait4 (Linux's do_notify_parent). */
static void tell_parent(struct process *leader)
{
	struct process *parent = leader->parent;
	const struct kernel_sigaction *ka = &parent->sighand->action[SIGCHLD - 1];

	/* clone's exit signal (SIGCHLD for fork): ignored unless the parent
	 * has a handler for it, SIGCHLD's default. */
	if (leader->exit_signal) {
		int st = leader->wait_status;
		struct kernel_siginfo info = {
			.si_signo = (int)leader->exit_signal,
			.si_code = WIFEXITED(st)   ? CLD_EXITED
				   : WCOREDUMP(st) ? CLD_DUMPED
						   : CLD_KILLED,
		};

		info.chld.pid = leader->pid;
		info.chld.status = WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st);
		send_signal(parent, (int)leader->exit_signal, &info, true);
	}
	/* A parent that ignores SIGCHLD or set SA_NOCLDWAIT does not wait:
	 * the child is freed at once (POSIX), and a wait4 then finds no
	 * child. */
	if (leader->exit_signal == SIGCHLD &&
	    (ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT))) {
		proc_set_parent(leader, NULL);
		sched_note_zombie(leader);
	}
	wakeup(parent);
}

/*
 * Who adopts the children of @leader, which has ended (Linux's
 * find_new_reaper): its nearest ancestor that asked for them with
 * prctl(PR_SET_CHILD_SUBREAPER) and still runs, else pid 1 if it still
 * runs (busybox's init collects them), else nobody: they are freed when
 * they end. The ancestors are walked, not the processes.
 */
static struct process *new_parent_of_orphans(const struct process *leader)
{
	struct process *r;

	for (r = leader->parent; r; r = r->parent)
		if (r->child_subreaper && r->threads)
			return r;
	r = find_thread_any(1);
	if (r && r->leader == r && r->threads && r != leader)
		return r;
	return NULL;
}

/* The last thread of @leader's group has ended. */
static void group_ended(struct process *leader)
{
	struct process *q, *next, *reaper = new_parent_of_orphans(leader);
	struct list_node orphans;

	signal_timer_cancel(leader);
	/* Its children are orphans: on a list of their own until their
	 * groups have been looked at, then adopted by the reaper. */
	list_init(&orphans);
	list_splice_tail(&leader->children, &orphans);
	list_for_each_entry(q, &orphans, sibling) {
		q->parent = reaper;
		q->adopted_by_init = reaper && reaper->pid == 1;
	}
	hang_up_orphaned_groups(leader, leader->parent, &orphans);
	list_for_each_entry_safe(q, next, &orphans, sibling) {
		list_del(&q->sibling);
		q->parent = NULL;
		if (!reaper) {
			sched_note_zombie(q); /* it may have ended already */
			continue;
		}
		proc_set_parent(q, reaper);
		q->exit_signal = SIGCHLD; /* as Linux: init is told so */
		if (q->state == PROC_ZOMBIE && !q->threads)
			tell_parent(q); /* ended already: the reaper may wait */
	}
	if (leader->group_exiting)
		leader->wait_status = leader->group_status;
	if (leader->report)
		*leader->report = leader->result;
	if (leader->parent)
		tell_parent(leader);
}

/**
 * thread_exit - end the current thread with a wait4 status word (the
 * process's, if it is the last thread and no exit_group came first)
 *
 * Does not return; the kernel stack it runs on goes when it is reaped.
 */
void thread_exit(int wait_status)
{
	struct process *p = current, *leader = p->leader;

	if (__builtin_expect(syscall_trace_on, 0))
		trace_process_exit(wait_status);
	proc_clear_child_tid(p);
	vfork_release(p);
	vm_put(p->as); /* switches to the kernel's page tables if it frees */
	p->as = NULL;
	fd_table_put(p->files); /* the last user closes them: pipes see EOF */
	p->files = NULL;
	/* A leader keeps its handlers until it is freed: signals to its
	 * process, and its children's SIGCHLD, still look at them while
	 * other threads run on. */
	if (p != leader) {
		sighand_put(p->sighand);
		p->sighand = NULL;
	}
	sigpending_flush(&p->pending);
	fpu_release(p);
	if (p == leader)
		p->wait_status = wait_status;
	p->state = PROC_ZOMBIE;
	if (--leader->threads == 0)
		group_ended(leader);
	else
		wakeup(&leader->threads); /* execve may wait for this */
	/* Freed by the scheduler if nobody waits: a thread that is not the
	 * leader, and a leader without a parent once all its threads end. */
	sched_note_zombie(p);
	sched_note_zombie(leader);
	sched();
	panic("a zombie ran again");
}

/* Make every other thread of the caller's group end quietly. */
void kill_other_threads(void)
{
	struct process *q;

	for_each_thread(current->leader, q) {
		if (q == current || q->state == PROC_ZOMBIE ||
		    q->state == PROC_UNUSED)
			continue;
		q->exit_quietly = true;
		q->killed = SIGKILL;
		wake_process(q);
	}
}

/* The signals whose default action dumps core (Linux's
 * SIG_KERNEL_COREDUMP_MASK): the faults, SIGQUIT, SIGABRT and friends. */
static bool dumps_core(int sig)
{
	switch (sig) {
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
	case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return true;
	default:
		return false;
	}
}

/*
 * A process killed by one of those signals dumps core when its
 * RLIMIT_CORE has room for one. There are no files yet (issue 10), so
 * the core goes to the console: the user registers where the thread
 * was. The wait status then says so (WCOREDUMP, 0x80), and SIGCHLD's
 * si_code is CLD_DUMPED. Linux sets the bit only when it has written a
 * core, never with the default limit 0, nor with a limit below a page
 * (an ELF core's least size, binfmt->min_coredump): the same rules here.
 */
static int core_dump(int wait_status)
{
	const struct pt_regs *r = (const struct pt_regs *)current->kstack_top - 1;
	int sig = WTERMSIG(wait_status);

	if (!WIFSIGNALED(wait_status) || !dumps_core(sig) ||
	    current->leader->undumpable ||
	    current->leader->rlimits[RLIMIT_CORE].rlim_cur < PAGE_SIZE)
		return wait_status;
	/* Each line names the process, as the kernel's other lines do. */
	printk("pid %d (%s): core dumped (to the console: no files yet)\n",
	       current->pid, current->name);
	printk("pid %d (%s): rip %#lx rsp %#lx rflags %#lx\n", current->pid,
	       current->name, r->rip, r->rsp, r->rflags);
	printk("pid %d (%s): rax %#lx rbx %#lx rcx %#lx rdx %#lx\n",
	       current->pid, current->name, r->rax, r->rbx, r->rcx, r->rdx);
	printk("pid %d (%s): rsi %#lx rdi %#lx rbp %#lx r8 %#lx\n",
	       current->pid, current->name, r->rsi, r->rdi, r->rbp, r->r8);
	printk("pid %d (%s): r9 %#lx r10 %#lx r11 %#lx r12 %#lx\n",
	       current->pid, current->name, r->r9, r->r10, r->r11, r->r12);
	printk("pid %d (%s): r13 %#lx r14 %#lx r15 %#lx\n", current->pid,
	       current->name, r->r13, r->r14, r->r15);
	return wait_status | WCOREFLAG;
}

/**
 * proc_exit - end the current process, every thread of it, with a wait4
 * status word. Does not return.
 */
void proc_exit(int wait_status)
{
	struct process *leader = current->leader;

	if (!leader->group_exiting) {
		leader->group_exiting = true;
		leader->group_status = core_dump(wait_status);
		if (leader != current)
			leader->result = current->result;
		kill_other_threads();
	}
	thread_exit(leader->group_status);
}

/* Which signal an exception stands for (Linux's choices). */
static int fault_signal(unsigned int vector)
{
	switch (vector) {
	case X86_TRAP_DE:
	case X86_TRAP_MF:
	case X86_TRAP_XM:
		return SIGFPE;
	case X86_TRAP_DB:
	case X86_TRAP_BP:
		return SIGTRAP;
	case X86_TRAP_UD:
		return SIGILL;
	case X86_TRAP_AC:
		return SIGBUS;
	default:
		return SIGSEGV;
	}
}

void task_kill_fault(struct pt_regs *regs)
{
	struct task_result *r = &current->result;

	r->how = TASK_KILLED;
	r->vector = (unsigned int)regs->vector;
	r->rip = regs->rip;
	r->error_code = regs->error_code;
	r->addr = regs->vector == X86_TRAP_PF ? read_cr2() : 0;
	if (regs->vector == X86_TRAP_PF)
		color_printk(RED, BLACK,
			     "pid %d (%s): killed by %s at rip %#lx, address %#lx, error %#lx\n",
			     current->pid, current->name,
			     exception_name(r->vector), r->rip, r->addr,
			     r->error_code);
	else
		color_printk(RED, BLACK,
			     "pid %d (%s): killed by %s at rip %#lx, error %#lx\n",
			     current->pid, current->name,
			     exception_name(r->vector), r->rip, r->error_code);
	proc_exit(fault_signal(r->vector));
}

void task_kill(struct pt_regs *regs, const char *fmt, ...)
{
	struct task_result *r = &current->result;
	char why[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	r->how = TASK_KILLED;
	r->vector = TASK_NO_VECTOR;
	r->rip = regs->rip;
	color_printk(RED, BLACK, "pid %d (%s): killed: %s\n", current->pid,
		     current->name, why);
	proc_exit(SIGKILL);
}

/**
 * sys_exit - exit(status): end the calling thread (exit_group ends them
 * all; a program's exit() calls that). The last thread's end is the
 * process's, with the status its first thread left.
 */
long sys_exit(struct pt_regs *regs)
{
	int status = (int)regs->rdi & 0xff;

	/* Quietly: the parent (the shell, or the kernel's run_init) reports
	 * exit statuses; only deaths by a fault or signal are the kernel's
	 * to announce. */
	if (current->leader == current) {
		current->result.how = TASK_EXITED;
		current->result.status = status;
	}
	thread_exit(status << 8);
}

/*
 * proc_check_killed()'s slow part (<kernel/proc.h>): the current thread
 * has been killed. It ends quietly when its own group did it
 * (exit_group, execve), else the process dies of the signal with a line
 * saying so.
 */
void proc_killed(void)
{
	if (current->exit_quietly)
		thread_exit(current->leader->group_status);
	current->result.how = TASK_KILLED;
	current->result.vector = TASK_NO_VECTOR;
	/* On a line of its own: the terminal may have echoed ^C. */
	if (kernel_reports_on(current))
		printk("%spid %d (%s): killed by signal %d\n",
		       console_at_line_start() ? "" : "\n", current->tgid,
		       current->name, current->killed);
	proc_exit(current->killed);
}

/**
 * sys_exit_group - exit_group(status): end every thread of the process,
 * the process with @status
 */
long sys_exit_group(struct pt_regs *regs)
{
	int status = (int)regs->rdi & 0xff;

	if (!current->leader->group_exiting) {
		current->result.how = TASK_EXITED;
		current->result.status = status;
	}
	proc_exit(status << 8);
}
