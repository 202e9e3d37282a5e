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
#include <kernel/io.h>
#include <kernel/panic.h>
#include <kernel/pmm.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/trap.h>
#include <kernel/uaccess.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* In kernel/entry.S: where a new process's first switch_context goes. */
void ret_from_fork(void);

struct process proc_table[NPROC];
struct process *current;
static int next_pid = 1;

/* A free slot with a kernel stack mapped, or NULL. */
static struct process *alloc_proc(void)
{
	for (unsigned int i = 0; i < NPROC; i++) {
		struct process *p = &proc_table[i];

		if (p->state != PROC_UNUSED)
			continue;
		memset(p, 0, sizeof(*p));
		p->kstack_top = kstack_map(i);
		if (!p->kstack_top)
			return NULL;
		p->pid = next_pid++;
		rlimits_init(p->rlimits);
		ids_init(p);
		return p;
	}
	return NULL;
}

/* Give a slot back: stack, memory (if any is left) and all. */
static void free_proc(struct process *p)
{
	fpu_release(p);
	vm_destroy(&p->as);
	kstack_unmap((unsigned int)(p - proc_table));
	p->state = PROC_UNUSED;
}

void reap(struct process *p)
{
	free_proc(p);
}

/*
 * The pt_regs a process enters ring 3 from sits at the top of its kernel
 * stack; below it, the frame switch_context pops the first time the
 * process runs: six callee-saved registers and the address to "return"
 * to, ret_from_fork.
 */
static struct pt_regs *initial_frames(struct process *p)
{
	struct pt_regs *regs = (struct pt_regs *)p->kstack_top - 1;
	uint64_t *sw = (uint64_t *)regs - 7;

	memset(sw, 0, 6 * sizeof(uint64_t));
	sw[6] = (uint64_t)ret_from_fork;
	p->context = (uint64_t)sw;
	return regs;
}

int task_run(const char *name, const void *image, size_t size,
	     const struct exec_args *args, struct task_result *res)
{
	struct process *p = alloc_proc();
	struct exec_image img;
	int err;

	if (!p)
		return -EAGAIN;
	if (!vm_create(&p->as)) {
		free_proc(p);
		return -ENOMEM;
	}
	err = exec_load(&p->as, name, image, size, args, &img);
	if (err) {
		free_proc(p);
		return err;
	}
	exec_set_process(p, name, &img);
	start_frame(initial_frames(p), img.elf.entry, img.sp);
	p->report = res;
	p->state = PROC_RUNNABLE;
	scheduler_until_idle();
	return 0;
}

int task_run_module(const char *name, const struct exec_args *args,
		    struct task_result *res)
{
	const struct boot_module *m = find_module(name);

	if (!m)
		return -ENOENT;
	return task_run(name, PHYS_TO_VIRT(m->start), m->end - m->start, args,
			res);
}

/**
 * proc_exit - end the current process with a wait4 status word
 *
 * Frees its memory now; the kernel stack it is running on goes when it
 * is reaped. Its children become orphans. Does not return.
 */
