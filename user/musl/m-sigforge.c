// SPDX-License-Identifier: MIT
/*
 * m-sigforge: HOSTILE.md 17 and issue 9's hostile cases, from a Linux
 * program (rt_sigreturn is Linux's number 15, which the project's own
 * programs cannot call: their table keeps 15 for the seed demo).
 *
 * Each case runs in a child, which must end killed by SIGSEGV while the
 * parent and the kernel carry on:
 *   - a handler rewrites its saved context before it returns, so that
 *     rt_sigreturn reads a forged frame: a non-canonical or kernel RIP
 *     or RSP, the kernel's CS or SS, IOPL, NT, VM or a clear IF in
 *     RFLAGS, reserved MXCSR bits;
 *   - rt_sigreturn called with RSP on unmapped memory (no frame);
 *   - a handler address in the kernel half;
 *   - a signal whose frame would land in the kernel half, or on an
 *     unmapped stack;
 *   - a SIGSEGV handler that faults again, with SA_NODEFER, until the
 *     stack is gone.
 * Then: a handler that changes only what it may (RAX) returns normally;
 * kill(-1) reaches the caller's children and not the caller; 10^5
 * kill() calls from a child to its parent leave the parent running.
 *
 * Linux answers some of these differently on purpose (it masks RFLAGS
 * and forces CS and SS instead of refusing the frame), so this program
 * runs on the kernel only, against the expectation written by hand in
 * tests/linuxdiff.py (KERNEL_ONLY), as m-oom does.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

#define KERNEL_ADDR 0xffffffff81000000ul
#define NONCANON 0x8000000000000000ul

static int forge; /* which field the SIGUSR1 handler breaks */

enum {
	F_RIP_NONCANON, F_RIP_KERNEL, F_RSP_NONCANON, F_RSP_KERNEL,
	F_CS_KERNEL, F_SS_KERNEL, F_IOPL, F_NT, F_VM, F_IF_CLEAR, F_MXCSR,
	F_NONE,
};

static const char *const forge_names[] = {
	"RIP non-canonical", "RIP in the kernel half", "RSP non-canonical",
	"RSP in the kernel half", "CS the kernel's", "SS the kernel's",
	"RFLAGS with IOPL 3", "RFLAGS with NT", "RFLAGS with VM",
	"RFLAGS with IF clear", "MXCSR with reserved bits",
};

static void forger(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *g = uc->uc_mcontext.gregs;

	(void)sig;
	(void)si;
	switch (forge) {
	case F_RIP_NONCANON: g[REG_RIP] = (greg_t)NONCANON; break;
	case F_RIP_KERNEL: g[REG_RIP] = (greg_t)KERNEL_ADDR; break;
	case F_RSP_NONCANON: g[REG_RSP] = (greg_t)NONCANON; break;
	case F_RSP_KERNEL: g[REG_RSP] = (greg_t)KERNEL_ADDR; break;
	/* CSGSFS: CS in bits 0-15, SS in bits 48-63 (ucontext's layout). */
	case F_CS_KERNEL: g[REG_CSGSFS] = (g[REG_CSGSFS] & ~0xffffl) | 0x08; break;
	case F_SS_KERNEL:
		g[REG_CSGSFS] = (g[REG_CSGSFS] & 0x0000ffffffffffffl) |
				(0x10l << 48);
		break;
	case F_IOPL: g[REG_EFL] |= 3 << 12; break;
	case F_NT: g[REG_EFL] |= 1 << 14; break;
	case F_VM: g[REG_EFL] |= 1 << 17; break;
	case F_IF_CLEAR: g[REG_EFL] &= ~(1l << 9); break;
	case F_MXCSR: uc->uc_mcontext.fpregs->mxcsr = 0xffffffff; break;
	case F_NONE: g[REG_RAX] = 42; break;
	}
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

/* How a child running @body ends. */
static int status_of(void (*body)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		body();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return status;
}

static int killed_by_segv(int status)
{
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}

static void forged_return(void)
{
	install(SIGUSR1, forger, 0);
	raise(SIGUSR1);
}

static void no_frame(void)
{
	/* rt_sigreturn with RSP on nothing: there is no frame to read. */
	__asm__ volatile("mov %0, %%rsp\n\tmov $15, %%eax\n\tsyscall"
			 : : "r"(0x10000ul) : "memory");
}

static void kernel_handler(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = (void (*)(int))KERNEL_ADDR;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
}

static void on_ill(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)si;
	(void)ctx;
	_exit(3); /* never: its frame cannot be written */
}

