// SPDX-License-Identifier: MIT
/*
 * m-signal: signals within one process, as Linux delivers them:
 * sigaction's bookkeeping, what a handler is given (siginfo, the
 * ucontext, the mask it runs under, and the rt_sigframe itself as a
 * handler written in assembly finds it), registers and FPU/SSE state kept
 * across a handler, blocking and pending, the order in which pending
 * signals are delivered, ignoring, SIGKILL and SIGSTOP, SA_RESETHAND and
 * SA_NODEFER, sigtimedwait and sigsuspend, a handler that changes the
 * interrupted context, and SIGPIPE caught.
 *
 * Everything here is sent by the process to itself, so it is delivered
 * on the way out of the system call that sent it (or that unblocked it),
 * before the next instruction: no timing is involved, and every line
 * is the same on each run. Signals between processes are m-sigproc's,
 * faults m-sigfault's.
 *
 * Raw system calls where musl would hide the kernel's answer: musl
 * checks some arguments itself (sigaction of 0 or 65), sets SA_RESTORER
 * on every action, retries rt_sigtimedwait on EINTR, and its sigset_t is
 * 128 bytes where the kernel's is 8. Masks are printed as lists of
 * names, never as raw words, except where the exact word is the point.
 *
 * The program first sets every catchable signal to SIG_DFL and unblocks
 * all: it cannot know what the runner left it (Python, a shell under
 * nohup or this kernel).
 *
 * Order of delivery. With several signals pending and unblocked at once,
 * Linux takes the lowest-numbered first (standard before real-time,
 * queued real-time signals of one number in the order sent), and sets
 * up a frame for each of them in turn before it returns to user space
 * at all, as long as the handlers' masks let the next one through. The
 * frame set up last is on top, so the handlers then *run* in the
 * reverse order. The checks look at both: handlers whose sa_mask blocks
 * the others (one at a time, lowest first), and handlers that block
 * nothing (nested, highest first).
 */
#define _GNU_SOURCE /* REG_RIP and the rest of <ucontext.h> */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

#define MS 1000000L
#define KERNEL_SIGSET 8 /* the kernel's sigset_t */
#define LOG_MAX 32

/* The kernel's struct sigaction on x86-64 (not musl's). */
struct ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	uint64_t mask;
};

static volatile int handled; /* handler calls since the last reset */
static volatile int depth, max_depth;
static volatile int log_sigs[LOG_MAX], log_len;
static siginfo_t last_info;
static sigset_t mask_inside; /* the thread's mask inside the handler */
static sigset_t uc_mask;     /* the handler's uc_sigmask */
static unsigned long uc_flags_seen;
static int uc_stack_flags;

/* ------------------------------------------------------------ names */

static const char *sig_name(int sig)
{
	static const char *const names[] = {
		"0",	   "SIGHUP",	"SIGINT",  "SIGQUIT",  "SIGILL",
		"SIGTRAP", "SIGABRT",	"SIGBUS",  "SIGFPE",   "SIGKILL",
		"SIGUSR1", "SIGSEGV",	"SIGUSR2", "SIGPIPE",  "SIGALRM",
		"SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",  "SIGSTOP",
		"SIGTSTP", "SIGTTIN",	"SIGTTOU", "SIGURG",   "SIGXCPU",
		"SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",
		"SIGPWR",  "SIGSYS",
	};
	static char other[32];

	if (sig >= 0 && sig < 32)
		return names[sig];
	if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
		if (sig == SIGRTMIN)
			return "SIGRTMIN";
		snprintf(other, sizeof(other), "SIGRTMIN+%d", sig - SIGRTMIN);
	} else {
		snprintf(other, sizeof(other), "signal %d", sig);
	}
	return other;
}

static const char *code_name(int code)
{
	static const struct check_name names[] = {
		CHECK_NAME(SI_USER),  CHECK_NAME(SI_KERNEL),
		CHECK_NAME(SI_QUEUE), CHECK_NAME(SI_TIMER),
		CHECK_NAME(SI_TKILL),
	};

	return check_lookup(names, sizeof(names) / sizeof(names[0]), code,
			    "si_code");
}

/* The signals in a kernel mask, by name: "SIGUSR1 SIGRTMIN" or "none". */
static const char *mask_names(uint64_t mask)
{
	static char buf[512];
	size_t n = 0;

	buf[0] = 0;
	for (int sig = 1; sig <= 64; sig++)
		if (mask & (1ull << (sig - 1)))
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
					      n ? " " : "", sig_name(sig));
	return n ? buf : "none";
}

static uint64_t bit(int sig)
{
	return 1ull << (sig - 1);
}

/* --------------------------------------------------- raw system calls */

static uint64_t raw_mask(void)
{
	uint64_t old = 0;

	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &old, KERNEL_SIGSET);
	return old;
}

static void set_raw_mask(uint64_t mask)
{
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, NULL, KERNEL_SIGSET);
}

static uint64_t raw_pending(void)
{
	uint64_t set = 0;

	syscall(SYS_rt_sigpending, &set, KERNEL_SIGSET);
	return set;
}

static uint64_t sigset_bits(const sigset_t *set)
{
	uint64_t bits;

	memcpy(&bits, set, sizeof(bits)); /* the kernel's 8 bytes */
	return bits;
}

static long tid(void)
{
	return syscall(SYS_gettid);
}

static const char *err_name(int e)
{
	return e == EPIPE ? "EPIPE" : errno_name(e);
}

/* A call that must fail with @want: one line. */
static void fails_with(const char *what, long r, int want)
{
	int got = errno;

	if (r != -1)
		printf("%s: returned %ld\n", what, r);
	else if (got != want)
		printf("%s: failed with %s\n", what, err_name(got));
	CHECK(r == -1 && got == want, "%s: %s", what, err_name(want));
}

/* ---------------------------------------------------------- handlers */

typedef void (*action_fn)(int, siginfo_t *, void *);

static void handle(int sig, action_fn fn, int flags, uint64_t mask)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	memcpy(&sa.sa_mask, &mask, sizeof(mask));
	sigaction(sig, &sa, NULL);
}

static void reset_counts(void)
{
	handled = 0;
	depth = max_depth = 0;
	log_len = 0;
	memset(&last_info, 0, sizeof(last_info));
}

/* Records what a handler is given. */
static void record(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	handled++;
	last_info = *si;
	sigprocmask(SIG_BLOCK, NULL, &mask_inside);
	uc_mask = uc->uc_sigmask;
	uc_flags_seen = uc->uc_flags;
	uc_stack_flags = uc->uc_stack.ss_flags;
	if (log_len < LOG_MAX)
		log_sigs[log_len++] = sig;
}

