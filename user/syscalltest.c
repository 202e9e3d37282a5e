// SPDX-License-Identifier: MIT
/*
 * syscalltest: the same calls through every entry the CPU offers must give
 * the same results, and each entry must preserve the registers its ABI
 * (include/uapi/syscall.h) says it preserves, with no kernel data in any
 * register, also when a signal's handler runs in the middle of the call.
 * Prints one line per failure; exits with the failure count.
 */
#include "user.h"

#include <kernel/mmu.h> /* PHYS_MAP_BASE: where the kernel half starts */
#include <kernel/msr.h> /* RFLAGS_* */

#define KERNEL_HALF PHYS_MAP_BASE

enum { RAX, RBX, RCX, RDX, RSI, RDI, RBP, R8, R9, R10, R11, R12, R13, R14,
       R15, FLAGS, NREGS };
static const char *const names[NREGS] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8", "r9",
	"r10", "r11", "r12", "r13", "r14", "r15", "rflags",
};

static int failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("syscalltest: FAILED %s: ", #cond);             \
			printf(__VA_ARGS__);                                   \
			printf("\n");                                          \
			failures++;                                            \
		}                                                              \
	} while (0)

/*
 * probe_X(in, out): load every general register from in[] (RSP aside),
 * make the call (RAX = number), store every register and RFLAGS to out[].
 * probe_ret/probe_rsp record the return address and RSP at the call.
 */
/* Written by the assembly below: not static, so never assumed unchanged. */
uint64_t *probe_out;
uint64_t probe_ret, probe_rsp;
__asm__(".text\n"
	".macro PROBE name, insn\n"
	"\\name:\n\t"
	"pushq %rbx; pushq %rbp; pushq %r12; pushq %r13; pushq %r14; pushq %r15\n\t"
	"movq %rsi, probe_out(%rip)\n\t"
	"leaq 1f(%rip), %rax\n\t"
	"movq %rax, probe_ret(%rip)\n\t"
	"movq %rdi, %rax\n\t"
	"movq 8(%rax), %rbx; movq 16(%rax), %rcx; movq 24(%rax), %rdx\n\t"
	"movq 32(%rax), %rsi; movq 48(%rax), %rbp; movq 56(%rax), %r8\n\t"
	"movq 64(%rax), %r9; movq 72(%rax), %r10; movq 80(%rax), %r11\n\t"
	"movq 88(%rax), %r12; movq 96(%rax), %r13; movq 104(%rax), %r14\n\t"
	"movq 112(%rax), %r15; movq 40(%rax), %rdi; movq 0(%rax), %rax\n\t"
	"movq %rsp, probe_rsp(%rip)\n\t"
	"\\insn\n"
	"1:\tpushq %rax\n\t"
	"movq probe_out(%rip), %rax\n\t"
	"movq %rbx, 8(%rax); movq %rcx, 16(%rax); movq %rdx, 24(%rax)\n\t"
	"movq %rsi, 32(%rax); movq %rdi, 40(%rax); movq %rbp, 48(%rax)\n\t"
	"movq %r8, 56(%rax); movq %r9, 64(%rax); movq %r10, 72(%rax)\n\t"
	"movq %r11, 80(%rax); movq %r12, 88(%rax); movq %r13, 96(%rax)\n\t"
	"movq %r14, 104(%rax); movq %r15, 112(%rax)\n\t"
	"popq 0(%rax)\n\t"
	"pushfq; popq 120(%rax)\n\t"
	"popq %r15; popq %r14; popq %r13; popq %r12; popq %rbp; popq %rbx\n\t"
	"ret\n"
	".endm\n"
	"PROBE probe_syscall, syscall\n"
	"PROBE probe_int80, \"int $0x80\"\n"
	"PROBE probe_sysenter, \"leaq 1f(%rip), %rdx; movq %rsp, %rcx; sysenter\"\n");
void probe_syscall(const uint64_t *in, uint64_t *out);
void probe_int80(const uint64_t *in, uint64_t *out);
void probe_sysenter(const uint64_t *in, uint64_t *out);

static void probe(unsigned int entry, const uint64_t *in, uint64_t *out)
{
	if (entry == SYSCALL_ENTRY_SYSCALL)
		probe_syscall(in, out);
	else if (entry == SYSCALL_ENTRY_INT80)
		probe_int80(in, out);
	else
		probe_sysenter(in, out);
}