void proc_exit(int wait_status)
{
	struct process *p = current;

	if (__builtin_expect(syscall_trace_on, 0))
		trace_process_exit(wait_status);
	vm_destroy(&p->as); /* switches to the kernel's page tables first */
	fpu_release(p);
	for (unsigned int i = 0; i < NPROC; i++)
		if (proc_table[i].state != PROC_UNUSED &&
		    proc_table[i].parent == p)
			proc_table[i].parent = NULL;
	p->wait_status = wait_status;
	if (p->report)
		*p->report = p->result;
	p->state = PROC_ZOMBIE;
	if (p->parent)
		wakeup(p->parent);
	sched();
	panic("a zombie ran again");
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

long sys_exit(struct pt_regs *regs)
{
	int status = (int)regs->rdi & 0xff;

	/* Quietly: the parent (the shell, or the kernel's run_init) reports
	 * exit statuses; only deaths by a fault or signal are the kernel's
	 * to announce. */
	current->result.how = TASK_EXITED;
	current->result.status = status;
	proc_exit(status << 8);
}

long sys_getpid(struct pt_regs *regs)
{
	(void)regs;
	return current->pid;
}

long sys_getppid(struct pt_regs *regs)
{
	(void)regs;
	return current->parent ? current->parent->pid : 0;
}

/**
 * sys_fork - a copy of the calling process, returning 0 in the child
 *
 * The child gets a copy of every user page (no copy-on-write yet) and of
 * the caller's registers, and starts by IRETQ from its own kernel stack.
 */
long sys_fork(struct pt_regs *regs)
{
	struct process *child = alloc_proc();
	struct pt_regs *cregs;

	if (!child)
		return -EAGAIN;
	if (!vm_create(&child->as) || !vm_clone(&child->as, &current->as)) {
		free_proc(child);
		return -ENOMEM;
	}
	strlcpy(child->name, current->name, sizeof(child->name));
	child->parent = current;
	child->brk_start = current->brk_start;
	child->brk = current->brk;
	child->abi = current->abi;
	child->sigmask = current->sigmask;
	child->fs_base = current->fs_base;
	child->gs_base = current->gs_base;
	fpu_copy(child, current);
	memcpy(child->rlimits, current->rlimits, sizeof(child->rlimits));
	child->pgid = current->pgid;
	child->sid = current->sid;
	child->umask = current->umask;
	cregs = initial_frames(child);
	*cregs = *regs;
	cregs->rax = 0;
	/* The child returns by IRETQ, with what the entry's ABI promises. */
	syscall_fixup_frame(cregs);
	child->state = PROC_RUNNABLE;
	return child->pid;
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
	return q->pgid == (pid == 0 ? current->pgid : -pid);
}

/**
 * sys_wait4 - wait4(pid, status, options, rusage): collect an ended child
 * @pid: that child, -1 for any, 0 for any in the caller's process group,
 *       < -1 for any in group -pid. rusage is not filled in.
 * Returns its pid, 0 with WNOHANG while children still run, -ECHILD.
 */
long sys_wait4(struct pt_regs *regs)
{
	int pid = (int)regs->rdi;
	uint64_t ustatus = regs->rsi;
	int options = (int)regs->rdx;

	if (options & ~WNOHANG)
		return -EINVAL;
	if (pid == INT32_MIN) /* -pid does not exist: Linux says -ESRCH */
		return -ESRCH;
	for (;;) {
		bool have_children = false;

		for (unsigned int i = 0; i < NPROC; i++) {
			struct process *q = &proc_table[i];
			int cpid = q->pid;

			if (q->state == PROC_UNUSED || q->parent != current ||
			    !wait_matches(q, pid))
				continue;
			have_children = true;
			if (q->state != PROC_ZOMBIE)
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
		if (current->killed)
			return -EINTR;
		sleep_on(current);
	}
}

long sys_free_pages(struct pt_regs *regs)
{
	(void)regs;
	return (long)pmm_free_pages();
}

static bool descends_from(const struct process *p, const struct process *root)
{
	for (; p; p = p->parent)
		if (p == root)
			return true;
	return false;
}

int proc_kill(int pid, int sig)
{
	struct process *root = NULL;

	for (unsigned int i = 0; i < NPROC; i++)
		if (proc_table[i].state != PROC_UNUSED &&
		    proc_table[i].state != PROC_ZOMBIE && proc_table[i].pid == pid)
			root = &proc_table[i];
	if (!root)
		return -ESRCH;
	for (unsigned int i = 0; i < NPROC; i++) {
		struct process *p = &proc_table[i];

		if (p->state == PROC_UNUSED || p->state == PROC_ZOMBIE ||
		    !descends_from(p, root))
			continue;
		p->killed = sig;
		if (p->state == PROC_SLEEPING)
			p->state = PROC_RUNNABLE; /* its sleep loop sees it */
	}
	return 0;
}

void proc_check_killed(void)
{
	if (current && current->killed) {
		current->result.how = TASK_KILLED;
		current->result.vector = TASK_NO_VECTOR;
		printk("pid %d (%s): killed by signal %d\n", current->pid,
		       current->name, current->killed);
		proc_exit(current->killed);
	}
}

/**
 * sys_exit_group - exit_group(status): end every thread of the process.
 * A process is one thread here (until clone makes threads), so this is
 * exit().
 */
long sys_exit_group(struct pt_regs *regs)
{
	return sys_exit(regs);
}

/** sys_gettid - the thread id: the pid, one thread per process */
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