static void frame_in_kernel(void)
{
	install(SIGILL, on_ill, 0);
	__asm__ volatile("mov %0, %%rsp\n\tud2" : : "r"(KERNEL_ADDR) : "memory");
}

static void frame_unmapped(void)
{
	install(SIGILL, on_ill, 0);
	__asm__ volatile("mov %0, %%rsp\n\tud2" : : "r"(0x10000ul) : "memory");
}

static volatile int depth;
static int *volatile bad = (int *)8; /* on page 0: never mapped */

static void refault(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)si;
	(void)ctx;
	depth++;
	*bad = 1; /* again, one frame deeper */
}

static void recursive_faults(void)
{
	install(SIGSEGV, refault, SA_NODEFER);
	*bad = 1;
}

static volatile long storm_count;

static void count(int sig)
{
	(void)sig;
	storm_count++;
}

int main(void)
{
	int status, i;
	pid_t a, b, parent = getpid();

	/* kill(-1) below would end every process of the user on a real
	 * machine: run only on the teaching kernel. */
	struct utsname u;

	if (uname(&u) || !strstr(u.release, "teaching")) {
		fprintf(stderr, "m-sigforge: runs on the teaching kernel only\n");
		return 2;
	}
	check_start();
	for (forge = 0; forge < F_NONE; forge++)
		CHECK(killed_by_segv(status_of(forged_return)),
		      "rt_sigreturn with %s: killed by SIGSEGV",
		      forge_names[forge]);
	CHECK(killed_by_segv(status_of(no_frame)),
	      "rt_sigreturn with no frame to read: killed by SIGSEGV");
	CHECK(killed_by_segv(status_of(kernel_handler)),
	      "a handler in the kernel half: killed by SIGSEGV");
	CHECK(killed_by_segv(status_of(frame_in_kernel)),
	      "a signal frame in the kernel half: killed by SIGSEGV");
	CHECK(killed_by_segv(status_of(frame_unmapped)),
	      "a signal frame on an unmapped stack: killed by SIGSEGV");
	CHECK(killed_by_segv(status_of(recursive_faults)),
	      "SIGSEGV handlers faulting until the stack is gone: killed by "
	      "SIGSEGV");

	forge = F_NONE;
	install(SIGUSR1, forger, 0);
	{
		long rax;

		__asm__ volatile("mov $62, %%eax\n\t" /* kill(getpid(), 10) */
				 "syscall"
				 : "=a"(rax)
				 : "D"((long)getpid()), "S"(10l)
				 : "rcx", "r11", "memory");
		CHECK(rax == 42, "a handler that changes RAX only: the call "
				 "returns what it left there");
	}

	a = fork();
	if (a == 0) {
		pause();
		_exit(1);
	}
	b = fork();
	if (b == 0) {
		pause();
		_exit(1);
	}
	usleep(50000);
	signal(SIGTERM, SIG_IGN); /* the caller is spared anyway */
	CHECK(kill(-1, SIGTERM) == 0, "kill(-1, SIGTERM)");
	CHECK(waitpid(a, &status, 0) == a && WIFSIGNALED(status) &&
		      WTERMSIG(status) == SIGTERM &&
		      waitpid(b, &status, 0) == b && WIFSIGNALED(status) &&
		      WTERMSIG(status) == SIGTERM,
	      "kill(-1) ended both children, not the caller");

	signal(SIGUSR1, count);
	a = fork();
	if (a == 0) {
		for (i = 0; i < 100000; i++)
			kill(parent, SIGUSR1);
		_exit(0);
	}
	CHECK(waitpid(a, &status, 0) == a && WIFEXITED(status),
	      "10^5 kill() calls from a child: the parent lives on");
	CHECK(storm_count >= 1, "its handler ran");
	return check_finish("m-sigforge");
}
