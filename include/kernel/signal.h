/* SPDX-License-Identifier: MIT */
/*
 * Signals (kernel/proc/signal.c): sending, the pending sets, and delivery on
 * the way back to ring 3. docs/syscalls.md section 16.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <uapi/signal.h>

struct process;
struct pt_regs;

#define SIG_BIT(sig) (1ull << ((sig) - 1))
/* SIGKILL and SIGSTOP cannot be blocked, caught or ignored. */
#define UNBLOCKABLE (SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP))

/* Signals waiting to be delivered: a set, and the siginfo of each (one
 * per standard signal; every one queued for the real-time ones). */
struct sigqueue {
	struct sigqueue *next;
	struct kernel_siginfo info;
};

struct sigpending {
	uint64_t set;
	struct sigqueue *head;
};

/* The handlers of a process: shared by threads (CLONE_SIGHAND). */
struct sighand {
	unsigned int users;
	struct kernel_sigaction action[NSIG];
};

/* Internal results of interrupted calls, never seen by user space:
 * Linux's. do_signal() turns them into -EINTR or a restart. */
#define ERESTARTSYS 512    /* restart if the handler has SA_RESTART */
#define ERESTARTNOHAND 514 /* restart only if no handler ran */
/* Like ERESTARTNOHAND, but the restart is restart_syscall(), which
 * goes on from what the call left in current->restart (a sleep's end). */
#define ERESTART_RESTARTBLOCK 516
/* pt_regs.orig_rax after rt_sigreturn: nothing there to restart. */
#define NO_SYSCALL (~0ull)

/* What a stopped or continued child has to tell wait4 (once). */
#define WEV_STOPPED 1
#define WEV_CONTINUED 2

struct sighand *sighand_new(void);
struct sighand *sighand_get(struct sighand *h);
struct sighand *sighand_copy(const struct sighand *h);
void sighand_put(struct sighand *h);
/* execve: handled signals back to SIG_DFL (ignored ones stay ignored). */
int sighand_exec(struct sighand **hp);
void sigpending_flush(struct sigpending *p);

/* Send @sig to thread @t (@group: to its whole process). 0 or -EAGAIN
 * (no memory for a queued real-time signal). */
int send_signal(struct process *t, int sig, const struct kernel_siginfo *info,
		bool group);
/* From the kernel (SI_KERNEL) to every process of group @pgid: the
 * console's ctrl-C and ctrl-Z. */
void kill_pgrp(int pgid, int sig);
/* Each timer tick: SIGALRM to the processes whose timer ran out. */
void signal_timer_tick(void);
/* A process has ended: its timer goes. */
void signal_timer_cancel(struct process *leader);
/* execve from a thread: the timer passes to the new leader. */
void signal_timer_move(struct process *leader, uint64_t at, uint64_t every);
/* Is a signal waiting for the current thread that it does not block? */
bool signal_pending(const struct process *p);
/* The current thread's mask went down: set its sigpending hint if that
 * lets a waiting signal through (kernel/proc/signal.c). */
void sigmask_lowered(void);
/* The way back to ring 3: deliver what is pending (kernel/proc/signal.c).
 * @from_syscall: regs->rax is a system call's result (maybe a restart). */
void do_signal(struct pt_regs *regs, bool from_syscall);
/* A fault in ring 3 that a handler may catch; false: nobody catches it,
 * the caller ends the process as before. */
bool signal_fault(struct pt_regs *regs, int sig, int code, uint64_t addr);

/* ppoll and pselect6 (kernel/fs/poll.c): the mask at user address
 * @umask in place for the call (NULL: nothing changes), the old one
 * kept to come back. 0, -EINVAL (@size not 8), -EFAULT. */
int set_user_sigmask(uint64_t umask, uint64_t size);
/* The call ends: the kept mask comes back now, unless it was
 * @interrupted, when it comes back after the handler (rt_sigsuspend's
 * way, Linux's restore_saved_sigmask_unless). */
void restore_saved_sigmask_unless(bool interrupted);

/* Between kernel/proc/signal.c and kernel/sys_signal.c. */
bool valid_signal(long sig);
struct kernel_sigaction *action_of(const struct process *p, int sig);
bool default_ignored(int sig); /* SIGCHLD, SIGURG, SIGWINCH, SIGCONT */
/* Drop the pending signals of @which everywhere in @leader's process. */
void discard_group(struct process *leader, uint64_t which);
/* The current thread's next pending signal among @allowed, or 0. */
int dequeue_signal(uint64_t allowed, struct kernel_siginfo *info);
/* Between kernel/proc/signal.c and kernel/proc/sigframe.c: write the
 * frame for @sig on the user stack and point @regs at its handler. */
void setup_frame(int sig, struct kernel_sigaction *ka,
		 const struct kernel_siginfo *info, struct pt_regs *regs,
		 uint64_t oldmask);
bool on_altstack(const struct process *p, uint64_t sp);
sigstack_t altstack_of(const struct process *p, uint64_t sp);

#endif