/* Every catchable signal to SIG_DFL, none blocked, no alternate stack
 * (SS_DISABLE is what the frame's uc_stack.ss_flags then shows). */
static void reset_signals(void)
{
	stack_t off = { .ss_flags = SS_DISABLE };

	sigaltstack(&off, NULL);
	for (int sig = 1; sig <= 64; sig++)
		if (sig != SIGKILL && sig != SIGSTOP && (sig < 32 || sig > 34))
			signal(sig, SIG_DFL);
	set_raw_mask(0);
}

/* ------------------------------------------------------- sigaction */

static void one(int sig)
{
	(void)sig;
}

static void two(int sig)
{
	(void)sig;
}

static void my_restorer(void)
{
}

static void actions(void)
{
	struct sigaction sa, old;
	struct ksigaction k, kold;
	long r;

	memset(&old, 0, sizeof(old));
	CHECK(sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == SIG_DFL,
	      "sigaction query of SIGUSR1: SIG_DFL");

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = one;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	sigaddset(&sa.sa_mask, SIGKILL);
	sigaddset(&sa.sa_mask, SIGSTOP);
	CHECK(sigaction(SIGUSR1, &sa, &old) == 0 && old.sa_handler == SIG_DFL,
	      "install a handler: the old action was SIG_DFL");
	sa.sa_handler = two;
	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	CHECK(sigaction(SIGUSR1, &sa, &old) == 0 && old.sa_handler == one,
	      "install another: the old action is the first handler");
	CHECK((unsigned)old.sa_flags == (SA_RESTART | SA_RESTORER),
	      "with its flags, SA_RESTART (and musl's SA_RESTORER)");
	printf("its sa_mask: %s\n", mask_names(sigset_bits(&old.sa_mask)));
	CHECK(sigset_bits(&old.sa_mask) == bit(SIGUSR2),
	      "SIGKILL and SIGSTOP were dropped from sa_mask, SIGUSR2 kept");
	signal(SIGUSR1, SIG_DFL);

	/* The kernel's own answers, without musl's checks in front. */
	memset(&k, 0, sizeof(k));
	k.handler = (void *)one;
	k.flags = SA_RESTORER;
	k.restorer = (void *)my_restorer;
	fails_with("rt_sigaction of signal 0",
		   syscall(SYS_rt_sigaction, 0, &k, NULL, KERNEL_SIGSET),
		   EINVAL);
	fails_with("rt_sigaction of signal 65",
		   syscall(SYS_rt_sigaction, 65, &k, NULL, KERNEL_SIGSET),
		   EINVAL);
	fails_with("rt_sigaction with sigsetsize 4",
		   syscall(SYS_rt_sigaction, SIGUSR1, &k, NULL, 4), EINVAL);
	fails_with("rt_sigaction with sigsetsize 16",
		   syscall(SYS_rt_sigaction, SIGUSR1, &k, NULL, 16), EINVAL);
	r = syscall(SYS_rt_sigaction, SIGUSR1, &k, NULL, KERNEL_SIGSET);
	memset(&kold, 0, sizeof(kold));
	r |= syscall(SYS_rt_sigaction, SIGUSR1, NULL, &kold, KERNEL_SIGSET);
	CHECK(r == 0 && kold.handler == (void *)one &&
		  kold.flags == SA_RESTORER &&
		  kold.restorer == (void *)my_restorer && kold.mask == 0,
	      "rt_sigaction gives back handler, flags and sa_restorer as set");
	r = syscall(SYS_rt_sigaction, 33, NULL, &kold, KERNEL_SIGSET);
	CHECK(r == 0, "rt_sigaction query of signal 33 (musl's own): 0");
	signal(SIGUSR1, SIG_DFL);
}

/* -------------------------------------------------------- delivery */

static void delivery(void)
{
	uint64_t inside;
	long r;

	handle(SIGUSR1, record, 0, bit(SIGUSR2));
	reset_counts();
	r = kill(getpid(), SIGUSR1);
	CHECK(r == 0 && handled == 1,
	      "kill(getpid(), SIGUSR1): the handler ran before kill returned");
	CHECK(last_info.si_signo == SIGUSR1 && last_info.si_errno == 0,
	      "si_signo SIGUSR1, si_errno 0");
	printf("si_code: %s\n", code_name(last_info.si_code));
	CHECK(last_info.si_code == SI_USER, "kill: si_code SI_USER");
	CHECK(last_info.si_pid == getpid() && last_info.si_uid == getuid(),
	      "si_pid is the sender (ourselves), si_uid our uid");
	inside = sigset_bits(&mask_inside);
	printf("blocked inside the handler: %s\n", mask_names(inside));
	CHECK(inside == (bit(SIGUSR1) | bit(SIGUSR2)),
	      "inside: the signal itself and sa_mask's SIGUSR2 are blocked");
	CHECK(sigset_bits(&uc_mask) == 0,
	      "uc_sigmask is the mask before the handler (none)");
	CHECK(raw_mask() == 0, "after the handler the mask is none again");
	CHECK((uc_flags_seen & 6) == 6,
	      "uc_flags has UC_SIGCONTEXT_SS and UC_STRICT_RESTORE_SS");
	CHECK(uc_stack_flags == SS_DISABLE,
	      "uc_stack.ss_flags: SS_DISABLE, as sigaltstack last set it");

	reset_counts();
	raise(SIGUSR1);
	printf("raise: si_code %s\n", code_name(last_info.si_code));
	CHECK(handled == 1 && last_info.si_code == SI_TKILL &&
		  last_info.si_pid == getpid(),
	      "raise: the handler ran, si_code SI_TKILL, si_pid ours");
	reset_counts();
	r = syscall(SYS_tgkill, getpid(), tid(), SIGUSR1);
	CHECK(r == 0 && handled == 1 && last_info.si_code == SI_TKILL &&
		  last_info.si_pid == getpid(),
	      "tgkill: the handler ran, si_code SI_TKILL, si_pid ours");
	reset_counts();
	r = syscall(SYS_tkill, tid(), SIGUSR1);
	CHECK(r == 0 && handled == 1 && last_info.si_code == SI_TKILL,
	      "tkill: the handler ran, si_code SI_TKILL");

	reset_counts();
	CHECK(kill(getpid(), 0) == 0 && handled == 0,
	      "kill with signal 0: 0, nothing delivered");
	fails_with("kill with signal 65", kill(getpid(), 65), EINVAL);
	fails_with("kill with signal -1", kill(getpid(), -1), EINVAL);
	fails_with("kill of pid INT_MAX", kill(0x7fffffff, 0), ESRCH);
	fails_with("kill of pid INT_MIN", kill(-0x7fffffff - 1, 0), ESRCH);
	fails_with("tgkill with tgid 0", syscall(SYS_tgkill, 0, tid(), SIGUSR1),
		   EINVAL);
	fails_with("tgkill with tid 0",
		   syscall(SYS_tgkill, getpid(), 0, SIGUSR1), EINVAL);
	fails_with("tgkill of our tid in another tgid",
		   syscall(SYS_tgkill, 0x7ffffff0, tid(), SIGUSR1), ESRCH);
	fails_with("tgkill with signal 65",
		   syscall(SYS_tgkill, getpid(), tid(), 65), EINVAL);
	fails_with("tkill of tid 0", syscall(SYS_tkill, 0, SIGUSR1), EINVAL);
	CHECK(handled == 0, "none of them delivered anything");
	signal(SIGUSR1, SIG_DFL);
}

