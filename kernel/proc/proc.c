// SPDX-License-Identifier: MIT
/*
 * Processes: the table, creating them (from the kernel, or by fork),
 * ending them (exit, or killed by a fault) and waiting for them.
 *
 * A process that ends becomes a zombie, keeping its pid and status
 * until its parent collects them with wait4; its memory is freed at
 * once. A process whose parent has gone (or that the kernel started)
 * is an orphan, and the scheduler frees it when it ends.
 */
#include <stdarg.h>

#include <kernel/console.h>
#include <kernel/panic.h>
#include <kernel/futex.h>
#include <kernel/io.h>
#include <kernel/panic.h>
#include <kernel/pmm.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/trap.h>
#include <kernel/tty.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* In kernel/arch/entry.S: where a new process's first switch_context goes. */
void ret_from_fork(void);

_Static_assert(sizeof(struct process) <= PAGE_SIZE,
	       "a process takes one page (alloc_proc)");

struct process *proc_list, *proc_list_tail;
struct process *current;
static int next_pid = 1;

/*
 * A new process or thread: a zeroed page for it and a fresh kernel stack
 * behind a guard page, or NULL when memory ran out. It joins proc_list,
 * as a group of one, in no state the scheduler runs (PROC_UNUSED).
 */
struct process *alloc_proc(void)
{
	uint64_t page = alloc_page();
	struct process *p;

	if (!page)
		return NULL;
	p = PHYS_TO_VIRT(page);
	p->kstack_top = kstack_alloc(&p->kstack_slot);
	if (!p->kstack_top) {
		free_page(page);
		return NULL;
	}
	p->pid = p->tgid = next_pid++;
	p->leader = p;
	p->threads = 1;
	rlimits_init(p->rlimits);
	ids_init(p);
	p->prev = proc_list_tail;
	if (proc_list_tail)
		proc_list_tail->next = p;
	else
		proc_list = p;
	proc_list_tail = p;
	return p;
}

/* Give a process back: page, stack, memory (if any is left) and all. */
void free_proc(struct process *p)
{
	fpu_release(p);
	if (p->as)
		vm_put(p->as);
	if (p->files)
		fd_table_put(p->files);
	if (p->sighand)
		sighand_put(p->sighand);
	if (p->alarm_at)
		signal_timer_cancel(p);
	sigpending_flush(&p->pending);
	sigpending_flush(&p->shared_pending);
	iput(p->cwd);
	kstack_free(p->kstack_slot);
	if (p->prev)
		p->prev->next = p->next;
	else
		proc_list = p->next;
	if (p->next)
		p->next->prev = p->prev;
	else
		proc_list_tail = p->prev;
	free_page((uint64_t)p - PHYS_MAP_BASE);
}

void reap(struct process *p)
{
	free_proc(p);
}

/* May the scheduler free @p, a zombie nobody will wait for? */
bool proc_unwanted_zombie(const struct process *p)
{
	if (p->state != PROC_ZOMBIE)
		return false;
	if (p->leader != p)
		return true; /* a thread: the group's status lives in its leader */
	return !p->parent && p->threads == 0;
}

struct process *find_thread(int tid)
{
	struct process *p;

	for_each_process(p)
		if (p->pid == tid && p->state != PROC_UNUSED &&
		    p->state != PROC_ZOMBIE)
			return p;
	return NULL;
}

/*
 * The pt_regs a process enters ring 3 from sits at the top of its kernel
 * stack; below it, the frame switch_context pops the first time the
 * process runs: six callee-saved registers and the address to "return"
 * to, ret_from_fork.
 */
struct pt_regs *initial_frames(struct process *p)
{
	struct pt_regs *regs = (struct pt_regs *)p->kstack_top - 1;
	uint64_t *sw = (uint64_t *)regs - 7;

	memset(sw, 0, 6 * sizeof(uint64_t));
	sw[6] = (uint64_t)ret_from_fork;
	p->context = (uint64_t)sw;
	return regs;
}

/* Run a new process from @image (or @file) until everything has ended. */
static int run(const char *name, const void *image, size_t size,
	       struct inode *file, const struct exec_args *args,
	       struct task_result *res)
{
	struct process *p = alloc_proc();
	struct exec_image img;
	int err;

	if (!p)
		return -EAGAIN;
	p->as = vm_new();
	p->files = fd_table_console();
	p->sighand = sighand_new();
	if (!p->as || !p->files || !p->sighand) {
		free_proc(p);
		return -ENOMEM;
	}
	err = file ? exec_load_file(p->as, name, file, args, &img)
		   : exec_load(p->as, name, image, size, args, &img);
	if (err) {
		free_proc(p);
		return err;
	}
	if (file && !strchr(name, '/')) {
		/* Found in /bin: it runs there, so that the bare names of
		 * its fellow programs find them, as they do on the build
		 * machine when run from their own directory. */
		struct inode *bin;

		if (!path_lookup(AT_FDCWD, "/bin", 0, &bin)) {
			iput(p->cwd);
			p->cwd = bin;
		}
	}
	exec_set_process(p, exec_basename(name), &img);
	/* It leads a new session (ids_init), which gets the console as its
	 * controlling terminal, as from a getty. */
	tty_set_controlling(p);
	start_frame(initial_frames(p), img.elf.entry, img.sp);
	p->report = res;
	make_runnable(p);
	scheduler_until_idle();
	return 0;
}

