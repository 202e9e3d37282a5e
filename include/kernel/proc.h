/* SPDX-License-Identifier: MIT */
/*
 * Processes (kernel/proc.c, kernel/exec.c) and their scheduling
 * (kernel/sched.c).
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
#include <kernel/fpu.h>
#include <kernel/paging.h>
#include <kernel/ptrace.h>
#include <kernel/trace.h>
#include <kernel/vm.h>
#include <uapi/abi.h>
#include <uapi/syscall.h>

#define NPROC KSTACK_SLOTS

/* Kept from the first, run-to-completion design: what the kernel's own
 * launcher (task_run) learns about how a process ended. */
enum task_end { TASK_EXITED, TASK_KILLED };
#define TASK_NO_VECTOR 0xffffffffu

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

struct process {
	struct fpu_state fpu;    /* x87/SSE registers while not in the CPU */
	int pid;
	enum proc_state state;
	char name[32];
	struct process *parent;  /* NULL: started by the kernel, or orphaned */
	struct address_space as;
	uint64_t kstack_top;
	uint64_t context;        /* kernel RSP while switched out */
	const void *wait_on;     /* what a sleeping process waits for */
	uint64_t brk_start, brk; /* the heap: brk(2) */
	uint64_t fs_base, gs_base; /* TLS bases: arch_prctl(2) */
	uint64_t clear_child_tid;  /* set_tid_address(2) */
	uint64_t sigmask;          /* blocked signals: rt_sigprocmask(2) */
	unsigned int abi;        /* ABI_* (<uapi/abi.h>): chosen by execve */
	bool sysenter_tf;        /* see syscall_debug_trap() */
	bool frame_replaced;     /* execve: return by IRETQ, frame as it is */
	int wait_status;         /* for wait4, once a zombie (<uapi/wait.h>) */
	int killed;              /* a signal to die of at the next chance */
	struct task_result result;
	struct task_result *report; /* where task_run wants the result */
	uint64_t cpu_ns;         /* CPU time used (counted in kernel/sched.c) */
	uint64_t run_since;      /* CLOCK_MONOTONIC when last switched in */
	struct rlimit rlimits[RLIM_NLIMITS]; /* kept over execve, copied by fork */
	int pgid, sid;            /* process group, session: kernel/sys_ids.c */
	unsigned int umask;       /* umask(2): copied by fork, kept over execve */
	bool did_exec;            /* has called execve since fork: setpgid */
	uint64_t robust_list;     /* set_robust_list(2): per thread, not walked */
	struct trace_call trace;  /* the system call trace's line */
};

extern struct process *current;
extern struct process proc_table[NPROC];

/* --- starting and ending (kernel/proc.c, kernel/exec.c) --- */

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
/* Reset what a new program does not inherit (kernel/exec.c). */
void exec_set_process(struct process *p, const char *name,
		      const struct exec_image *img);
/* The boot module called @name, or NULL. */
const struct boot_module *find_module(const char *name);

/* Set a frame up to start a program in ring 3 (HOSTILE.md 8). */
void start_frame(struct pt_regs *regs, uint64_t entry, uint64_t sp);

__attribute__((noreturn)) void proc_exit(int wait_status);
/* Mark @pid and its descendants to die of @sig; 0 or -ESRCH. */
int proc_kill(int pid, int sig);
/* End the current process now if it has been killed. */
void proc_check_killed(void);
__attribute__((noreturn)) void task_kill_fault(struct pt_regs *regs);
__attribute__((noreturn, format(printf, 2, 3))) void
task_kill(struct pt_regs *regs, const char *fmt, ...);

/* Load @p's FS and GS bases (kernel/tls.c). */
void tls_switch_to(const struct process *p);
/* The limits a process starts with (kernel/sys_info.c). */
void rlimits_init(struct rlimit *limits);
/* A process the kernel starts leads a new group and session, with the
 * default umask (kernel/sys_ids.c); fork copies the parent's instead. */
void ids_init(struct process *p);

/* --- scheduling (kernel/sched.c) --- */
void scheduler_until_idle(void);
void sched(void);       /* give the CPU back to the scheduler */
void yield(void);
void sleep_on(const void *chan);
void wakeup(const void *chan);
void wake_process(struct process *p); /* futex: one sleeper, any channel */
void reap(struct process *p);

/* --- the timer (kernel/timer.c) --- */
#define TIMER_HZ 100
extern volatile uint64_t ticks;
void timer_init(void);
void irq_handler(struct pt_regs *regs);

#endif
