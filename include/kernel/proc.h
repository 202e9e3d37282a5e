/* SPDX-License-Identifier: MIT */
/*
 * Processes (kernel/proc/proc.c, kernel/proc/exec.c) and their scheduling
 * (kernel/proc/sched.c).
 *
 * A process is a user program in its own address space with its own
 * kernel stack. The scheduler runs on the stack of whoever called
 * scheduler_until_idle() (kmain, or a test), xv6-style: processes switch
 * to it when they block, yield or end, and it picks the next runnable one
 * round-robin. The kernel itself is not preemptible: it runs with
 * interrupts off, and the timer preempts only ring-3 code.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kernel/elf.h>
#include <kernel/file.h>
#include <kernel/fpu.h>
#include <kernel/paging.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/ptrace.h>
#include <kernel/trace.h>
#include <kernel/vm.h>
#include <lib/list.h>
#include <uapi/abi.h>
#include <uapi/syscall.h>

/* Kept from the first, run-to-completion design: what the kernel's own
 * launcher (task_run) learns about how a process ended. */
enum task_end { TASK_EXITED, TASK_KILLED };
#define TASK_NO_VECTOR 0xffffffffu

/* The system's init, started as Linux starts it (kernel/proc/proc.c):
 * busybox's on the ISO. */
#define SYSTEM_INIT "/sbin/init"

struct task_result {
	enum task_end how;
	int status;          /* exit status, when TASK_EXITED */
	unsigned int vector; /* exception that killed it, or TASK_NO_VECTOR */
	uint64_t rip;
	uint64_t addr;       /* CR2 for page faults */
	uint64_t error_code;
};

enum proc_state {
	PROC_UNUSED,
	PROC_RUNNABLE,
	PROC_RUNNING,
	PROC_SLEEPING,
	PROC_ZOMBIE,
};

/*
 * A thread, and with its group the process (Linux's task_struct). A
 * process is a group of threads sharing one address space; its first
 * thread, the leader, carries the process's pid (the group's tgid), its
 * parent, its children and its exit status. A process without clone's
 * threads is a group of one. Each one takes a page of its own, from
 * alloc_proc() in kernel/proc.c.
 */
