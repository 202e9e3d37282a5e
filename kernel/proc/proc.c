// SPDX-License-Identifier: MIT
/*
 * Processes: the list of them all, creating them (from the kernel; fork is
 * kernel/proc/clone.c), waiting for them (wait4) and looking at them
 * (ctrl-\'s dump). How they end is kernel/proc/exit.c.
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
#include <kernel/time.h>
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

struct list_node proc_list = { &proc_list, &proc_list };
int nr_threads;
bool report_linux_programs;
struct process *current;
static int next_pid = 1;
uint64_t proc_forks; /* processes and threads made since boot (/proc/stat) */

int proc_last_pid(void)
{
	return next_pid - 1;
}

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
	p->start_ns = clock_monotonic_ns();
	proc_forks++;
	nr_threads++;
	p->leader = p;
	p->threads = 1;
	p->syscall_table = syscall_table_for(p);
	proc_link(p);
	rlimits_init(p->rlimits);
	ids_init(p);
	/* At the end: the newest pid is the largest. */
	list_add_tail(&p->proc_node, &proc_list);
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
	list_del(&p->proc_node);
	proc_unlink(p);
	nr_threads--;
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

/* Run a new process from @image (or @file, found by @file_name, which
 * passes to it) until everything has ended. */
static int run(const char *name, const void *image, size_t size,
	       struct inode *file, struct dentry *file_name,
	       const struct exec_args *args, struct task_result *res)
{
	struct process *p;
	struct exec_image img;
	int err;

	/* Nothing is left of the program before (the demo, a test): the
	 * numbering starts again, and this one is pid 1, as Linux's init
	 * is; busybox's init insists on it, and `poweroff` signals pid 1. */
	if (list_empty(&proc_list))
		next_pid = 1;
	p = alloc_proc();
	if (!p) {
		dentry_free(file_name);
		return -EAGAIN;
	}
	p->as = vm_new();
	p->files = fd_table_console();
	p->sighand = sighand_new();
	if (!p->as || !p->files || !p->sighand) {
		dentry_free(file_name);
		free_proc(p);
		return -ENOMEM;
	}
	err = file ? exec_load_file(p->as, name, file, args, &img)
		   : exec_load(p->as, name, image, size, args, &img);
	if (err) {
		dentry_free(file_name);
		free_proc(p);
		return err;
	}
	if (file)
		vm_set_exe(p->as, file, file_name);
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
	if (strcmp(name, SYSTEM_INIT)) {
		/* It leads a new session (ids_init), which gets the console
		 * as its controlling terminal, as from a getty. */
		tty_set_controlling(p);
	} else {
		/* The system's init starts as Linux starts it: in session
		 * and group 0, the console its fds 0-2 but nobody's
		 * terminal. Its setsid() then works, and the shell it starts
		 * in a session of its own gets the console by opening it. */
		p->sid = 0;
		proc_set_pgid(p, 0);
		tty_set_controlling(NULL);
	}
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
	struct dentry *file_name = NULL;
	int err;

	/* A bare name is /bin/NAME; a path is a path. */
	strlcpy(path + (strchr(name, '/') ? 0 : 5), name, sizeof(path) - 5);
	err = exec_lookup(path, &file, &file_name);
	if (!err)
		err = exec_scripts(path, &file, &file_name, args, &all);
	if (err) {
		dentry_free(file_name);
		iput(file);
		return err;
	}
	err = run(name, NULL, 0, file, file_name, &all, res);
	iput(file);
	return err;
}

int task_run(const char *name, const void *image, size_t size,
	     const struct exec_args *args, struct task_result *res)
{
	return run(name, image, size, NULL, NULL, args, res);
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

/* Is @q, a child of the caller's process, one that wait4's @pid
 * selects? */
static bool wait_selects(const struct process *q, int pid)
{
	return q->state != PROC_UNUSED && wait_matches(q, pid);
}

/* wait4 looks at its child @q: its pid if it has something to report
 * (and then it is told, or reaped), 0 if not, or -EFAULT. */
static long wait_collect(struct process *q, int options, uint64_t ustatus)
{
	int cpid = q->pid;

	/* A stop or a continue is told once, if asked for; the child stays. */
	if (q->state != PROC_ZOMBIE &&
	    ((q->wait_event == WEV_STOPPED && (options & WUNTRACED)) ||
	     (q->wait_event == WEV_CONTINUED && (options & WCONTINUED)))) {
		int st = q->wait_event == WEV_STOPPED ? q->stop_sig << 8 | 0x7f
						      : 0xffff;

		if (ustatus && copy_to_user(ustatus, &st, sizeof(st)))
			return -EFAULT;
		q->wait_event = 0;
		return cpid;
	}
	if (q->state != PROC_ZOMBIE || q->threads)
		return 0;
	if (ustatus && copy_to_user(ustatus, &q->wait_status, sizeof(int)))
		return -EFAULT;
	reap(q);
	return cpid;
}

/**
 * sys_wait4 - wait4(pid, status, options, rusage): collect an ended child
 * @pid: that child, -1 for any, 0 for any in the caller's process group,
 *       < -1 for any in group -pid. rusage is not filled in.
 *
 * Any thread may collect the children of its process, which are on its
 * leader's children list; one child by pid is found in the pid hash, as
 * Linux's do_wait_pid() does, so that waiting for it costs the same
 * beside 10 or 1000 other children. A child has ended when all its
 * threads have. Returns its pid, 0 with WNOHANG while children still
 * run, -ECHILD.
 */
long sys_wait4(struct pt_regs *regs)
{
	int pid = (int)regs->rdi;
	uint64_t ustatus = regs->rsi;
	int options = (int)regs->rdx;
	struct process *self = current->leader;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	if (pid == INT32_MIN) /* -pid does not exist: Linux says -ESRCH */
		return -ESRCH;
	for (;;) {
		bool have_children = false;
		struct process *q;
		long got;

		if (pid > 0) {
			q = find_thread_any(pid);
			if (q && q->leader == q && q->parent == self) {
				have_children = true;
				got = wait_collect(q, options, ustatus);
				if (got)
					return got;
			}
		} else {
			list_for_each_entry(q, &self->children, sibling) {
				if (!wait_selects(q, pid))
					continue;
				have_children = true;
				got = wait_collect(q, options, ustatus);
				if (got)
					return got;
			}
		}
		if (!have_children)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		if (signal_pending(current))
			return -ERESTARTSYS;
		sleep_on(self); /* group_ended() wakes the parent */
	}
}

long sys_free_pages(struct pt_regs *regs)
{
	(void)regs;
	return (long)pmm_free_pages();
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