int task_run_module(const char *name, const struct exec_args *args,
		    struct task_result *res)
{
	char path[BOOT_MODNAME_MAX + 8] = "/bin/";
	struct exec_args all;
	struct inode *file = NULL;
	int err;

	/* A bare name is /bin/NAME; a path is a path. */
	strlcpy(path + (strchr(name, '/') ? 0 : 5), name, sizeof(path) - 5);
	err = exec_lookup(path, &file);
	if (!err)
		err = exec_scripts(path, &file, args, &all);
	if (err) {
		iput(file);
		return err;
	}
	err = run(name, NULL, 0, file, &all, res);
	iput(file);
	return err;
}

int task_run(const char *name, const void *image, size_t size,
	     const struct exec_args *args, struct task_result *res)
{
	return run(name, image, size, NULL, args, res);
}

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

	for_each_process(p)
		if (p->leader == p && p->pgid == pgid && p->threads &&
		    p->stopped)
			return true;
	return false;
}

/*
 * POSIX: a process group that an exit leaves orphaned (no member has a
 * parent in another group of its session any more), and that has a
 * stopped member, gets SIGHUP and then SIGCONT, since nobody is left to
 * continue it (Linux's kill_orphaned_pgrp). @leader has ended: its own
 * group, if its parent was a link to it, and each group of its children
 * that it was a link to.
 */
static void hang_up_orphaned_groups(const struct process *leader,
				    const struct process *parent)
{
	struct process *q;

	if (parent && parent->pgid != leader->pgid &&
	    parent->sid == leader->sid && pgrp_orphaned(leader->pgid) &&
	    pgrp_has_stopped(leader->pgid)) {
		kill_pgrp(leader->pgid, SIGHUP);
		kill_pgrp(leader->pgid, SIGCONT);
	}
	for_each_process(q) {
		if (!q->orphaned_now)
			continue;
		q->orphaned_now = false;
		if (q->pgid != leader->pgid && q->sid == leader->sid &&
		    pgrp_orphaned(q->pgid) && pgrp_has_stopped(q->pgid)) {
			kill_pgrp(q->pgid, SIGHUP);
			kill_pgrp(q->pgid, SIGCONT);
		}
	}
}

/* The last thread of @leader's group has ended. */
static void group_ended(struct process *leader)
{
	struct process *q;

	signal_timer_cancel(leader);
	for_each_process(q)
		if (q->parent == leader) {
			q->parent = NULL;
			q->orphaned_now = true;
		}
	hang_up_orphaned_groups(leader, leader->parent);
	sched_note_zombie(); /* some of them may have ended already */
	if (leader->group_exiting)
		leader->wait_status = leader->group_status;
	if (leader->report)
		*leader->report = leader->result;
	if (leader->parent) {
		struct process *parent = leader->parent;
		const struct kernel_sigaction *ka =
			&parent->sighand->action[SIGCHLD - 1];

		/* clone's exit signal (SIGCHLD for fork): ignored unless the
		 * parent has a handler for it, SIGCHLD's default. */
		if (leader->exit_signal) {
			int st = leader->wait_status;
			struct kernel_siginfo info = {
				.si_signo = (int)leader->exit_signal,
				.si_code = WIFEXITED(st)   ? CLD_EXITED
					   : WCOREDUMP(st) ? CLD_DUMPED
							   : CLD_KILLED,
			};

			info.chld.pid = leader->pid;
			info.chld.status = WIFEXITED(st) ? WEXITSTATUS(st)
							 : WTERMSIG(st);
			send_signal(leader->parent, (int)leader->exit_signal,
				    &info, true);
		}
		/* A parent that ignores SIGCHLD or set SA_NOCLDWAIT does not
		 * wait: the child is freed at once (POSIX), and a wait4 then
		 * finds no child. */
		if (leader->exit_signal == SIGCHLD &&
		    (ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT))) {
			leader->parent = NULL;
			sched_note_zombie();
		}
		wakeup(parent);
	}
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
	sched_note_zombie();
	if (--leader->threads == 0)
		group_ended(leader);
	else
		wakeup(&leader->threads); /* execve may wait for this */
	sched();
	panic("a zombie ran again");
}

