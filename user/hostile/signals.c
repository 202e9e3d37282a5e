// SPDX-License-Identifier: MIT
/* hostile: HOSTILE.md 17: signals through the entry under test (see user/hostile.c). */
#include "hostile.h"

/* 17 (with issue 9). Signals through this entry: a handler runs before
 * a call that sent the signal returns; a timer's signal cuts a sleep
 * short (EINTR) and, with SA_RESTART, restarts a read (never through
 * SYSENTER, whose return address is the caller's: EINTR there); a
 * handler in the kernel half, a frame that cannot be written and
 * forged frames end only the child that tried them. */
struct seed_itimerval {
	struct timeval interval, value;
};

static volatile int handled;
static void on_signal(int sig)
{
	handled = sig;
}

static void forge_rip(int sig, void *info, void *ctx)
{
	(void)sig;
	(void)info;
	((struct ucontext64 *)ctx)->uc_mcontext.rip = KERNEL_TEXT;
}

static void handler_in_kernel(void)
{
	struct kernel_sigaction a = { KERNEL_TEXT, 0, 0, 0 };

	sigaction(SIGUSR1, &a, NULL);
	call3(__NR_kill, getpid(), SIGUSR1, 0);
}

static void frame_in_kernel(void)
{
	signal(SIGILL, on_signal);
	__asm__ volatile("mov %0, %%rsp\n\tud2" : : "r"(KERNEL_DATA) : "memory");
}

static void forged_frame(void)
{
	struct kernel_sigaction a = { (uint64_t)forge_rip, SA_SIGINFO, 0, 0 };

	sigaction(SIGUSR1, &a, NULL);
	call3(__NR_kill, getpid(), SIGUSR1, 0);
}

static void arm_timer(long ms)
{
	struct seed_itimerval t = { { 0, 0 }, { 0, ms * 1000 } };

	call3(__NR_setitimer, 0 /* ITIMER_REAL */, (long)&t, 0);
}

void signals_through_entry(void)
{
	struct kernel_sigaction no_restart = { (uint64_t)on_signal, 0, 0, 0 };
	struct timespec t = { 2, 0 }, t0, t1;
	int fds[2], status, pid;
	char c = 0;
	long r;

	signal(SIGUSR1, on_signal);
	handled = 0;
	r = call3(__NR_kill, getpid(), SIGUSR1, 0);
	CHECK(r == 0 && handled == SIGUSR1, "kill self: %ld, handler %d", r,
	      handled);

	sigaction(SIGALRM, &no_restart, NULL);
	handled = 0;
	sys_clock_gettime(CLOCK_MONOTONIC, &t0);
	arm_timer(30);
	r = call3(__NR_nanosleep, (long)&t, 0, 0);
	sys_clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK(r == -EINTR && handled == SIGALRM && t1.tv_sec - t0.tv_sec < 2,
	      "a timer cuts nanosleep short: %ld, handler %d", r, handled);

	/* A timer set for 18446744074 s (HOSTILE.md 2: absurd values), whose
	 * nanoseconds wrap to 0.29 s in 64 bits, must not go off then. */
	{
		struct seed_itimerval far = { { 0, 0 }, { 18446744074l, 0 } },
				      off = { { 0, 0 }, { 0, 0 } };

		handled = 0;
		r = call3(__NR_setitimer, 0, (long)&far, 0);
		msleep(400);
		CHECK(r == 0 && handled == 0,
		      "a timer of 18446744074 s: %ld, went off: %d", r, handled);
		call3(__NR_setitimer, 0, (long)&off, 0);
	}

	/* SA_RESTART: the read goes on after the handler, and gets the
	 * byte a child writes 200 ms later. */
	signal(SIGALRM, on_signal);
	sys_pipe2(fds, 0);
	pid = fork();
	if (pid == 0) {
		msleep(200);
		sys_write(fds[1], "x", 1);
		exit(0);
	}
	handled = 0;
	arm_timer(30);
	r = call3(__NR_read, fds[0], (long)&c, 1);
	if (entry == SYSCALL_ENTRY_SYSENTER)
		CHECK(r == -EINTR && handled == SIGALRM,
		      "SA_RESTART through SYSENTER: EINTR (%ld)", r);
	else
		CHECK(r == 1 && c == 'x' && handled == SIGALRM,
		      "SA_RESTART: the read restarted and got %ld", r);
	waitpid(pid, &status, 0);
	sys_close(fds[0]);
	sys_close(fds[1]);

	/* A stop and a SIGCONT in the middle of a sleep are invisible to
	 * it: the kernel restarts it (restart_syscall) to the same end. */
	pid = fork();
	if (pid == 0) {
		struct timespec nap = { 0, 300000000 }, a, b;

		sys_clock_gettime(CLOCK_MONOTONIC, &a);
		r = call3(__NR_nanosleep, (long)&nap, 0, 0);
		sys_clock_gettime(CLOCK_MONOTONIC, &b);
		if (entry == SYSCALL_ENTRY_SYSENTER)
			exit(r == -EINTR ? 0 : 1); /* never restarted */
		exit(r == 0 && (b.tv_sec - a.tv_sec) * 1000000000l +
					       (b.tv_nsec - a.tv_nsec) >=
				       300000000l
			     ? 0
			     : 1);
	}
	msleep(50);
	call3(__NR_kill, pid, SIGSTOP, 0);
	msleep(50);
	call3(__NR_kill, pid, SIGCONT, 0);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "a sleep stopped and continued goes on to its end: %#x",
	      status);

	status = status_of(handler_in_kernel);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "a handler in the kernel half: status %#x", status);
	status = status_of(frame_in_kernel);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "a frame in the kernel half: status %#x", status);
	status = status_of(forged_frame);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "sigreturn to a kernel RIP: status %#x", status);
}
