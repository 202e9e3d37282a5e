// SPDX-License-Identifier: MIT
/*
 * m-sigfault: faults as signals, as Linux reports them on x86-64: the
 * signal, si_code and si_addr of each fault, the trap number, error code
 * and CR2 Linux puts in the signal frame, recovery with siglongjmp, a
 * stack overflow caught on an alternate stack (sigaltstack), and what
 * happens without one: children that die of their fault, and the wait
 * status their parent sees.
 *
 * The faults, and what Linux makes of them:
 *   page fault (#PF, trap 14)  SIGSEGV, SEGV_MAPERR where nothing is
 *        mapped, SEGV_ACCERR where the mapping forbids the access;
 *        si_addr and cr2 the address. The error code is the CPU's with
 *        the user bit (4) always set: 4 read, 6 write, +1 when the
 *        page is present, +0x10 for an instruction fetch. Linux keeps
 *        PROT_NONE pages not present (so 4 and 6 there, even for a page
 *        that was touched before mprotect; this kernel keeps them
 *        present without the user bit, so 5 and 7: that bit is not
 *        checked or printed for them), and a read-only page that
 *        was touched present (7 for a write to it). A user access to a
 *        kernel address is SEGV_MAPERR with the protection bit forced
 *        on (Linux does not reveal what the kernel maps there).
 *   #GP (trap 13): a non-canonical address, hlt   SIGSEGV, SI_KERNEL,
 *        si_addr 0.
 *   ud2 (#UD, trap 6)          SIGILL, ILL_ILLOPN, si_addr the ud2.
 *   idiv by 0 or INT_MIN / -1 (#DE, trap 0)   SIGFPE, FPE_INTDIV (not
 *        FPE_INTOVF), si_addr the idiv.
 *   int3 (#BP, trap 3)         SIGTRAP, SI_KERNEL, si_addr 0, and the
 *        saved RIP already past the int3.
 * Left out: SIGBUS (on x86-64 it needs a file mapping beyond its end,
 * and there are no files here), and SSE and x87 floating-point
 * exceptions: QEMU's TCG does not raise #XM (an unmasked SSE divide by
 * zero gives infinity there, FPE_FLTDIV on Linux), and the x87's #MF
 * comes late, at the next x87 instruction.
 *
 * Addresses are never printed, only whether each is the one expected;
 * the trap numbers and error codes are the same on every x86-64.
 *
 * A child that dies of a fault would leave a core file on Linux if its
 * RLIMIT_CORE allowed one, and then its wait status has the core bit
 * (0x80). Each such child sets RLIMIT_CORE to 0 and makes itself not
 * dumpable (so that a core_pattern pipe is not run either): its status
 * is then exactly the signal's number, and the same here, where there
 * are no core files.
 */
#define _GNU_SOURCE /* REG_RIP and the rest of <ucontext.h> */
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

#define KERNEL_TEXT 0xffffffff81000000ul
#define NON_CANONICAL 0x8000000000000000ul
#define ALT_SIZE (64 * 1024)
#define X86_TRAP_DE 0
#define X86_TRAP_BP 3
#define X86_TRAP_UD 6
#define X86_TRAP_GP 13
#define X86_TRAP_PF 14

/* The faulting instructions, each a function whose address is that of
 * the instruction (or, for int3, of the one after it). */
void fault_ud2(void);
void fault_int3(void);
void after_int3(void);
void fault_div0(void);
void at_div0(void);
void fault_divovf(void);
void at_divovf(void);
void fault_hlt(void);
__asm__(".pushsection .text\n"
	"fault_ud2:\n"
	"	ud2\n"
	"	ret\n"
	"fault_int3:\n"
	"	int3\n"
	"after_int3:\n"
	"	ret\n"
	"fault_div0:\n"
	"	xor %ecx, %ecx\n"
	"	mov $1, %eax\n"
	"	cltd\n"
	"at_div0:\n"
	"	idiv %ecx\n"
	"	ret\n"
	"fault_divovf:\n"
	"	mov $0x80000000, %eax\n"
	"	cltd\n"
	"	mov $-1, %ecx\n"
	"at_divovf:\n"
	"	idiv %ecx\n"
	"	ret\n"
	"fault_hlt:\n"
	"	hlt\n"
	"	ret\n"
	".popsection\n");