struct process {
	struct fpu_state fpu;    /* x87/SSE registers while not in the CPU */
	int pid;                 /* the thread id: gettid() */
	int tgid;                /* the process id, getpid(): the leader's pid */
	enum proc_state state;
	char name[32];
	struct process *leader;  /* the group's first thread (maybe itself) */
	struct process *parent;  /* of a leader; NULL: started by the kernel,
				  * orphaned, or not a leader */
	/* Where the kernel finds it (kernel/proc/pid.c says why each): */
	struct list_node proc_node;  /* proc_list: every one, in pid order */
	struct list_node pid_node;   /* a chain of the pid hash, by pid */
	struct list_node pgrp_node;  /* leader: a chain of the pgrp hash */
	struct list_node children;   /* leader: its children's sibling nodes */
	struct list_node sibling;    /* leader: in its parent's children */
	struct list_node thread_head; /* leader: its threads' thread_nodes */
	struct list_node thread_node; /* in its leader's thread_head */
	struct list_node reap_node;  /* a zombie nobody will wait for
				      * (kernel/proc/sched.c) */
	struct address_space *as; /* shared with CLONE_VM; NULL once ended */
	struct fd_table *files;   /* shared with CLONE_FILES; NULL once ended */
	unsigned int kstack_slot;
	uint64_t kstack_top;
	uint64_t context;        /* kernel RSP while switched out */
	const void *wait_on;     /* what a sleeping process waits for */
	uint64_t wake_at;        /* with sleep_on_until: the deadline (ns) */
	struct list_node wait_node; /* in the sleepers of one wait_on hash */
	struct process *run_next;   /* the run queue (kernel/proc/sched.c) */
	struct process *timer_next; /* sleepers with a deadline */
	uint64_t fs_base, gs_base; /* TLS bases: arch_prctl(2) */
	uint64_t set_child_tid;    /* CLONE_CHILD_SETTID: written first thing */
	uint64_t clear_child_tid;  /* zeroed and woken at exit: set_tid_address */
	uint64_t sigmask;          /* blocked signals: rt_sigprocmask(2) */
	uint64_t saved_sigmask;    /* rt_sigsuspend's, back after the handler */
	uint64_t real_blocked;     /* the mask rt_sigtimedwait lifted, or 0 */
	struct sighand *sighand;   /* handlers: shared with CLONE_SIGHAND */
	struct sigpending pending; /* sent to this thread */
	struct sigpending shared_pending; /* the leader's: sent to the process */
	uint64_t altstack_sp, altstack_size; /* sigaltstack(2) */
	uint32_t altstack_autodisarm;
	struct {                   /* restart_syscall(2): an interrupted wait */
		long (*fn)(void);  /* goes on with it: time.c's, poll.c's */
		uint64_t deadline; /* its end (ns) */
		uint64_t ns, urem; /* a sleep's length and rem */
		uint64_t ufds;     /* poll's array, */
		unsigned int nfds; /* its length, */
		bool timed;        /* and whether deadline counts */
		bool armed;
	} restart;
	bool stopped;              /* leader: SIGSTOP and friends; SIGCONT */
	int stop_sig;              /* leader: the signal that stopped it */
	int wait_event;            /* leader: WEV_*, for wait4 to report once */
	uint64_t alarm_at;         /* leader: ITIMER_REAL's end (ns), 0: off */
	uint64_t alarm_interval;   /* leader: and its period (ns) */
	struct process *alarm_next; /* processes with a timer (signal.c) */
	unsigned int exit_signal;  /* clone's low byte; signals come later */
	unsigned int abi;        /* ABI_* (<uapi/abi.h>): chosen by execve */
	/* Where its calls go: syscall_table_for(), from its ABI and the trace. */
	const system_call_t *syscall_table;
	/*
	 * What makes a system call leave the slow way (docs/syscalls.md 8):
	 * one byte each, so that the fast way out tests them all as one
	 * word, slow_exit. Each is set where its event happens; the slow
	 * way clears it once dealt with.
	 */
	union {
		struct {
			uint8_t killed;  /* a signal to die of at the next chance */
			bool sigpending; /* a signal may want delivery: see below */
			bool restore_sigmask; /* rt_sigsuspend & co: put it back */
			bool sysenter_tf;     /* see syscall_debug_trap() */
			bool frame_replaced;  /* execve, signals: IRETQ, frame as it is */
		};
		uint64_t slow_exit;
	};
	bool exit_quietly;       /* killed by its own group: exit_group, execve */
	int vfork_child;         /* tid of the vfork child this thread awaits */
	int vfork_parent;        /* tid of the thread awaiting us, or 0 */
	int wait_status;         /* for wait4, once a zombie (<uapi/wait.h>) */
	/* The group's, kept in the leader: */
	int threads;             /* threads not yet ended */
	bool group_exiting;      /* exit_group, a fault or a signal: all end */
	int group_status;        /* the wait status they end with */
	struct task_result result;
	struct task_result *report; /* where task_run wants the result */
	uint64_t cpu_ns;         /* CPU time used (counted in kernel/proc/sched.c) */
	uint64_t start_ns;       /* CLOCK_MONOTONIC when it was made (/proc) */
	uint64_t run_since;      /* CLOCK_MONOTONIC when last switched in */
	struct rlimit rlimits[RLIM_NLIMITS]; /* in the leader; kept by execve, copied by fork */
	int pgid, sid;            /* process group, session: kernel/proc/sys_ids.c */
	bool has_tty;             /* the console is its controlling terminal
				   * (kernel/drivers/tty_ioctl.c) */
	unsigned int umask;       /* umask(2): copied by fork, kept over execve */
	struct inode *cwd;        /* the working directory (the leader's counts) */
	bool did_exec;            /* has called execve since fork: setpgid */
	bool undumpable;          /* prctl(PR_SET_DUMPABLE, 0): no core (leader) */
	bool child_subreaper;     /* prctl(PR_SET_CHILD_SUBREAPER): adopts the
				   * orphans below it (leader; kernel/proc/exit.c) */
	bool adopted_by_init;     /* an orphan that pid 1 adopted (leader) */
	uint64_t robust_list;     /* set_robust_list(2): per thread, not walked */
	struct trace_call trace;  /* the system call trace's line */
};

/* Every process and thread, oldest first, which is in ascending pid
 * order (pids only grow); walk it with for_each_process. */
extern struct list_node proc_list;
extern struct process *current;
/* Processes and threads that exist, zombies too (/proc/loadavg). */
extern int nr_threads;

/* The kernel's own lines about a process ("pid 5 (sleep): killed by
 * signal 2", the seed's no_system_call line) are for the programs of the
 * seed ABI, which teach with them. A Linux program gets Linux's silence,
 * unless the command line says report=linux (the busybox test group
 * lists those lines as the kernel's gaps). */
