// SPDX-License-Identifier: MIT
/*
 * Signals for the project's programs: sigaction, signal, kill, raise.
 *
 * Like a libc's: every handler gets SA_RESTORER and __restore_rt as the
 * address it returns to, which calls the kernel's sigreturn. The seed's
 * table keeps Linux's number 15 free for the seed demo, so these
 * programs use the private number 1031 (__NR_sigreturn), by int 0x80,
 * which every CPU has (docs/syscalls.md 16).
 */
#include "user.h"

#include <uapi/signal.h>

void __restore_rt(void);
__asm__(".text\n"
	".globl __restore_rt\n"
	"__restore_rt:\n\t"
	"movq $1031, %rax\n\t" /* __NR_sigreturn */
	"int $0x80\n\t"
	"ud2\n");

int sigaction(int sig, const struct kernel_sigaction *act,
	      struct kernel_sigaction *old)
{
	struct kernel_sigaction k;
	long r;

	if (act) {
		k = *act;
		k.flags |= SA_RESTORER;
		k.restorer = (uint64_t)__restore_rt;
	}
	r = sys_rt_sigaction(sig, act ? &k : NULL, old, sizeof(uint64_t));
	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return 0;
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct kernel_sigaction act = { (uint64_t)handler, SA_RESTART, 0, 0 },
				old;

	if (sigaction(sig, &act, &old) < 0)
		return (sighandler_t)-1;
	return (sighandler_t)old.handler;
}

int kill(int pid, int sig)
{
	long r = sys_kill(pid, sig);

	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return 0;
}

int raise(int sig)
{
	return kill(getpid(), sig);
}