/* What the handler saw. */
static struct {
	int count, sig, code, err_no;
	void *addr;
	unsigned long rip, trapno, err, cr2;
	int ss_flags;	    /* sigaltstack's answer inside the handler */
	stack_t uc_stack;   /* the frame's uc_stack */
	char *local;	    /* the address of one of the handler's locals */
	int set_in_handler; /* sigaltstack() inside the handler: errno */
} got;

static sigjmp_buf env;
static volatile int jump_back = 1;
static size_t page;

static const char *sig_name(int sig)
{
	static const char *const names[] = {
		"no signal", "SIGHUP",	"SIGINT",  "SIGQUIT", "SIGILL",
		"SIGTRAP",   "SIGABRT", "SIGBUS",  "SIGFPE",  "SIGKILL",
		"SIGUSR1",   "SIGSEGV", "SIGUSR2",
	};
	static char other[24];

	if (sig >= 0 && sig < (int)(sizeof(names) / sizeof(names[0])))
		return names[sig];
	snprintf(other, sizeof(other), "signal %d", sig);
	return other;
}

static const char *code_name(int sig, int code)
{
	static char other[24];

	if (code == SI_KERNEL)
		return "SI_KERNEL";
	if (code == SI_USER)
		return "SI_USER";
	if (code == SI_TKILL)
		return "SI_TKILL";
	if (sig == SIGSEGV && code == SEGV_MAPERR)
		return "SEGV_MAPERR";
	if (sig == SIGSEGV && code == SEGV_ACCERR)
		return "SEGV_ACCERR";
	if (sig == SIGILL && code == ILL_ILLOPN)
		return "ILL_ILLOPN";
	if (sig == SIGILL && code == ILL_ILLOPC)
		return "ILL_ILLOPC";
	if (sig == SIGFPE && code == FPE_INTDIV)
		return "FPE_INTDIV";
	if (sig == SIGFPE && code == FPE_INTOVF)
		return "FPE_INTOVF";
	if (sig == SIGTRAP && code == TRAP_BRKPT)
		return "TRAP_BRKPT";
	snprintf(other, sizeof(other), "si_code %d", code);
	return other;
}

static void catcher(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	stack_t now, again;
	char here;

	got.count++;
	got.sig = sig;
	got.code = si->si_code;
	got.err_no = si->si_errno;
	got.addr = si->si_addr;
	got.rip = (unsigned long)uc->uc_mcontext.gregs[REG_RIP];
	got.trapno = (unsigned long)uc->uc_mcontext.gregs[REG_TRAPNO];
	got.err = (unsigned long)uc->uc_mcontext.gregs[REG_ERR];
	got.cr2 = (unsigned long)uc->uc_mcontext.gregs[REG_CR2];
	memset(&now, 0, sizeof(now));
	sigaltstack(NULL, &now);
	got.ss_flags = now.ss_flags;
	got.uc_stack = uc->uc_stack;
	got.local = &here;
	/* Changing the alternate stack while on it: EPERM. */
	again = now;
	again.ss_flags = 0;
	if (now.ss_flags == SS_ONSTACK)
		got.set_in_handler =
		    syscall(SYS_sigaltstack, &again, NULL) == 0 ? 0 : errno;
	if (jump_back)
		siglongjmp(env, 1);
}