/* Make every other thread of the caller's group end quietly. */
void kill_other_threads(void)
{
	struct process *q;

	for_each_process(q) {
		if (q->leader != current->leader || q == current ||
		    q->state == PROC_ZOMBIE || q->state == PROC_UNUSED)
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

/** sys_getpid - the process id: the group's, whichever thread asks */
long sys_getpid(struct pt_regs *regs)
{
	(void)regs;
	return current->tgid;
}

long sys_getppid(struct pt_regs *regs)
{
	(void)regs;
	struct process *parent = current->leader->parent;

	return parent ? parent->pid : 0;
}

/* Is the child @q one that wait4's @pid asks for? -1: any child; > 0:
 * that one; 0: any in the caller's process group; < -1: any in the
 * group -pid. */
static bool wait_matches(const struct process *q, int pid)
{
	if (pid == -1)
		return true;
	if (pid > 0)
		return q->pid == pid;
	return q->pgid == (pid == 0 ? current->leader->pgid : -pid);
}

/* Is @q a child of the caller's process that wait4's @pid selects? */
static bool wait_selects(const struct process *q, int pid)
{
	return q->state != PROC_UNUSED && q->parent == current->leader &&
	       wait_matches(q, pid);
}

/**
 * sys_wait4 - wait4(pid, status, options, rusage): collect an ended child
 * @pid: that child, -1 for any, 0 for any in the caller's process group,
 *       < -1 for any in group -pid. rusage is not filled in.
 *
 * Any thread may collect the children of its process. A child has ended
 * when all its threads have. Returns its pid, 0 with WNOHANG while
 * children still run, -ECHILD.
 */
long sys_wait4(struct pt_regs *regs)
{
	int pid = (int)regs->rdi;
	uint64_t ustatus = regs->rsi;
	int options = (int)regs->rdx;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	if (pid == INT32_MIN) /* -pid does not exist: Linux says -ESRCH */
		return -ESRCH;
	for (;;) {
		bool have_children = false;
		struct process *q;

		for_each_process(q) {
			int cpid = q->pid;

			if (!wait_selects(q, pid))
				continue;
			have_children = true;
			/* A stop or a continue is told once, if asked for;
			 * the child stays. */
			if (q->state != PROC_ZOMBIE &&
			    ((q->wait_event == WEV_STOPPED &&
			      (options & WUNTRACED)) ||
			     (q->wait_event == WEV_CONTINUED &&
			      (options & WCONTINUED)))) {
				int st = q->wait_event == WEV_STOPPED
						 ? q->stop_sig << 8 | 0x7f
						 : 0xffff;

				if (ustatus &&
				    copy_to_user(ustatus, &st, sizeof(st)))
					return -EFAULT;
				q->wait_event = 0;
				return cpid;
			}
			if (q->state != PROC_ZOMBIE || q->threads)
				continue;
			if (ustatus && copy_to_user(ustatus, &q->wait_status,
						    sizeof(int)))
				return -EFAULT;
			reap(q);
			return cpid;
		}
		if (!have_children)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		if (signal_pending(current))
			return -ERESTARTSYS;
		sleep_on(current->leader); /* group_ended() wakes the parent */
	}
}

long sys_free_pages(struct pt_regs *regs)
{
	(void)regs;
	return (long)pmm_free_pages();
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

/** sys_gettid - the thread id: the process id in its first thread */
long sys_gettid(struct pt_regs *regs)
{
	(void)regs;
	return current->pid;
}

/**
 * sys_set_tid_address - set_tid_address(tidptr): remember where to clear
 * the thread id when the thread ends (for pthread_join); returns the tid.
 */
long sys_set_tid_address(struct pt_regs *regs)
{
	current->clear_child_tid = regs->rdi;
	return current->pid;
}

/**
 * proc_dump - print every process and thread and where it is: its state,
 * what it sleeps on, where its user code was and, when it is switched
 * out, the kernel functions it is in (the SysRq key, or a break on the
 * serial line; the test runner sends it when a boot times out)
 */
void proc_dump(void)
{
	static const char *const states[] = {
		[PROC_UNUSED] = "new",	       [PROC_RUNNABLE] = "runnable",
		[PROC_RUNNING] = "running",    [PROC_SLEEPING] = "sleeping",
		[PROC_ZOMBIE] = "zombie",
	};
	struct process *p;

	printk("%s--- processes (SysRq) ---\n",
	       console_at_line_start() ? "" : "\n");
	for_each_process(p) {
		const struct pt_regs *regs =
			(const struct pt_regs *)p->kstack_top - 1;
		const char *chan = NULL;
		uint64_t off;

		if (p->state == PROC_SLEEPING)
			chan = symbol_lookup((uint64_t)p->wait_on, &off);
		printk("pid %d tgid %d (%s) %s", p->pid, p->tgid, p->name,
		       states[p->state]);
		if (p->state == PROC_SLEEPING && chan)
			printk(" on %s", chan);
		else if (p->state == PROC_SLEEPING)
			printk(" on %p", p->wait_on);
		if (p->killed)
			printk(", killed by %d", p->killed);
		if (p->state != PROC_ZOMBIE)
			printk(", user rip %#lx rsp %#lx", regs->rip, regs->rsp);
		printk("\n");
		if (p->state == PROC_SLEEPING || p->state == PROC_RUNNABLE) {
			/* switch_context's frame: six registers, RBP the
			 * last pushed, then the return address. */
			const uint64_t *frame = (const uint64_t *)p->context;

			print_return_address(frame[6]);
			print_backtrace(frame[5]);
		}
	}
	printk("--- end of processes ---\n");
}