/* Every register but RAX as the entry's ABI says, after probe(). */
static void check_preserved(unsigned int entry, const char *e,
			    const uint64_t *in, const uint64_t *out)
{
	for (int i = RBX; i <= R15; i++) {
		if (entry == SYSCALL_ENTRY_SYSCALL && (i == RCX || i == R11))
			continue;
		if (entry == SYSCALL_ENTRY_SYSENTER && (i == RCX || i == RDX))
			continue;
		CHECK(out[i] == in[i], "%s: %s = %#lx, was %#lx", e, names[i],
		      out[i], in[i]);
	}
	if (entry == SYSCALL_ENTRY_SYSCALL) {
		/* SYSCALL's ABI: RCX = return address, R11 = RFLAGS. */
		CHECK(out[RCX] == probe_ret, "syscall: rcx = %#lx", out[RCX]);
		CHECK(out[R11] == out[FLAGS], "syscall: r11 = %#lx, rflags %#lx",
		      out[R11], out[FLAGS]);
	}
	if (entry == SYSCALL_ENTRY_SYSENTER) {
		/* RDX and RCX come back as the caller set them. */
		CHECK(out[RDX] == probe_ret, "sysenter: rdx = %#lx", out[RDX]);
		CHECK(out[RCX] == probe_rsp, "sysenter: rcx = %#lx", out[RCX]);
	}
	CHECK(out[FLAGS] & RFLAGS_IF, "%s: IF clear after the call", e);
	for (int i = RBX; i < NREGS; i++) /* RAX: the caller checks it */
		CHECK(out[i] < KERNEL_HALF, "%s: %s holds kernel address %#lx",
		      e, names[i], out[i]);
}

static void fill(uint64_t *in)
{
	for (int i = 0; i < NREGS; i++)
		in[i] = 0x0101010101010101ull * (uint64_t)(i + 1);
}

static void check_registers(unsigned int entry)
{
	uint64_t in[NREGS], out[NREGS];
	const char *e = syscall_entry_name(entry);

	fill(in);
	in[RAX] = __NR_getpid;
	probe(entry, in, out);
	CHECK(out[RAX] == (uint64_t)getpid(), "%s: rax = %#lx", e, out[RAX]);
	check_preserved(entry, e, in, out);
}

/*
 * A signal in the middle of a call: its handler runs (and wrecks every
 * register a C function may), then the call returns through the same
 * entry with its result and every other register as that entry's ABI
 * says, because rt_sigreturn put back what the frame saved.
 */
static volatile int handled;

static void wrecking_handler(int sig)
{
	handled = sig;
	__asm__ volatile("mov $-1, %%rax; mov $-1, %%rcx; mov $-1, %%rdx\n\t"
			 "mov $-1, %%rsi; mov $-1, %%rdi; mov $-1, %%r8\n\t"
			 "mov $-1, %%r9; mov $-1, %%r10; mov $-1, %%r11"
			 : : : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9",
			   "r10", "r11", "memory");
}

static void arm_timer_ms(long ms)
{
	struct timeval t[2] = { { 0, 0 }, { 0, ms * 1000 } };

	sys_setitimer(0 /* ITIMER_REAL */, t, NULL);
}

static void check_registers_across_a_signal(unsigned int entry)
{
	struct kernel_sigaction no_restart = { (uint64_t)wrecking_handler, 0,
						0, 0 };
	struct timespec two_s = { 2, 0 };
	uint64_t in[NREGS], out[NREGS];
	const char *e = syscall_entry_name(entry);
	int fds[2], pid, status;
	char c = 0;

	/* nanosleep(2 s) cut short by SIGALRM after 30 ms: -EINTR. */
	sigaction(SIGALRM, &no_restart, NULL);
	fill(in);
	in[RAX] = __NR_nanosleep;
	in[RDI] = (uint64_t)&two_s;
	in[RSI] = 0;
	handled = 0;
	arm_timer_ms(30);
	probe(entry, in, out);
	CHECK(handled == SIGALRM && out[RAX] == (uint64_t)-EINTR,
	      "%s: nanosleep and a signal: rax = %ld, handler %d", e,
	      (long)out[RAX], handled);
	check_preserved(entry, e, in, out);

	/* read of a pipe with SA_RESTART (signal() sets it): through
	 * SYSCALL and int 0x80 the read goes on and gets the byte a child
	 * writes 200 ms later; through SYSENTER, never restarted, -EINTR. */
	signal(SIGALRM, wrecking_handler);
	sys_pipe2(fds, 0);
	pid = fork();
	if (pid == 0) {
		msleep(200);
		sys_write(fds[1], "x", 1);
		exit(0);
	}
	fill(in);
	in[RAX] = __NR_read;
	in[RDI] = (uint64_t)fds[0];
	in[RSI] = (uint64_t)&c;
	in[entry == SYSCALL_ENTRY_SYSENTER ? R11 : RDX] = 1; /* the count */
	handled = 0;
	arm_timer_ms(30);
	probe(entry, in, out);
	if (entry == SYSCALL_ENTRY_SYSENTER)
		CHECK(handled == SIGALRM && out[RAX] == (uint64_t)-EINTR,
		      "%s: read and SA_RESTART: rax = %ld", e, (long)out[RAX]);
	else
		CHECK(handled == SIGALRM && out[RAX] == 1 && c == 'x',
		      "%s: read restarted: rax = %ld, byte %#x", e,
		      (long)out[RAX], c);
	check_preserved(entry, e, in, out);
	waitpid(pid, &status, 0);
	sys_close(fds[0]);
	sys_close(fds[1]);
	signal(SIGALRM, SIG_DFL);
}