/* ----------------------------------------------------- the frame */

/*
 * A handler in assembly, to see the frame as the kernel leaves it:
 * RSP, RDI, RSI, RDX and RAX on entry, the return address at RSP, and
 * the interrupted RSP from the ucontext (uc_mcontext.gregs[REG_RSP] is
 * 40 + 15 * 8 bytes in). Its restorer is ours too: rt_sigreturn (15).
 */
enum { P_RSP, P_RDI, P_RSI, P_RDX, P_RAX, P_RET, P_UC_RSP, P_N };
static __attribute__((used)) unsigned long probe_regs[P_N];
void probe_handler(int sig, siginfo_t *si, void *uc);
void probe_restorer(void);
__asm__(".pushsection .text\n"
	"probe_handler:\n"
	"	mov %rax, probe_regs+32(%rip)\n"
	"	mov %rsp, probe_regs+0(%rip)\n"
	"	mov %rdi, probe_regs+8(%rip)\n"
	"	mov %rsi, probe_regs+16(%rip)\n"
	"	mov %rdx, probe_regs+24(%rip)\n"
	"	mov (%rsp), %rax\n"
	"	mov %rax, probe_regs+40(%rip)\n"
	"	mov 160(%rdx), %rax\n"
	"	mov %rax, probe_regs+48(%rip)\n"
	"	ret\n"
	"probe_restorer:\n"
	"	mov $15, %eax\n"
	"	syscall\n"
	"	ud2\n"
	".popsection\n");

_Static_assert(offsetof(ucontext_t, uc_mcontext.gregs[REG_RSP]) == 160,
	       "probe_handler's offset of the interrupted RSP");

static void frame(void)
{
	struct ksigaction k = { (void *)probe_handler, SA_SIGINFO | SA_RESTORER,
				(void *)probe_restorer, 0 };
	unsigned long *p = probe_regs;
	long r;

	r = syscall(SYS_rt_sigaction, SIGUSR1, &k, NULL, KERNEL_SIGSET);
	r |= syscall(SYS_tkill, tid(), SIGUSR1);
	signal(SIGUSR1, SIG_DFL);
	CHECK(r == 0 && p[P_RDI] == SIGUSR1 && p[P_RAX] == 0,
	      "a handler in assembly ran: RDI the signal, RAX 0");
	CHECK((p[P_RSP] + 8) % 16 == 0,
	      "RSP + 8 is a multiple of 16, as after a call");
	CHECK(p[P_RET] == (unsigned long)probe_restorer,
	      "the return address at RSP is sa_restorer");
	printf("RDX - RSP = %ld, RSI - RDX = %ld\n",
	       (long)(p[P_RDX] - p[P_RSP]), (long)(p[P_RSI] - p[P_RDX]));
	CHECK(p[P_RDX] == p[P_RSP] + 8 && p[P_RSI] == p[P_RDX] + 304,
	      "the ucontext right above it, the siginfo 304 bytes on "
	      "(Linux's rt_sigframe)");
	CHECK(p[P_RSI] + sizeof(siginfo_t) + 128 <= p[P_UC_RSP],
	      "the frame lies below the interrupted RSP's 128-byte red zone");
	CHECK(raw_mask() == 0, "rt_sigreturn from our own restorer: mask "
			       "none again");
}

/* ------------------------------------------------------- registers */

/* Values each register is given before the signal and must have after. */
static uint64_t gp_in[9] = {
	0x1111111111111111, 0x2222222222222222, 0x3333333333333333,
	0x4444444444444444, 0x5555555555555555, 0x6666666666666666,
	0x7777777777777777, 0x8888888888888888, 0x9999999999999999,
};
static uint64_t gp_out[10];
static long gp_tid;

/* A handler that leaves garbage in every register the C ABI lets it. */
static void clobber(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	handled++;
	__asm__ volatile("mov $-1, %%rax\n\t"
			 "mov $-2, %%rcx\n\t"
			 "mov $-3, %%rdx\n\t"
			 "mov $-4, %%rsi\n\t"
			 "mov $-5, %%rdi\n\t"
			 "mov $-6, %%r8\n\t"
			 "mov $-7, %%r9\n\t"
			 "mov $-8, %%r10\n\t"
			 "mov $-9, %%r11\n\t"
			 :
			 :
			 : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10",
			   "r11", "cc");
}

/*
 * tkill(ourselves) from assembly, with every general register but RSP,
 * RBP, RCX and R11 (which SYSCALL itself takes) holding a known value:
 * the handler runs on the way out, and afterwards all of them must hold
 * what they held before, RAX the call's 0.
 */
