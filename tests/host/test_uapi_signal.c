// SPDX-License-Identifier: MIT
/*
 * tests/host/test_uapi_signal.c - include/uapi/signal.h against the
 * build machine's Linux UAPI headers: the signal numbers, sigaction and
 * sigaltstack flags, and the layout of the signal frame's parts
 * (sigcontext, ucontext), field by field, since user space reads them
 * where Linux puts them. One line: "[OK] uapi: signal" or "[FAIL] ...".
 */
#include <asm/sigcontext.h>
#include <linux/signal.h>
#include <asm/ucontext.h>

#include <stddef.h>
#include <stdio.h>

/* clang-format off */
#define CONSTANTS(X) \
	X(SIGHUP) X(SIGINT) X(SIGQUIT) X(SIGILL) X(SIGTRAP) X(SIGABRT) \
	X(SIGBUS) X(SIGFPE) X(SIGKILL) X(SIGUSR1) X(SIGSEGV) X(SIGUSR2) \
	X(SIGPIPE) X(SIGALRM) X(SIGTERM) X(SIGSTKFLT) X(SIGCHLD) X(SIGCONT) \
	X(SIGSTOP) X(SIGTSTP) X(SIGTTIN) X(SIGTTOU) X(SIGURG) X(SIGXCPU) \
	X(SIGXFSZ) X(SIGVTALRM) X(SIGPROF) X(SIGWINCH) X(SIGIO) X(SIGPWR) \
	X(SIGSYS) X(SA_NOCLDSTOP) X(SA_NOCLDWAIT) X(SA_SIGINFO) \
	X(SA_RESTORER) X(SA_ONSTACK) X(SA_RESTART) X(SA_NODEFER) \
	X(SA_RESETHAND) X(SS_ONSTACK) X(SS_DISABLE) X(SS_AUTODISARM) X(MINSIGSTKSZ) \
	X(SI_USER) X(SI_KERNEL) X(SI_QUEUE) X(SI_TKILL) X(ILL_ILLOPN) \
	X(FPE_INTDIV) X(FPE_FLTINV) X(SEGV_MAPERR) X(SEGV_ACCERR) \
	X(BUS_ADRALN) X(TRAP_BRKPT) X(TRAP_TRACE) X(CLD_EXITED) \
	X(CLD_KILLED) X(CLD_DUMPED) X(CLD_STOPPED) X(CLD_CONTINUED)
/* clang-format on */

#define LINUX_VALUE(n) static const long linux_##n = (long)(n);
CONSTANTS(LINUX_VALUE)

/* Offsets in Linux's structures, before ours come in. */
#define SC(f) static const size_t linux_sc_##f = offsetof(struct sigcontext, f);
SC(r8) SC(r15) SC(rdi) SC(rax) SC(rsp) SC(rip) SC(eflags) SC(cs) SC(ss)
SC(err) SC(trapno) SC(oldmask) SC(cr2) SC(fpstate)
static const size_t linux_sc_size = sizeof(struct sigcontext);
static const size_t linux_uc_stack = offsetof(struct ucontext, uc_stack);
static const size_t linux_uc_mcontext = offsetof(struct ucontext, uc_mcontext);
static const size_t linux_uc_sigmask = offsetof(struct ucontext, uc_sigmask);
static const size_t linux_siginfo_size = sizeof(siginfo_t);
static const size_t linux_si_addr = offsetof(siginfo_t, si_addr);
static const size_t linux_si_pid = offsetof(siginfo_t, si_pid);
static const size_t linux_si_status = offsetof(siginfo_t, si_status);

#undef SIGHUP
#undef SIGINT
#undef SIGQUIT
#undef SIGILL
#undef SIGTRAP
#undef SIGABRT
#undef SIGBUS
#undef SIGFPE
#undef SIGKILL
#undef SIGUSR1
#undef SIGSEGV
#undef SIGUSR2
#undef SIGPIPE
#undef SIGALRM
#undef SIGTERM
#undef SIGSTKFLT
#undef SIGCHLD
#undef SIGCONT
#undef SIGSTOP
#undef SIGTSTP
#undef SIGTTIN
#undef SIGTTOU
#undef SIGURG
#undef SIGXCPU
#undef SIGXFSZ
#undef SIGVTALRM
#undef SIGPROF
#undef SIGWINCH
#undef SIGIO
#undef SIGPWR
#undef SIGSYS
#undef SA_NOCLDSTOP
#undef SA_NOCLDWAIT
#undef SA_SIGINFO
#undef SA_RESTORER
#undef SA_ONSTACK
#undef SA_RESTART
#undef SA_NODEFER
#undef SA_RESETHAND
#undef SS_ONSTACK
#undef SS_DISABLE
#undef SS_AUTODISARM
#undef MINSIGSTKSZ
#undef SI_USER
#undef SI_KERNEL
#undef SI_QUEUE
#undef SI_TKILL
#undef ILL_ILLOPN
#undef FPE_INTDIV
#undef FPE_FLTINV
#undef SEGV_MAPERR
#undef SEGV_ACCERR
#undef BUS_ADRALN
#undef TRAP_BRKPT
#undef TRAP_TRACE
#undef CLD_EXITED
#undef CLD_KILLED
#undef CLD_DUMPED
#undef CLD_STOPPED
#undef CLD_CONTINUED
#undef SIG_DFL
#undef SIG_IGN
#undef NSIG

#include <uapi/signal.h>

int main(void)
{
	int bad = 0;

#define COMPARE(n)                                                            \
	if ((long)(n) != linux_##n) {                                         \
		printf("[FAIL] uapi: signal: %s is %ld, Linux says %ld\n", #n, \
		       (long)(n), linux_##n);                                 \
		bad++;                                                        \
	}
#define OFFSET(ours, theirs, what)                                            \
	if ((size_t)(ours) != (theirs)) {                                     \
		printf("[FAIL] uapi: signal: %s at %zu, Linux's at %zu\n",    \
		       what, (size_t)(ours), (size_t)(theirs));               \
		bad++;                                                        \
	}
#define SCO(f) OFFSET(offsetof(struct sigcontext64, f), linux_sc_##f, "sigcontext." #f)
	CONSTANTS(COMPARE)
	SCO(r8) SCO(r15) SCO(rdi) SCO(rax) SCO(rsp) SCO(rip) SCO(eflags)
	SCO(cs) SCO(ss) SCO(err) SCO(trapno) SCO(oldmask) SCO(cr2)
	SCO(fpstate)
	OFFSET(sizeof(struct sigcontext64), linux_sc_size, "sizeof sigcontext");
	OFFSET(offsetof(struct ucontext64, uc_stack), linux_uc_stack, "uc_stack");
	OFFSET(offsetof(struct ucontext64, uc_mcontext), linux_uc_mcontext,
	       "uc_mcontext");
	OFFSET(offsetof(struct ucontext64, uc_sigmask), linux_uc_sigmask,
	       "uc_sigmask");
	OFFSET(sizeof(struct kernel_siginfo), linux_siginfo_size, "sizeof siginfo");
	OFFSET(offsetof(struct kernel_siginfo, fault.addr), linux_si_addr, "si_addr");
	OFFSET(offsetof(struct kernel_siginfo, kill.pid), linux_si_pid, "si_pid");
	OFFSET(offsetof(struct kernel_siginfo, chld.status), linux_si_status,
	       "si_status");
	if (!bad)
		printf("[OK] uapi: signal\n");
	return bad != 0;
}
