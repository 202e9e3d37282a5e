/* SPDX-License-Identifier: MIT */
/*
 * Signals as Linux x86-64 defines them: numbers, sigaction flags, the
 * siginfo, stack_t, sigcontext and ucontext layouts of the signal frame
 * (include/uapi/asm-generic/signal.h, asm/sigcontext.h, asm/ucontext.h,
 * asm-generic/siginfo.h). tests/host/test_uapi_signal.c checks values,
 * sizes and offsets against the build machine's headers.
 */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

#define SIGHUP 1
#define SIGINT 2   /* ctrl-C on the console */
#define SIGQUIT 3
#define SIGILL 4   /* #UD */
#define SIGTRAP 5  /* #DB, #BP */
#define SIGABRT 6
#define SIGBUS 7   /* #AC */
#define SIGFPE 8   /* #DE, #MF, #XM */
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11 /* #PF, #GP, #SS, #NP and the rest */
#define SIGUSR2 12
#define SIGPIPE 13 /* a write to a pipe nobody reads */
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17 /* fork's exit signal (clone's CSIGNAL) */
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31
#define SIGRTMIN_KERNEL 32 /* the kernel's first real-time signal */
#define NSIG 64            /* signals 1..64 */

#define SIG_DFL 0ul
#define SIG_IGN 1ul

#define SA_NOCLDSTOP 0x00000001u
#define SA_NOCLDWAIT 0x00000002u
#define SA_SIGINFO 0x00000004u
#define SA_RESTORER 0x04000000u
#define SA_ONSTACK 0x08000000u
#define SA_RESTART 0x10000000u
#define SA_NODEFER 0x40000000u
#define SA_RESETHAND 0x80000000u

/* si_code values */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE (-1)
#define SI_TKILL (-6)
#define ILL_ILLOPN 2
#define FPE_INTDIV 1
#define FPE_FLTINV 7
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1u << 31)
#define MINSIGSTKSZ 2048

#ifndef __ASSEMBLER__
#include <stdint.h>

/* rt_sigaction's struct, as the kernel sees it (not libc's sigaction). */
struct kernel_sigaction {
	uint64_t handler;  /* SIG_DFL, SIG_IGN or a function */
	uint64_t flags;    /* SA_* */
	uint64_t restorer; /* where the handler returns: calls rt_sigreturn */
	uint64_t mask;     /* blocked while the handler runs */
};

/* siginfo_t: 128 bytes; the fields a signal of each kind fills in. */
struct kernel_siginfo {
	int32_t si_signo;
	int32_t si_errno;
	int32_t si_code;
	int32_t pad0;
	union {
		struct { /* kill, tkill, and the queued real-time signals */
			int32_t pid;
			uint32_t uid;
			uint64_t value;
		} kill;
		struct { /* SIGSEGV, SIGILL, SIGFPE, SIGBUS, SIGTRAP */
			uint64_t addr;
		} fault;
		struct { /* SIGCHLD */
			int32_t pid;
			uint32_t uid;
			int32_t status;
			int32_t pad;
			int64_t utime, stime;
		} chld;
		uint8_t pad[112];
	};
};

typedef struct {
	uint64_t ss_sp;
	int32_t ss_flags;
	int32_t pad;
	uint64_t ss_size;
} sigstack_t;

/* The general registers in a signal frame (asm/sigcontext.h). */
struct sigcontext64 {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate; /* user address of the FXSAVE image */
	uint64_t reserved1[8];
};

struct ucontext64 {
	uint64_t uc_flags;
	uint64_t uc_link;
	sigstack_t uc_stack;
	struct sigcontext64 uc_mcontext;
	uint64_t uc_sigmask;
};

#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4

/*
 * The frame a handler runs on (Linux's struct rt_sigframe): its return
 * address first, so the handler's `ret` goes to the restorer, which calls
 * rt_sigreturn with RSP just above it.
 */
struct rt_sigframe {
	uint64_t pretcode;
	struct ucontext64 uc;
	struct kernel_siginfo info;
	/* the FXSAVE image follows, 64-byte aligned, at uc_mcontext.fpstate */
};
#endif

#endif