static void general_registers(void)
{
	int bad = 0;

	handle(SIGUSR2, clobber, 0, 0);
	reset_counts();
	gp_tid = tid();
	__asm__ volatile(
	    "mov %[i0], %%rbx\n\t"
	    "mov %[i1], %%rdx\n\t"
	    "mov %[i2], %%r8\n\t"
	    "mov %[i3], %%r9\n\t"
	    "mov %[i4], %%r10\n\t"
	    "mov %[i5], %%r12\n\t"
	    "mov %[i6], %%r13\n\t"
	    "mov %[i7], %%r14\n\t"
	    "mov %[i8], %%r15\n\t"
	    "mov %[t], %%rdi\n\t"
	    "mov %[sig], %%esi\n\t"
	    "mov %[nr], %%eax\n\t"
	    "syscall\n\t"
	    "mov %%rbx, %[o0]\n\t"
	    "mov %%rdx, %[o1]\n\t"
	    "mov %%r8, %[o2]\n\t"
	    "mov %%r9, %[o3]\n\t"
	    "mov %%r10, %[o4]\n\t"
	    "mov %%r12, %[o5]\n\t"
	    "mov %%r13, %[o6]\n\t"
	    "mov %%r14, %[o7]\n\t"
	    "mov %%r15, %[o8]\n\t"
	    "mov %%rax, %[o9]\n\t"
	    : [o0] "=m"(gp_out[0]), [o1] "=m"(gp_out[1]), [o2] "=m"(gp_out[2]),
	      [o3] "=m"(gp_out[3]), [o4] "=m"(gp_out[4]), [o5] "=m"(gp_out[5]),
	      [o6] "=m"(gp_out[6]), [o7] "=m"(gp_out[7]), [o8] "=m"(gp_out[8]),
	      [o9] "=m"(gp_out[9])
	    : [i0] "m"(gp_in[0]), [i1] "m"(gp_in[1]), [i2] "m"(gp_in[2]),
	      [i3] "m"(gp_in[3]), [i4] "m"(gp_in[4]), [i5] "m"(gp_in[5]),
	      [i6] "m"(gp_in[6]), [i7] "m"(gp_in[7]), [i8] "m"(gp_in[8]),
	      [t] "m"(gp_tid), [sig] "i"(SIGUSR2), [nr] "i"(SYS_tkill)
	    : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10",
	      "r11", "r12", "r13", "r14", "r15", "memory", "cc");
	for (int i = 0; i < 9; i++)
		bad += gp_out[i] != gp_in[i];
	CHECK(handled == 1, "tkill from assembly: the handler ran");
	CHECK(!bad && gp_out[9] == 0,
	      "RBX, RDX, R8-R10 and R12-R15 kept across the handler, RAX 0");
	signal(SIGUSR2, SIG_DFL);
}

#define MXCSR_DEFAULT 0x1f80
#define MXCSR_MAIN 0x7f80 /* round toward zero, all masked */
#define CW_DEFAULT 0x037f
#define CW_MAIN 0x0f7f /* round toward zero, extended precision */
#define XMM15_MARK 0x5a5a5a5a

struct fpu_run {
	uint32_t xmm[16][4];
	long double x87[3]; /* st(0), st(1), st(2) at the signal */
	uint32_t mxcsr;
	uint16_t cw;
};

static struct fpu_run fpu_in, fpu_ref, fpu_sig;
static uint32_t main_mxcsr = MXCSR_MAIN, default_mxcsr = MXCSR_DEFAULT;
static uint16_t main_cw = CW_MAIN, default_cw = CW_DEFAULT;

/* What the FPU handler saw. */
static struct {
	uint32_t mxcsr;	   /* its own MXCSR on entry */
	uint16_t cw;	   /* its own x87 control word */
	uint16_t tag;	   /* its own x87 tag word (0xffff: all empty) */
	uint32_t fp_mxcsr; /* the interrupted code's, in uc->fpregs */
	uint16_t fp_cwd;
	int xmm_saved; /* uc->fpregs->_xmm[] == what main loaded */
	double d;      /* its own float work */
	long double ld;
} fh;

/* Its own float work: the same sums main computes, which come out the
 * same only with round-to-nearest. */
static double float_work(long double *ld)
{
	volatile double x = 1.0;
	volatile long double y = 1.0L;

	for (int i = 1; i <= 20; i++) {
		x = x / 3.0 + (double)i / 7.0;
		y = y / 3.0L + (long double)i / 7.0L;
	}
	*ld = y;
	return x;
}

static void fpu_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	fpregset_t fp = uc->uc_mcontext.fpregs;
	uint16_t env[14];

	(void)sig;
	(void)si;
	handled++;
	__asm__ volatile("stmxcsr %0" : "=m"(fh.mxcsr));
	__asm__ volatile("fnstcw %0" : "=m"(fh.cw));
	__asm__ volatile("fnstenv %0\n\tfldcw %1" : "=m"(env) : "m"(fh.cw));
	fh.tag = env[4];
	fh.fp_mxcsr = fp ? fp->mxcsr : 0;
	fh.fp_cwd = fp ? fp->cwd : 0;
	fh.xmm_saved =
	    fp && memcmp(fp->_xmm, fpu_in.xmm, sizeof(fpu_in.xmm)) == 0;
	fh.d = float_work(&fh.ld);

	/* Garbage everywhere, and another rounding mode: sigreturn must
	 * bring back the interrupted code's. */
	__asm__ volatile("pcmpeqd %%xmm0, %%xmm0\n\t"
			 "pcmpeqd %%xmm1, %%xmm1\n\t"
			 "pcmpeqd %%xmm7, %%xmm7\n\t"
			 "pcmpeqd %%xmm8, %%xmm8\n\t"
			 "pcmpeqd %%xmm14, %%xmm14\n\t"
			 "pcmpeqd %%xmm15, %%xmm15\n\t"
			 "fldz\n\tfldz\n\tfstp %%st(0)\n\tfstp %%st(0)\n\t"
			 :
			 :
			 : "xmm0", "xmm1", "xmm7", "xmm8", "xmm14", "xmm15",
			   "st", "st(1)");
	{
		uint32_t m = 0x3f80 | 0x6000; /* toward zero, flush to zero */
		uint16_t c = 0x007f;	      /* single precision */

		__asm__ volatile("ldmxcsr %0\n\tfldcw %1" : : "m"(m), "m"(c));
	}
	/* What sigreturn restores comes from the frame: change xmm15 there. */
	if (fp)
		for (int i = 0; i < 4; i++)
			fp->_xmm[15].element[i] = XMM15_MARK;
}

/* Load all 16 XMM registers, three x87 registers, MXCSR and the x87
 * control word, send ourselves SIGUSR2, and read them all back. */