extern bool report_linux_programs;
static inline bool kernel_reports_on(const struct process *p)
{
	return !p || p->abi == ABI_SEED || report_linux_programs;
}
#define for_each_process(p) list_for_each_entry(p, &proc_list, proc_node)
/* Every thread of the process @leader leads, zombies too, itself first. */
#define for_each_thread(leader, t)                                             \
	list_for_each_entry(t, &(leader)->thread_head, thread_node)
/* Every process (leader) of process group @id, zombies too: the group's
 * chain of the pgrp hash holds other groups' processes as well. */
#define for_each_in_pgrp(p, id)                                                \
	list_for_each_entry(p, pgrp_chain(id), pgrp_node)                      \
		if ((p)->pgid != (id)) {                                       \
		} else

/* --- finding processes (kernel/proc/pid.c) --- */

/* The thread (not ended) with thread id @tid, or NULL. */
struct process *find_thread(int tid);
/* The same, zombies included (Linux's find_task_by_vpid). */
struct process *find_thread_any(int tid);
/* The first of proc_list with a pid >= @pid, new or ended too, or NULL;
 * and the one after @p (NULL after the last). */
struct process *proc_first_from(int pid);
struct process *proc_next(const struct process *p);
/* The chain of the pgrp hash that group @pgid is in. */
struct list_node *pgrp_chain(int pgid);
/* A new process joins the pid hash, as a group of one. */
void proc_link(struct process *p);
/* A process being freed leaves every list. */
void proc_unlink(struct process *p);
/* @child's parent becomes @parent (NULL: none), on its children list. */
void proc_set_parent(struct process *child, struct process *parent);
/* The process @p (a leader) moves to process group @pgid. */
void proc_set_pgid(struct process *p, int pgid);
/* The new thread @t joins the process @leader leads (clone's CLONE_THREAD). */
void proc_join_group(struct process *t, struct process *leader);
/* execve from a thread @p: it becomes the process, in @leader's place. */
void proc_take_place(struct process *p, struct process *leader);
/* The last process id given out (/proc/loadavg). */
int proc_last_pid(void);
/* Processes and threads made since boot (/proc/stat's "processes"). */
extern uint64_t proc_forks;

/* --- starting and ending (kernel/proc/proc.c, kernel/proc/exec.c) --- */

/* A new program's arguments and environment, in kernel memory. */
struct exec_args {
	int argc, envc;
	const char *const *argv;
	const char *const *envp;
};

/* What exec_load() made: where the program starts. */
struct exec_image {
	struct elf_info elf;
	uint64_t sp;
};

/**
 * task_run - run @image as a new process (and whatever it starts) until
 * no process is left; the kernel's way to start programs and tests'
 * way to run them. Returns 0 with @res filled in, or -errno if the
 * program could not be started (a rejected ELF file is reported).
 */
int task_run(const char *name, const void *image, size_t size,
	     const struct exec_args *args, struct task_result *res);
/* The same for a boot module by name; -ENOENT if there is none. */
int task_run_module(const char *name, const struct exec_args *args,
		    struct task_result *res);

/* Load a program into @as: its segments and its start-up stack. */
int exec_load(struct address_space *as, const char *name, const void *image,
	      size_t size, const struct exec_args *args, struct exec_image *out);
struct inode;
/* The same from a file of the file system; @path is what named it. */
int exec_load_file(struct address_space *as, const char *path,
		   struct inode *file, const struct exec_args *args,
		   struct exec_image *out);
struct dentry;
/* The program file @path names (a regular file with an x bit), and the
 * name it was found by (<kernel/vfs.h>'s detached dentry, or NULL). */
int exec_lookup(const char *path, struct inode **res, struct dentry **name);
/* The kernel's start of @path: its vectors, "#!" lines followed. */
int exec_scripts(const char *path, struct inode **file, struct dentry **name,
		 const struct exec_args *in, struct exec_args *out);
/* The last component of @path: what a process is called. */
const char *exec_basename(const char *path);
/* Reset what a new program does not inherit (kernel/proc/exec.c). */
void exec_set_process(struct process *p, const char *name,
		      const struct exec_image *img);
/* The boot module called @name, or NULL. */
const struct boot_module *find_module(const char *name);

/* Set a frame up to start a program in ring 3 (HOSTILE.md 8). */
void start_frame(struct pt_regs *regs, uint64_t entry, uint64_t sp);