struct results {
	long pid, write_ok, write_badfd, uname, nosys, kflags;
	struct utsname u;
};

static void collect(unsigned int entry, struct results *r)
{
	static const char msg[] = "syscalltest: write through each entry\n";

	syscall_use_entry(entry);
	r->pid = sys_getpid();
	r->write_ok = sys_write(1, msg, sizeof(msg) - 1);
	r->write_badfd = sys_write(-1, msg, 1);
	memset(&r->u, 0, sizeof(r->u));
	r->uname = sys_uname(&r->u);
	r->nosys = syscall_via(entry, 15, 0, 0, 0, 0, 0, 0);
	r->kflags = sys_kernel_rflags();
	syscall_use_entry(SYSCALL_ENTRY_INT80);
}

int main(void)
{
	static const unsigned int all[] = { SYSCALL_ENTRY_INT80,
					    SYSCALL_ENTRY_SYSCALL,
					    SYSCALL_ENTRY_SYSENTER };
	unsigned int offered = syscall_entries_offered();
	struct results base, r;

	/* The library must not have picked an entry the CPU lacks. */
	CHECK(offered & SYSCALL_ENTRY_INT80, "int 0x80 not offered: %#x", offered);
	CHECK(offered & syscall_current_entry(), "library picked %s",
	      syscall_entry_name(syscall_current_entry()));
	if (!(offered & SYSCALL_ENTRY_SYSENTER))
		CHECK(syscall_use_entry(SYSCALL_ENTRY_SYSENTER) < 0,
		      "sysenter accepted though not offered");
	printf("syscalltest: entries offered: %#x\n", offered);

	collect(SYSCALL_ENTRY_INT80, &base);
	CHECK(base.pid > 0, "getpid = %ld", base.pid);
	CHECK(base.write_ok == (long)strlen("syscalltest: write through each entry\n"),
	      "write = %ld", base.write_ok);
	CHECK(base.write_badfd == -EBADF, "write(-1) = %ld", base.write_badfd);
	CHECK(base.uname == 0 && !strcmp(base.u.machine, "x86_64"), "uname");
	CHECK(base.nosys == -ENOSYS, "call 15 = %ld", base.nosys);
	CHECK((base.kflags & (RFLAGS_TF | RFLAGS_IF | RFLAGS_DF | RFLAGS_NT |
			      RFLAGS_AC)) == 0,
	      "kernel rflags %#lx", base.kflags);

	for (unsigned int i = 0; i < 3; i++) {
		const char *e = syscall_entry_name(all[i]);

		if (!(offered & all[i]))
			continue;
		collect(all[i], &r);
		CHECK(r.pid == base.pid, "%s: getpid %ld", e, r.pid);
		CHECK(r.write_ok == base.write_ok, "%s: write %ld", e, r.write_ok);
		CHECK(r.write_badfd == base.write_badfd, "%s: write(-1) %ld", e,
		      r.write_badfd);
		CHECK(r.uname == base.uname && !memcmp(&r.u, &base.u, sizeof(r.u)),
		      "%s: uname", e);
		CHECK(r.nosys == base.nosys, "%s: call 15 = %ld", e, r.nosys);
		CHECK(r.kflags == base.kflags, "%s: kernel rflags %#lx", e,
		      r.kflags);
		check_registers(all[i]);
		check_registers_across_a_signal(all[i]);
	}
	printf("syscalltest: %d failures\n", failures);
	return failures;
}