static void fpu_round(struct fpu_run *out)
{
	__asm__ volatile("movdqu 0x00(%[in]), %%xmm0\n\t"
			 "movdqu 0x10(%[in]), %%xmm1\n\t"
			 "movdqu 0x20(%[in]), %%xmm2\n\t"
			 "movdqu 0x30(%[in]), %%xmm3\n\t"
			 "movdqu 0x40(%[in]), %%xmm4\n\t"
			 "movdqu 0x50(%[in]), %%xmm5\n\t"
			 "movdqu 0x60(%[in]), %%xmm6\n\t"
			 "movdqu 0x70(%[in]), %%xmm7\n\t"
			 "movdqu 0x80(%[in]), %%xmm8\n\t"
			 "movdqu 0x90(%[in]), %%xmm9\n\t"
			 "movdqu 0xa0(%[in]), %%xmm10\n\t"
			 "movdqu 0xb0(%[in]), %%xmm11\n\t"
			 "movdqu 0xc0(%[in]), %%xmm12\n\t"
			 "movdqu 0xd0(%[in]), %%xmm13\n\t"
			 "movdqu 0xe0(%[in]), %%xmm14\n\t"
			 "movdqu 0xf0(%[in]), %%xmm15\n\t"
			 "ldmxcsr %[mx]\n\t"
			 "fldcw %[cw]\n\t"
			 "fldpi\n\t"
			 "fld1\n\t"
			 "fldl2t\n\t"
			 "mov %[nr], %%eax\n\t"
			 "syscall\n\t"
			 "fstpt 0x100(%[out])\n\t"
			 "fstpt 0x110(%[out])\n\t"
			 "fstpt 0x120(%[out])\n\t"
			 "stmxcsr 0x130(%[out])\n\t"
			 "fnstcw 0x134(%[out])\n\t"
			 "movdqu %%xmm0, 0x00(%[out])\n\t"
			 "movdqu %%xmm1, 0x10(%[out])\n\t"
			 "movdqu %%xmm2, 0x20(%[out])\n\t"
			 "movdqu %%xmm3, 0x30(%[out])\n\t"
			 "movdqu %%xmm4, 0x40(%[out])\n\t"
			 "movdqu %%xmm5, 0x50(%[out])\n\t"
			 "movdqu %%xmm6, 0x60(%[out])\n\t"
			 "movdqu %%xmm7, 0x70(%[out])\n\t"
			 "movdqu %%xmm8, 0x80(%[out])\n\t"
			 "movdqu %%xmm9, 0x90(%[out])\n\t"
			 "movdqu %%xmm10, 0xa0(%[out])\n\t"
			 "movdqu %%xmm11, 0xb0(%[out])\n\t"
			 "movdqu %%xmm12, 0xc0(%[out])\n\t"
			 "movdqu %%xmm13, 0xd0(%[out])\n\t"
			 "movdqu %%xmm14, 0xe0(%[out])\n\t"
			 "movdqu %%xmm15, 0xf0(%[out])\n\t"
			 "ldmxcsr %[mxd]\n\t"
			 "fldcw %[cwd]\n\t"
			 :
			 : [in] "r"(fpu_in.xmm), [out] "r"(out),
			   [mx] "m"(main_mxcsr), [cw] "m"(main_cw),
			   [mxd] "m"(default_mxcsr), [cwd] "m"(default_cw),
			   "D"(tid()), "S"(SIGUSR2), [nr] "i"(SYS_tkill)
			 : "rax", "rcx", "r11", "memory", "cc", "xmm0", "xmm1",
			   "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
			   "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13",
			   "xmm14", "xmm15", "st", "st(1)", "st(2)", "st(3)",
			   "st(4)", "st(5)", "st(6)", "st(7)");
}

_Static_assert(offsetof(struct fpu_run, x87) == 0x100, "fpu_round's offsets");
_Static_assert(offsetof(struct fpu_run, mxcsr) == 0x130, "fpu_round's offsets");
_Static_assert(offsetof(struct fpu_run, cw) == 0x134, "fpu_round's offsets");

static void fpu_state(void)
{
	long double ld_ref;
	double d_ref = float_work(&ld_ref);
	int xmm_same = 1;

	for (int i = 0; i < 16; i++)
		for (int j = 0; j < 4; j++)
			fpu_in.xmm[i][j] = 0x01010101u * (uint32_t)(i + 1) +
					   0x10000000u * (uint32_t)j;

	/* The reference: the same round with SIGUSR2 ignored. */
	signal(SIGUSR2, SIG_IGN);
	fpu_round(&fpu_ref);
	handle(SIGUSR2, fpu_handler, 0, 0);
	reset_counts();
	fpu_round(&fpu_sig);
	signal(SIGUSR2, SIG_DFL);

	CHECK(handled == 1,
	      "SSE and x87 registers loaded, tkill: the handler ran");
	printf(
	    "in the handler: MXCSR %#x, x87 control word %#x, tag word %#x\n",
	    fh.mxcsr, fh.cw, fh.tag);
	CHECK(fh.mxcsr == MXCSR_DEFAULT && fh.cw == CW_DEFAULT &&
		  fh.tag == 0xffff,
	      "the handler starts with a fresh FPU: default MXCSR and control "
	      "word, empty x87 stack");
	CHECK(fh.d == d_ref && fh.ld == ld_ref,
	      "its double and long double sums come out as in main");
	CHECK(fh.fp_mxcsr == MXCSR_MAIN && fh.fp_cwd == CW_MAIN && fh.xmm_saved,
	      "uc_mcontext.fpregs holds the interrupted MXCSR, control word "
	      "and XMM0-15");
	CHECK(fpu_ref.mxcsr == MXCSR_MAIN && fpu_ref.cw == CW_MAIN,
	      "without a handler MXCSR and the control word stay as set");
	CHECK(fpu_sig.mxcsr == MXCSR_MAIN && fpu_sig.cw == CW_MAIN,
	      "after the handler MXCSR and the control word are main's again");
	for (int i = 0; i < 15; i++)
		xmm_same &= memcmp(fpu_sig.xmm[i], fpu_ref.xmm[i], 16) == 0 &&
			    memcmp(fpu_ref.xmm[i], fpu_in.xmm[i], 16) == 0;
	CHECK(xmm_same, "XMM0-14 are kept across the handler");
	CHECK(fpu_sig.xmm[15][0] == XMM15_MARK &&
		  fpu_sig.xmm[15][3] == XMM15_MARK,
	      "XMM15 is what the handler wrote into uc_mcontext.fpregs");
	CHECK(memcmp(fpu_sig.x87, fpu_ref.x87, sizeof(fpu_ref.x87)) == 0 &&
		  fpu_ref.x87[2] > 3.14159L && fpu_ref.x87[2] < 3.1416L &&
		  fpu_ref.x87[1] == 1.0L,
	      "the three x87 registers are kept across the handler");
}

/* --------------------------------------------- flags, RIP and RAX */