/* End the whole process (every thread) with a wait4 status word. */
__attribute__((noreturn)) void proc_exit(int wait_status);
/* End the current thread only; the last one ends the process. */
__attribute__((noreturn)) void thread_exit(int wait_status);
/* May the caller name group @pgid? 0, -EINVAL, -ESRCH or -EPERM. */
int pgrp_in_my_session(int pgid);
/* Has group @pgid no parent outside it in its session (POSIX)? */
bool pgrp_orphaned(int pgid);
/* End the current process now if it has been killed: on the way out of
 * every system call, so the test is inline and the rest is not. */
__attribute__((noreturn)) void proc_killed(void);
static inline void proc_check_killed(void)
{
	if (current && __builtin_expect(current->killed != 0, 0))
		proc_killed();
}
__attribute__((noreturn)) void task_kill_fault(struct pt_regs *regs);
__attribute__((noreturn, format(printf, 2, 3))) void
task_kill(struct pt_regs *regs, const char *fmt, ...);

/* Write 0 at @p's clear_child_tid and wake a futex waiter there. */
void proc_clear_child_tid(struct process *p);
/* Make every other thread of the caller's process end quietly. */
void kill_other_threads(void);
/* A vfork child that execs or ends lets its parent go (kernel/proc/clone.c). */
void vfork_release(struct process *p);

/* Between kernel/proc/proc.c, kernel/proc/clone.c and kernel/sched.c. */
struct process *alloc_proc(void);
void free_proc(struct process *p);
struct pt_regs *initial_frames(struct process *p);
bool proc_unwanted_zombie(const struct process *p);
/* @p may have become a zombie nobody waits for: the scheduler frees it. */
void sched_note_zombie(struct process *p);

/* Linux's TASK_SIZE_MAX: a TLS base at or above it is refused (EPERM). */
#define TLS_BASE_LIMIT (USER_SPACE_END - PAGE_SIZE)
/* Load @p's FS and GS bases (kernel/arch/tls.c). */
void tls_switch_to(const struct process *p);
/* The limits a process starts with (kernel/sys_info.c). */
void rlimits_init(struct rlimit *limits);
/* A process the kernel starts leads a new group and session, with the
 * default umask (kernel/proc/sys_ids.c); fork copies the parent's instead. */
void ids_init(struct process *p);

/*
 * Must a system call that returned @ret leave the slow way, through
 * do_signal() and a full check of the frame? Inline: every call asks.
 * Yes for anything in @p's slow_exit word (a kill, a signal that may be
 * waiting, a mask to put back, a TF to give back, a frame the kernel
 * rewrote) or an -ERESTART* code (512 to 516: one unsigned compare).
 */
static inline bool syscall_exit_slow(const struct process *p, long ret)
{
	return p->slow_exit || (unsigned long)ret + ERESTART_RESTARTBLOCK <=
				       ERESTART_RESTARTBLOCK - ERESTARTSYS;
}

/* Print every process and where it is (SysRq, or a serial break). */
void proc_dump(void);

/* --- scheduling (kernel/proc/sched.c) --- */
void scheduler_until_idle(void);
void sched(void);       /* give the CPU back to the scheduler */
void yield(void);
void sleep_on(const void *chan);
void sleep_on_until(const void *chan, uint64_t deadline); /* ns, monotonic */
void wakeup(const void *chan);
void wakeup_timed(void);      /* the timer, each tick */
void make_runnable(struct process *p);
void wake_process(struct process *p); /* one sleeper, whatever its channel */
void reap(struct process *p);

/* What the scheduler counts, for /proc/stat, /proc/uptime, /proc/loadavg
 * and sysinfo(2). */
struct sched_stats {
	uint64_t busy_ns;  /* processes on the CPU */
	uint64_t idle_ns;  /* nobody: the CPU waited for an interrupt */
	uint64_t switches; /* to a process */
	unsigned long avenrun[3]; /* load averages: 1, 5, 15 min (FSHIFT) */
};
extern struct sched_stats sched_stats;
#define FSHIFT 11 /* bits of fraction in the load averages (Linux's) */
#define FIXED_1 (1ul << FSHIFT)
/* Each timer tick: every 5 s, the load averages move. */
void sched_load_tick(void);
/* Threads running or waiting to run. */
int sched_nr_running(void);

/* --- the timer (kernel/drivers/timer.c) --- */
#define TIMER_HZ 100
extern volatile uint64_t ticks;
extern uint64_t irq_count; /* hardware interrupts since boot */
void timer_init(void);
void irq_handler(struct pt_regs *regs);

#endif