static void catch (int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = catcher;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

/* Every catchable signal to SIG_DFL, none blocked, no alternate stack. */
static void reset_signals(void)
{
	stack_t off = { .ss_flags = SS_DISABLE };
	sigset_t none;

	for (int sig = 1; sig <= 64; sig++)
		if (sig != SIGKILL && sig != SIGSTOP && (sig < 32 || sig > 34))
			signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	sigaltstack(&off, NULL);
}

/* The current mask has none of the fault signals in it. */
static int unblocked(void)
{
	sigset_t now;

	sigprocmask(SIG_BLOCK, NULL, &now);
	return !sigismember(&now, SIGSEGV) && !sigismember(&now, SIGILL) &&
	       !sigismember(&now, SIGFPE) && !sigismember(&now, SIGTRAP);
}

/* ----------------------------------------------------- the faults */

static __attribute__((noinline)) void read_at(volatile char *p)
{
	(void)*p;
}

static __attribute__((noinline)) void write_at(volatile char *p)
{
	*p = 1;
}

static __attribute__((noinline)) void call_at(volatile char *p)
{
	((void (*)(void))(uintptr_t)p)();
}

static void do_ud2(volatile char *p)
{
	(void)p;
	fault_ud2();
}

static void do_div0(volatile char *p)
{
	(void)p;
	fault_div0();
}

static void do_divovf(volatile char *p)
{
	(void)p;
	fault_divovf();
}

static void do_hlt(volatile char *p)
{
	(void)p;
	fault_hlt();
}

struct fault {
	const char *what;
	void (*touch)(volatile char *);
	char *at; /* the argument to touch */
	int sig, code;
	uintptr_t addr; /* si_addr */
	uintptr_t rip;	/* the saved RIP, 0: not checked */
	unsigned long trapno;
	long err; /* the error code, -1: not checked */
	int cr2;  /* cr2 == si_addr */
};

/* Run one fault with the handler set: one line saying what came, and
 * one check that it is all as on Linux. */
static void one_fault(const struct fault *f)
{
	int faulted = 0;

	memset(&got, 0, sizeof(got));
	if (sigsetjmp(env, 1) == 0)
		f->touch(f->at);
	else
		faulted = 1;
	if (!faulted) {
		CHECK(0, "%s: no fault", f->what);
		return;
	}
	/* err -1: the present bit is the page tables' business, printed
	 * without it (see PROT_NONE above). */
	printf("%s: %s %s, trap %lu, error code %#lx\n", f->what,
	       sig_name(got.sig), code_name(got.sig, got.code), got.trapno,
	       f->err < 0 ? got.err & ~1ul : got.err);
	CHECK(got.count == 1 && got.sig == f->sig && got.code == f->code &&
		  got.err_no == 0 && (uintptr_t)got.addr == f->addr &&
		  (!f->rip || got.rip == f->rip) && got.trapno == f->trapno &&
		  (f->err < 0 || got.err == (unsigned long)f->err) &&
		  (!f->cr2 || got.cr2 == f->addr) && unblocked(),
	      "%s: %s %s, si_addr%s%s right", f->what, sig_name(f->sig),
	      code_name(f->sig, f->code), f->rip ? ", RIP" : "",
	      f->cr2 ? ", cr2" : "");
}

static void faults(void)
{
	char *gone = mmap(NULL, page, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *ro = mmap(NULL, page, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *none = mmap(NULL, page, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *data = mmap(NULL, page, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	const struct fault table[] = {
		{ "read of an unmapped page", read_at, gone + 8, SIGSEGV,
		  SEGV_MAPERR, (uintptr_t)gone + 8, 0, X86_TRAP_PF, 4, 1 },
		{ "write to an unmapped page", write_at, gone + 16, SIGSEGV,
		  SEGV_MAPERR, (uintptr_t)gone + 16, 0, X86_TRAP_PF, 6, 1 },
		{ "read of NULL", read_at, NULL, SIGSEGV, SEGV_MAPERR, 0, 0,
		  X86_TRAP_PF, 4, 1 },
		{ "write to a PROT_READ page", write_at, ro + 24, SIGSEGV,
		  SEGV_ACCERR, (uintptr_t)ro + 24, 0, X86_TRAP_PF, 7, 1 },
		{ "read of a PROT_NONE page", read_at, none + 32, SIGSEGV,
		  SEGV_ACCERR, (uintptr_t)none + 32, 0, X86_TRAP_PF, -1, 1 },
		{ "write to a PROT_NONE page", write_at, none + 40, SIGSEGV,
		  SEGV_ACCERR, (uintptr_t)none + 40, 0, X86_TRAP_PF, -1, 1 },
		{ "read of a kernel address", read_at, (char *)KERNEL_TEXT,
		  SIGSEGV, SEGV_MAPERR, KERNEL_TEXT, 0, X86_TRAP_PF, 5, 1 },
		{ "write to a kernel address", write_at, (char *)KERNEL_TEXT,
		  SIGSEGV, SEGV_MAPERR, KERNEL_TEXT, 0, X86_TRAP_PF, 7, 1 },
		{ "call into an unmapped page", call_at, gone, SIGSEGV,
		  SEGV_MAPERR, (uintptr_t)gone, (uintptr_t)gone, X86_TRAP_PF,
		  0x14, 1 },
		{ "call into a page without PROT_EXEC", call_at, data, SIGSEGV,
		  SEGV_ACCERR, (uintptr_t)data, (uintptr_t)data, X86_TRAP_PF,
		  0x15, 1 },
		{ "read of a non-canonical address", read_at,
		  (char *)NON_CANONICAL, SIGSEGV, SI_KERNEL, 0, 0, X86_TRAP_GP,
		  0, 0 },
		{ "hlt", do_hlt, NULL, SIGSEGV, SI_KERNEL, 0,
		  (uintptr_t)fault_hlt, X86_TRAP_GP, 0, 0 },
		{ "ud2", do_ud2, NULL, SIGILL, ILL_ILLOPN, (uintptr_t)fault_ud2,
		  (uintptr_t)fault_ud2, X86_TRAP_UD, 0, 0 },
		{ "idiv by 0", do_div0, NULL, SIGFPE, FPE_INTDIV,
		  (uintptr_t)at_div0, (uintptr_t)at_div0, X86_TRAP_DE, 0, 0 },
		{ "idiv of INT_MIN by -1", do_divovf, NULL, SIGFPE, FPE_INTDIV,
		  (uintptr_t)at_divovf, (uintptr_t)at_divovf, X86_TRAP_DE, 0,
		  0 },
	};

	munmap(gone, page);
	ro[24] = 7; /* present, then read-only */
	mprotect(ro, page, PROT_READ);
	none[0] = 1; /* present, then PROT_NONE: not present any more */
	mprotect(none, page, PROT_NONE);
	data[0] = (char)0xc3; /* ret, were it executable */
	catch (SIGSEGV, 0);
	catch (SIGILL, 0);
	catch (SIGFPE, 0);
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		one_fault(&table[i]);
	CHECK(ro[24] == 7, "the PROT_READ page still reads");

	/* int3 traps: the saved RIP is past it, and returning goes on. */
	catch (SIGTRAP, 0);
	memset(&got, 0, sizeof(got));
	jump_back = 0;
	fault_int3();
	jump_back = 1;
	printf("int3: %s %s, trap %lu, error code %#lx\n", sig_name(got.sig),
	       code_name(got.sig, got.code), got.trapno, got.err);
	CHECK(got.count == 1 && got.sig == SIGTRAP && got.code == SI_KERNEL &&
		  got.addr == NULL && got.trapno == X86_TRAP_BP &&
		  got.err == 0 && got.rip == (uintptr_t)after_int3,
	      "int3: SIGTRAP SI_KERNEL, si_addr 0, RIP past the int3; the "
	      "handler returned and the program went on");

	signal(SIGTRAP, SIG_DFL);
	munmap(none, page);
	munmap(ro, page);
	munmap(data, page);
}

/* ------------------------------------------------------ sigaltstack */

static char *altstack;

static int in_altstack(const void *p)
{
	return (const char *)p >= altstack &&
	       (const char *)p < altstack + ALT_SIZE;
}

static void altstack_calls(void)
{
	stack_t ss, old;

	altstack = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(&old, 0, sizeof(old));
	CHECK(sigaltstack(NULL, &old) == 0 && old.ss_flags == SS_DISABLE &&
		  old.ss_sp == NULL && old.ss_size == 0,
	      "sigaltstack query at first: SS_DISABLE, no stack");

	ss.ss_sp = altstack;
	ss.ss_size = 1024;
	ss.ss_flags = 0;
	CHECK(syscall(SYS_sigaltstack, &ss, NULL) == -1 && errno == ENOMEM,
	      "sigaltstack of 1024 bytes (< MINSIGSTKSZ): %s",
	      errno_name(errno));
	ss.ss_size = MINSIGSTKSZ - 1;
	CHECK(syscall(SYS_sigaltstack, &ss, NULL) == -1 && errno == ENOMEM,
	      "sigaltstack of MINSIGSTKSZ - 1: %s", errno_name(errno));
	ss.ss_size = ALT_SIZE;
	ss.ss_flags = 3;
	CHECK(syscall(SYS_sigaltstack, &ss, NULL) == -1 && errno == EINVAL,
	      "sigaltstack with ss_flags 3: %s", errno_name(errno));
	ss.ss_flags = SS_ONSTACK;
	CHECK(syscall(SYS_sigaltstack, &ss, NULL) == 0,
	      "sigaltstack with ss_flags SS_ONSTACK: accepted, as 0 (musl "
	      "refuses it itself)");
	ss.ss_flags = 0;
	CHECK(sigaltstack(&ss, &old) == 0 && old.ss_flags == 0 &&
		  old.ss_sp == altstack && old.ss_size == ALT_SIZE,
	      "set again: the old one is given back, flags 0");
	CHECK(syscall(SYS_sigaltstack, NULL, (void *)KERNEL_TEXT) == -1 &&
		  errno == EFAULT,
	      "sigaltstack query into a kernel address: %s", errno_name(errno));

	/* A signal on it: only with SA_ONSTACK. */
	catch (SIGUSR1, 0);
	memset(&got, 0, sizeof(got));
	if (sigsetjmp(env, 1) == 0)
		raise(SIGUSR1);
	CHECK(got.count == 1 && !in_altstack(got.local) && got.ss_flags == 0,
	      "a handler without SA_ONSTACK runs on the usual stack");
	catch (SIGUSR1, SA_ONSTACK);
	memset(&got, 0, sizeof(got));
	if (sigsetjmp(env, 1) == 0)
		raise(SIGUSR1);
	CHECK(got.count == 1 && in_altstack(got.local),
	      "with SA_ONSTACK it runs on the alternate stack");
	CHECK(got.ss_flags == SS_ONSTACK,
	      "where sigaltstack's query says SS_ONSTACK");
	CHECK(got.uc_stack.ss_sp == altstack &&
		  got.uc_stack.ss_size == ALT_SIZE &&
		  got.uc_stack.ss_flags == 0,
	      "the frame's uc_stack: that stack, its size, flags 0 as set");
	CHECK(got.set_in_handler == EPERM, "changing it while on it: %s",
	      errno_name(got.set_in_handler));
	memset(&old, 0, sizeof(old));
	CHECK(sigaltstack(NULL, &old) == 0 && old.ss_flags == 0,
	      "back from the handler by siglongjmp: not SS_ONSTACK any more");
	signal(SIGUSR1, SIG_DFL);

	ss.ss_flags = SS_DISABLE;
	ss.ss_size = 1; /* ignored with SS_DISABLE */
	CHECK(sigaltstack(&ss, NULL) == 0 && sigaltstack(NULL, &old) == 0 &&
		  old.ss_flags == SS_DISABLE && old.ss_sp == NULL &&
		  old.ss_size == 0,
	      "SS_DISABLE: the query says SS_DISABLE, no stack");
}

/* ---------------------------------------------------- stack overflow */

static volatile uintptr_t deepest; /* the deepest frame yet */
static volatile int dive_limit = 1 << 30;

/* Recursion with a kilobyte frame until the stack runs out. */
static __attribute__((noinline)) int dive(int n)
{
	volatile char frame[1024];

	frame[0] = (char)n;
	deepest = (uintptr_t)frame;
	if (n < dive_limit)
		return dive(n + 1) + frame[0];
	return 0;
}

/* What a dying child does first: no core file, whatever the system. */
static void no_core(void)
{
	struct rlimit r = { 0, 0 };

	setrlimit(RLIMIT_CORE, &r);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/* A smaller stack on Linux, so that the overflow comes sooner (this
 * kernel's stack has a size of its own, 8 MiB). */
static void small_stack(void)
{
	struct rlimit r;

	if (getrlimit(RLIMIT_STACK, &r) == 0) {
		r.rlim_cur = 1 << 20;
		setrlimit(RLIMIT_STACK, &r);
	}
}

static int overflow_child(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = ALT_SIZE, .ss_flags = 0 };
	uintptr_t addr;

	check_failures = 0;
	no_core();
	small_stack();
	sigaltstack(&ss, NULL);
	catch (SIGSEGV, SA_ONSTACK);
	memset(&got, 0, sizeof(got));
	if (sigsetjmp(env, 1) == 0) {
		dive(0);
		printf("the recursion ended without a fault\n");
		return 1;
	}
	addr = (uintptr_t)got.addr;
	CHECK(got.count == 1 && got.sig == SIGSEGV && got.code == SEGV_MAPERR,
	      "child: the stack overflow is caught, SIGSEGV SEGV_MAPERR");
	CHECK(in_altstack(got.local) && got.ss_flags == SS_ONSTACK,
	      "child: the handler ran on the alternate stack, SS_ONSTACK");
	CHECK(addr < deepest && addr >= deepest - 8192,
	      "child: si_addr is just below the deepest frame");
	CHECK(got.trapno == X86_TRAP_PF && (got.err & 6) == 6 &&
		  got.cr2 == addr,
	      "child: a write fault (trap 14, error code with 6), cr2 is "
	      "si_addr");
	return check_failures != 0;
}

/* Without an alternate stack the frame cannot be written: death. */
static int overflow_child_no_altstack(void)
{
	no_core();
	small_stack();
	catch (SIGSEGV, SA_ONSTACK); /* asks for one; there is none */
	if (sigsetjmp(env, 1) == 0)
		dive(0);
	return 3; /* the handler ran: it must not have */
}

/* ------------------------------------------------- children that die */

static void abort_child(volatile char *p)
{
	(void)p;
	abort();
}

static void int3_child(volatile char *p)
{
	(void)p;
	fault_int3();
}

/* Blocked: a fault cannot wait, so Linux unblocks it and takes the
 * default action. */
static void blocked_child(volatile char *p)
{
	sigset_t set;

	catch (SIGSEGV, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGSEGV);
	sigprocmask(SIG_BLOCK, &set, NULL);
	read_at(p);
}

static void ignored_child(volatile char *p)
{
	signal(SIGSEGV, SIG_IGN);
	read_at(p);
}

/* A handler that faults itself: SIGSEGV is blocked inside it. */
static void fault_in_handler(int sig)
{
	(void)sig;
	read_at(NULL);
}

static void handler_faults_child(volatile char *p)
{
	signal(SIGSEGV, fault_in_handler);
	read_at(p);
}

struct death {
	const char *what;
	void (*body)(volatile char *);
	int sig;
};

/* Fork a child that runs @body and dies: its wait status. */
static int status_of(void (*body)(volatile char *), int (*whole)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		reset_signals(); /* not the parent's catcher and its jumps */
		no_core();
		if (whole)
			_exit(whole());
		body(NULL);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void deaths(void)
{
	const struct death table[] = {
		{ "a read of NULL, SIGSEGV's default action", read_at,
		  SIGSEGV },
		{ "ud2, default action", do_ud2, SIGILL },
		{ "idiv by 0, default action", do_div0, SIGFPE },
		{ "int3, default action", int3_child, SIGTRAP },
		{ "abort()", abort_child, SIGABRT },
		{ "a read of NULL with SIGSEGV blocked and handled",
		  blocked_child, SIGSEGV },
		{ "a read of NULL with SIGSEGV ignored", ignored_child,
		  SIGSEGV },
		{ "a handler that faults itself", handler_faults_child,
		  SIGSEGV },
	};
	int status;

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		status = status_of(table[i].body, NULL);
		printf("%s: %s%s\n", table[i].what, how_ended(status),
		       status != -1 && WIFSIGNALED(status) && WCOREDUMP(status)
			   ? ", core dumped"
			   : "");
		CHECK(status == table[i].sig,
		      "%s: the child was killed by %s, no core bit",
		      table[i].what, sig_name(table[i].sig));
	}

	status = status_of(NULL, overflow_child);
	CHECK(status == 0, "the child that overflowed its stack: %s",
	      how_ended(status));
	status = status_of(NULL, overflow_child_no_altstack);
	printf("a stack overflow with a handler but no alternate stack: %s\n",
	       how_ended(status));
	CHECK(status == SIGSEGV,
	      "it was killed by SIGSEGV: the frame had nowhere to go");
}

int main(void)
{
	check_start();
	page = (size_t)sysconf(_SC_PAGESIZE);
	reset_signals();
	faults();
	altstack_calls();
	deaths();
	return check_finish("m-sigfault");
}