static struct {
	void *addr;		 /* si_addr */
	unsigned long rip;	 /* uc RIP */
	unsigned long rax;	 /* uc RAX */
	unsigned long eflags;	 /* uc EFLAGS */
	unsigned long own_flags; /* the handler's RFLAGS */
	int code;
} ill;

#define EFLAGS_CF 0x001
#define EFLAGS_TF 0x100
#define EFLAGS_DF 0x400

static void ill_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned long fl;

	(void)sig;
	handled++;
	__asm__ volatile("pushfq\n\tpop %0" : "=r"(fl));
	ill.own_flags = fl;
	ill.addr = si->si_addr;
	ill.code = si->si_code;
	ill.rip = (unsigned long)uc->uc_mcontext.gregs[REG_RIP];
	ill.rax = (unsigned long)uc->uc_mcontext.gregs[REG_RAX];
	ill.eflags = (unsigned long)uc->uc_mcontext.gregs[REG_EFL];
	uc->uc_mcontext.gregs[REG_RIP] += 2; /* past the ud2 */
	uc->uc_mcontext.gregs[REG_RAX] = 42;
}

/* A SIGILL handler that steps over the ud2 and sets RAX, with the
 * carry and direction flags set when it hits. */
static void change_context(void)
{
	unsigned long at, rax, flags;

	handle(SIGILL, ill_handler, 0, 0);
	reset_counts();
	__asm__ volatile("lea 1f(%%rip), %[at]\n\t"
			 "mov $1, %%eax\n\t"
			 "stc\n\t"
			 "std\n\t"
			 "1: ud2\n\t"
			 "pushfq\n\t"
			 "pop %[fl]\n\t"
			 "cld\n\t"
			 : [at] "=&r"(at), "=a"(rax), [fl] "=r"(flags)
			 :
			 : "memory", "cc");
	signal(SIGILL, SIG_DFL);
	CHECK(handled == 1 && ill.code == ILL_ILLOPN,
	      "ud2: the SIGILL handler ran, si_code ILL_ILLOPN");
	CHECK((unsigned long)ill.addr == at && ill.rip == at,
	      "si_addr and the saved RIP are the ud2's address");
	CHECK(ill.rax == 1, "the saved RAX is the interrupted code's 1");
	CHECK((ill.eflags & (EFLAGS_CF | EFLAGS_DF)) == (EFLAGS_CF | EFLAGS_DF),
	      "the saved EFLAGS has CF and DF set");
	CHECK(!(ill.own_flags & (EFLAGS_DF | EFLAGS_TF)),
	      "the handler itself runs with DF (and TF) clear");
	CHECK(rax == 42, "the handler stepped over the ud2 and set RAX to 42");
	CHECK((flags & (EFLAGS_CF | EFLAGS_DF)) == (EFLAGS_CF | EFLAGS_DF),
	      "after it CF and DF are set again");
}

/* ------------------------------------ a signal at rt_sigreturn's exit */

/* A SIGILL handler that steps over the ud2 and sends itself SIGUSR2,
 * which its sa_mask holds back until its rt_sigreturn. */
static void ill_then_usr2(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	handled++;
	uc->uc_mcontext.gregs[REG_RIP] += 2; /* past the ud2 */
	syscall(SYS_tkill, tid(), SIGUSR2);
}

static uint64_t rcx_in = 0x0123456789abcdef, r11_in = 0x0fedcba987654321;

/*
 * SIGUSR2 is delivered on the way out of the SIGILL handler's
 * rt_sigreturn, on top of the context it put back: code interrupted by
 * a fault, not a system call, whose RCX and R11 hold its own values
 * (SYSCALL's RIP and RFLAGS only where it made a call). Both must come
 * back as they were after the second handler too. (This kernel once
 * treated that frame as the call's and put RIP in RCX: busybox's shell
 * then stored an instruction's address in its job list.)
 */
static void signal_at_sigreturn(void)
{
	uint64_t rcx = 0, r11 = 0;

	handle(SIGILL, ill_then_usr2, 0, bit(SIGUSR2));
	handle(SIGUSR2, clobber, 0, 0);
	reset_counts();
	__asm__ volatile("mov %[a], %%rcx\n\t"
			 "mov %[b], %%r11\n\t"
			 "ud2\n\t"
			 "mov %%rcx, %[c]\n\t"
			 "mov %%r11, %[d]\n\t"
			 : [c] "=m"(rcx), [d] "=m"(r11)
			 : [a] "m"(rcx_in), [b] "m"(r11_in)
			 : "rcx", "r11", "memory", "cc");
	signal(SIGILL, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
	CHECK(handled == 2, "SIGILL's handler, then SIGUSR2's at its sigreturn");
	CHECK(rcx == rcx_in && r11 == r11_in,
	      "RCX and R11 of the code the fault interrupted kept across both");
}

static void add_usr2_to_mask(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	handled++;
	sigaddset(&uc->uc_sigmask, SIGUSR2);
}

static void change_mask(void)
{
	handle(SIGUSR1, add_usr2_to_mask, 0, 0);
	reset_counts();
	raise(SIGUSR1);
	printf("blocked after it: %s\n", mask_names(raw_mask()));
	CHECK(handled == 1 && raw_mask() == bit(SIGUSR2),
	      "a handler that adds SIGUSR2 to uc_sigmask: SIGUSR2 is blocked "
	      "after it returns");
	set_raw_mask(0);
	signal(SIGUSR1, SIG_DFL);
}

/* -------------------------------------------- blocked and pending */

static const char *log_names(void)
{
	static char buf[256];
	size_t n = 0;

	buf[0] = 0;
	for (int i = 0; i < log_len; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
				      i ? " " : "", sig_name(log_sigs[i]));
	return n ? buf : "none";
}

/* The signals of pending(), in the order sent. */
static int sent_order(int *sigs)
{
	const int s[] = { SIGRTMIN + 2, SIGUSR2, SIGRTMIN, SIGUSR1,
			  SIGRTMIN + 1, SIGUSR1, SIGRTMIN };

	memcpy(sigs, s, sizeof(s));
	return 7;
}

static void send_all_blocked(uint64_t blocked)
{
	int sigs[8], n = sent_order(sigs);

	set_raw_mask(blocked);
	for (int i = 0; i < n; i++)
		kill(getpid(), sigs[i]);
}

static void pending(void)
{
	const uint64_t test = bit(SIGUSR1) | bit(SIGUSR2) | bit(SIGRTMIN) |
			      bit(SIGRTMIN + 1) | bit(SIGRTMIN + 2);
	const int sigs[] = { SIGUSR1, SIGUSR2, SIGRTMIN, SIGRTMIN + 1,
			     SIGRTMIN + 2 };

	for (int i = 0; i < 5; i++)
		handle(sigs[i], record, 0, test);
	reset_counts();
	printf("sent, all blocked: SIGRTMIN+2 SIGUSR2 SIGRTMIN SIGUSR1 "
	       "SIGRTMIN+1 SIGUSR1 SIGRTMIN\n");
	send_all_blocked(test);
	CHECK(handled == 0, "while blocked no handler runs");
	printf("pending: %s\n", mask_names(raw_pending()));
	CHECK(raw_pending() == test, "all five are pending");
	set_raw_mask(0);
	printf("delivered, one at a time: %s\n", log_names());
	CHECK(log_len == 6 && log_sigs[0] == SIGUSR1 &&
		  log_sigs[1] == SIGUSR2 && log_sigs[2] == SIGRTMIN &&
		  log_sigs[3] == SIGRTMIN && log_sigs[4] == SIGRTMIN + 1 &&
		  log_sigs[5] == SIGRTMIN + 2,
	      "unblocked, with handlers that block the others: lowest first, "
	      "SIGUSR1 once, SIGRTMIN twice");
	CHECK(raw_pending() == 0 && raw_mask() == 0,
	      "then nothing is pending or blocked");

	for (int i = 0; i < 5; i++)
		handle(sigs[i], record, 0, 0);
	reset_counts();
	send_all_blocked(test);
	set_raw_mask(0);
	printf("delivered, nested: %s\n", log_names());
	CHECK(log_len == 6 && log_sigs[0] == SIGRTMIN + 2 &&
		  log_sigs[1] == SIGRTMIN + 1 && log_sigs[2] == SIGRTMIN &&
		  log_sigs[3] == SIGRTMIN && log_sigs[4] == SIGUSR2 &&
		  log_sigs[5] == SIGUSR1,
	      "with handlers that block nothing, all frames are set up at "
	      "once: the highest runs first");
	CHECK(raw_pending() == 0 && raw_mask() == 0,
	      "then nothing is pending or blocked");
	for (int i = 0; i < 5; i++)
		signal(sigs[i], SIG_DFL);
}

/* ------------------------------------------------------- ignoring */

static void ignoring(void)
{
	const int by_default[] = { SIGCHLD, SIGURG, SIGWINCH, SIGCONT };

	signal(SIGUSR1, SIG_IGN);
	CHECK(kill(getpid(), SIGUSR1) == 0 && raw_pending() == 0,
	      "SIGUSR1 ignored: kill returns 0, nothing is left pending");
	set_raw_mask(bit(SIGUSR1));
	kill(getpid(), SIGUSR1);
	printf("ignored and blocked, sent: pending %s\n",
	       mask_names(raw_pending()));
	CHECK(raw_pending() == bit(SIGUSR1),
	      "ignored but blocked: it is kept pending");
	set_raw_mask(0);
	CHECK(raw_pending() == 0, "unblocked: it is dropped");

	handle(SIGUSR2, record, 0, 0);
	reset_counts();
	set_raw_mask(bit(SIGUSR2));
	kill(getpid(), SIGUSR2);
	CHECK(raw_pending() == bit(SIGUSR2), "SIGUSR2 handled, blocked, sent: "
					     "pending");
	signal(SIGUSR2, SIG_IGN);
	CHECK(raw_pending() == 0,
	      "setting SIG_IGN drops it from the pending set");
	handle(SIGUSR2, record, 0, 0);
	set_raw_mask(0);
	CHECK(handled == 0, "a handler set again never sees it");

	for (int i = 0; i < 4; i++) {
		CHECK(kill(getpid(), by_default[i]) == 0 && raw_pending() == 0,
		      "%s with its default action: ignored, not pending",
		      sig_name(by_default[i]));
	}
	set_raw_mask(bit(SIGWINCH));
	kill(getpid(), SIGWINCH);
	CHECK(raw_pending() == bit(SIGWINCH),
	      "SIGWINCH blocked: kept pending even with its default action");
	signal(SIGWINCH, SIG_DFL);
	CHECK(raw_pending() == 0,
	      "setting SIG_DFL (ignore) again drops it from the pending set");
	set_raw_mask(0);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

/* ---------------------------------------------- SIGKILL, SIGSTOP */

static void unstoppable(void)
{
	struct sigaction sa, old;
	uint64_t all = ~0ull;
	const int sigs[] = { SIGKILL, SIGSTOP };

	memset(&sa, 0, sizeof(sa));
	for (int i = 0; i < 2; i++) {
		const char *name = sig_name(sigs[i]);
		char what[64];

		sa.sa_handler = one;
		snprintf(what, sizeof(what), "a handler for %s", name);
		fails_with(what, sigaction(sigs[i], &sa, NULL), EINVAL);
		sa.sa_handler = SIG_IGN;
		snprintf(what, sizeof(what), "SIG_IGN for %s", name);
		fails_with(what, sigaction(sigs[i], &sa, NULL), EINVAL);
		sa.sa_handler = SIG_DFL;
		snprintf(what, sizeof(what), "SIG_DFL for %s", name);
		fails_with(what, sigaction(sigs[i], &sa, NULL), EINVAL);
		old.sa_handler = one;
		CHECK(sigaction(sigs[i], NULL, &old) == 0 &&
			  old.sa_handler == SIG_DFL,
		      "a query of %s: SIG_DFL", name);
	}
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, NULL, KERNEL_SIGSET);
	printf("blocked after blocking all 64: %#llx\n",
	       (unsigned long long)raw_mask());
	CHECK(raw_mask() == ~(bit(SIGKILL) | bit(SIGSTOP)),
	      "all but SIGKILL and SIGSTOP, silently");
	set_raw_mask(0);
	all = bit(SIGKILL) | bit(SIGSTOP);
	CHECK(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &all, NULL,
		      KERNEL_SIGSET) == 0 &&
		  raw_mask() == 0,
	      "SIG_BLOCK of SIGKILL and SIGSTOP: 0, and nothing is blocked");
	CHECK(syscall(SYS_rt_sigprocmask, 99, NULL, &all, KERNEL_SIGSET) == 0,
	      "rt_sigprocmask with how 99 and no new set: 0 (how is unused)");
}

/* --------------------------------------- SA_RESETHAND, SA_NODEFER */

static void recurse(int sig, siginfo_t *si, void *uc)
{
	record(sig, si, uc);
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (handled < 3)
		raise(sig);
	depth--;
}

static void once_and_again(void)
{
	struct sigaction old;

	handle(SIGUSR1, record, SA_RESETHAND, 0);
	reset_counts();
	raise(SIGUSR1);
	memset(&old, 0, sizeof(old));
	sigaction(SIGUSR1, NULL, &old);
	CHECK(handled == 1 && old.sa_handler == SIG_DFL,
	      "SA_RESETHAND: the handler ran once, then the action is SIG_DFL");
	CHECK((unsigned)old.sa_flags ==
		  (SA_SIGINFO | SA_RESETHAND | SA_RESTORER),
	      "the flags are left as they were");
	CHECK(sigset_bits(&mask_inside) == bit(SIGUSR1),
	      "SA_RESETHAND: the signal was blocked inside the handler");

	handle(SIGUSR1, recurse, SA_NODEFER, 0);
	reset_counts();
	raise(SIGUSR1);
	printf("SA_NODEFER: %d calls, deepest %d\n", handled, max_depth);
	CHECK(handled == 3 && max_depth == 3,
	      "SA_NODEFER: a handler that raises its signal recurses, 3 deep");
	CHECK(sigset_bits(&mask_inside) == 0,
	      "SA_NODEFER: the signal was not blocked inside");

	handle(SIGUSR1, recurse, 0, 0);
	reset_counts();
	raise(SIGUSR1);
	printf("without SA_NODEFER: %d calls, deepest %d\n", handled,
	       max_depth);
	CHECK(handled == 3 && max_depth == 1,
	      "without: each raise waits for the handler to return, 3 in turn");
	signal(SIGUSR1, SIG_DFL);
}

/* ----------------------------------------- sigtimedwait, sigsuspend */

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void waiting(void)
{
	sigset_t set;
	siginfo_t si;
	struct timespec t20 = { 0, 20 * MS }, zero = { 0, 0 },
			bad = { 0, 1000000000 };
	uint64_t both = bit(SIGUSR1) | bit(SIGUSR2);
	long long start;
	int got[5], r;

	handle(SIGUSR1, record, 0, 0);
	handle(SIGUSR2, record, 0, 0);
	reset_counts();
	set_raw_mask(both);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	start = now_ns();
	r = sigtimedwait(&set, &si, &t20);
	fails_with("sigtimedwait 20 ms, nothing sent", r, EAGAIN);
	CHECK(now_ns() - start >= 20 * MS && now_ns() - start < 2000 * MS,
	      "it waited >= 20 ms and < 2 s");
	fails_with("sigtimedwait with a zero timeout",
		   sigtimedwait(&set, &si, &zero), EAGAIN);
	fails_with("sigtimedwait with tv_nsec 1e9",
		   syscall(SYS_rt_sigtimedwait, &set, &si, &bad, KERNEL_SIGSET),
		   EINVAL);
	fails_with("rt_sigtimedwait with sigsetsize 4",
		   syscall(SYS_rt_sigtimedwait, &set, &si, &zero, 4), EINVAL);

	raise(SIGUSR2);
	sigaddset(&set, SIGUSR2);
	memset(&si, 0, sizeof(si));
	r = sigtimedwait(&set, &si, &t20);
	CHECK(r == SIGUSR2 && si.si_signo == SIGUSR2 &&
		  si.si_code == SI_TKILL && si.si_pid == getpid(),
	      "SIGUSR2 pending: sigtimedwait returns it with its siginfo");
	CHECK(handled == 0 && raw_pending() == 0,
	      "taken by sigtimedwait: no handler ran, nothing pending");

	set_raw_mask(both | bit(SIGRTMIN) | bit(SIGRTMIN + 1));
	kill(getpid(), SIGRTMIN + 1);
	kill(getpid(), SIGRTMIN);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGRTMIN);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGRTMIN + 1);
	for (int i = 0; i < 5; i++)
		got[i] = sigtimedwait(&set, NULL, &zero);
	printf("sigtimedwait after SIGRTMIN+1 SIGRTMIN SIGUSR1 SIGRTMIN: "
	       "%s, %s, %s, %s, then %s\n",
	       sig_name(got[0]), sig_name(got[1]), sig_name(got[2]),
	       sig_name(got[3]), got[4] == -1 ? errno_name(errno) : "more");
	CHECK(got[0] == SIGUSR1 && got[1] == SIGRTMIN && got[2] == SIGRTMIN &&
		  got[3] == SIGRTMIN + 1 && got[4] == -1 && errno == EAGAIN,
	      "lowest first, SIGRTMIN twice, then EAGAIN");

	/* sigsuspend: SIGUSR1 pending and blocked, then allowed. */
	reset_counts();
	set_raw_mask(both);
	raise(SIGUSR1);
	sigemptyset(&set);
	r = sigsuspend(&set);
	CHECK(r == -1 && errno == EINTR && handled == 1,
	      "sigsuspend with SIGUSR1 pending: the handler ran, -1 EINTR");
	CHECK(sigset_bits(&uc_mask) == both,
	      "the handler's uc_sigmask is the mask from before sigsuspend");
	CHECK(raw_mask() == both, "after sigsuspend the old mask is back");
	fails_with("rt_sigsuspend with sigsetsize 4",
		   syscall(SYS_rt_sigsuspend, &set, 4), EINVAL);
	set_raw_mask(0);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

/* ------------------------------------------------- SIGPIPE caught */

static void sigpipe_caught(void)
{
	int p[2];
	long r;

	handle(SIGPIPE, record, 0, 0);
	reset_counts();
	pipe(p);
	close(p[0]);
	r = write(p[1], "x", 1);
	fails_with("write to a pipe without readers, SIGPIPE caught", r, EPIPE);
	printf("SIGPIPE: si_code %s\n", code_name(last_info.si_code));
	CHECK(handled == 1 && last_info.si_signo == SIGPIPE &&
		  last_info.si_code == SI_USER && last_info.si_pid == getpid(),
	      "the handler ran once; SI_USER, si_pid ourselves");
	signal(SIGPIPE, SIG_IGN);
	r = write(p[1], "x", 1);
	fails_with("the same with SIGPIPE ignored", r, EPIPE);
	close(p[1]);
	signal(SIGPIPE, SIG_DFL);
}

int main(void)
{
	check_start();
	reset_signals();
	actions();
	delivery();
	frame();
	general_registers();
	fpu_state();
	change_context();
	signal_at_sigreturn();
	change_mask();
	pending();
	ignoring();
	unstoppable();
	once_and_again();
	waiting();
	sigpipe_caught();
	return check_finish("m-signal");
}
