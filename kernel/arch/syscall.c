// SPDX-License-Identifier: MIT
/*
 * The system call table and its one dispatcher.
 *
 * SYSENTER, int 0x80 and SYSCALL each build a struct pt_regs
 * (kernel/arch/entry.S) and call system_call_function(regs). It checks the
 * number, calls the handler from system_call_table, stores the result in
 * regs->rax and decides which instruction may take the task back: the
 * fast SYSRET/SYSEXIT only when it is safe, IRETQ otherwise, or not at
 * all when the return address could not be returned to.
 */
#include <stddef.h>

#include <kernel/console.h>
#include <kernel/cpu.h>
#include <kernel/gdt.h>
#include <kernel/msr.h>
#include <kernel/syscall.h>
#include <kernel/proc.h>
#include <kernel/trace.h>
#include <kernel/trap.h>
#include <uapi/errno.h>

/*
 * Each expansion of the list below needs only the number and the name:
 * with SYSCALL(nr, name) defined, the list turns its SYSCALLn lines into
 * SYSCALL(nr, name) itself.
 */
/* The handlers' declarations. */
#define SYSCALL(nr, name) long sys_##name(struct pt_regs *regs);
#include <uapi/syscall_list.h>
#undef SYSCALL

/* Every number in range... */
#define SYSCALL(nr, name)                                                      \
	_Static_assert((nr) >= 0 && (nr) < NR_SYSCALLS, #name " out of range");
#include <uapi/syscall_list.h>
#undef SYSCALL

/* ...and used once: a repeated number is a "duplicate case value" error
 * here, where the table's initializer below would silently take the
 * last handler. Never called. */
static inline __attribute__((unused)) void system_call_numbers_unique(long n)
{
	switch (n) {
#define SYSCALL(nr, name) case nr:
#include <uapi/syscall_list.h>
#undef SYSCALL
		break;
	}
}

/*
 * The tables: every slot starts as no_system_call, then the list fills in
 * its numbers. Overriding the range initializer is the point here, as
 * in Linux's syscall tables, so that warning is off for these arrays.
 *
 * system_call_table is the seed design's table, for the project's own
 * programs (ABI_SEED); linux_system_call_table is for everything else
 * (ABI_LINUX). They differ only where the seed's numbers and Linux's
 * disagree: number 15 stays unused in the seed's table (the demo's call
 * reaches no_system_call there) and becomes Linux's rt_sigreturn in the
 * other once signals exist (docs/syscalls.md, "ABI branding").
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
#ifdef __clang__
#pragma clang diagnostic ignored "-Winitializer-overrides"
#endif
const system_call_t system_call_table[NR_SYSCALLS + 1] = {
	[0 ... NR_SYSCALLS] = no_system_call,
#define SYSCALL(nr, name) [nr] = sys_##name,
#include <uapi/syscall_list.h>
#undef SYSCALL
};

const system_call_t linux_system_call_table[NR_SYSCALLS + 1] = {
	[0 ... NR_SYSCALLS] = no_system_call,
#define SYSCALL(nr, name) [nr] = sys_##name,
#include <uapi/syscall_list.h>
#undef SYSCALL
	/* Linux's 15, which only Linux programs get: the seed's table
	 * keeps 15 for its no_system_call demo. */
	[LINUX_NR_rt_sigreturn] = sys_rt_sigreturn,
};
#pragma GCC diagnostic pop

/* The seed's number 15 must stay free in the seed's table. */
#define SYSCALL(nr, name) _Static_assert((nr) != 15, #name " takes number 15");
#include <uapi/syscall_list.h>
#undef SYSCALL

/** sys_abi - which table this process uses (ABI_*): for tests */
long sys_abi(struct pt_regs *regs)
{
	(void)regs;
	return current->abi;
}

/* For tracing and messages; NULL for unused numbers. */
const char *const system_call_names[NR_SYSCALLS] = {
#define SYSCALL(nr, name) [nr] = #name,
#include <uapi/syscall_list.h>
#undef SYSCALL
};

/**
 * no_system_call - the handler of every number that has none
 *
 * For a program of the seed ABI, prints the seed design's line,
 * "no_system_call is called, NR: 0x0f", followed by Linux's name for the
 * number where Linux has one (" (rt_sigreturn)"). A Linux program gets
 * Linux's silent -ENOSYS (unless report=linux): glibc and busybox probe
 * for calls (statx, rseq, the syslog socket) and go on without them, and
 * a red line on the console for each would bury what they print.
 * `trace=syscalls` shows those calls with their -38 ENOSYS.
 */
long no_system_call(struct pt_regs *regs)
{
	const char *linux_name = linux_syscall_name(regs->rax);

	if (!kernel_reports_on(current))
		return -ENOSYS;
	if (linux_name)
		color_printk(RED, BLACK,
			     "no_system_call is called, NR: %#04lx (%s)\n",
			     regs->rax, linux_name);
	else
		color_printk(RED, BLACK,
			     "no_system_call is called, NR: %#04lx\n", regs->rax);
	return -ENOSYS;
}

/*
 * @nr if it is below NR_SYSCALLS, else NR_SYSCALLS: the table slot of a
 * system call number. A compare and a conditional move, not a branch:
 * the CPU does not predict a CMOV, so not even a mispredicted bounds
 * check can make it load past the table speculatively (the attack of
 * Spectre variant 1; Linux masks with array_index_nospec() for the same).
 */
static inline uint64_t syscall_slot(uint64_t nr)
{
	uint64_t last = NR_SYSCALLS;

	__asm__("cmp %1, %0; cmovae %1, %0" : "+r"(nr) : "r"(last) : "cc");
	return nr;
}

/* Is @addr somewhere a user may return to? Not page 0, not past the
 * lower half (non-canonical or kernel addresses). */
static bool valid_user_address(uint64_t addr)
{
	return addr >= PAGE_SIZE && addr < USER_SPACE_END;
}

/**
 * syscall_fixup_frame - make a system call frame what its entry's ABI
 * promises on return, whichever instruction returns: user flags with IF
 * set; for SYSCALL, RCX = RIP and R11 = RFLAGS; for SYSENTER, RDX and RCX
 * back to the return address and stack pointer the caller passed.
 * (fork uses it for the child's copy of the frame, too.)
 */
void syscall_fixup_frame(struct pt_regs *regs)
{
	/* Flags the user may not keep: ring-3 code always runs with IF. */
	regs->rflags = (regs->rflags & ~(RFLAGS_IOPL | RFLAGS_RF)) |
		       RFLAGS_IF | RFLAGS_FIXED;
	switch (regs->vector) {
	case ENTRY_SYSCALL:
		regs->rcx = regs->rip;
		regs->r11 = regs->rflags;
		break;
	case ENTRY_SYSENTER:
		regs->rdx = regs->rip;
		regs->rcx = regs->rsp;
		break;
	}
}

/*
 * The slow way back: after a signal, a kill, execve or rt_sigreturn, or
 * a frame the fast way may not trust. Decide how to return. SYSRET and
 * SYSEXIT would raise #GP in ring 0, on the user's stack, for a
 * non-canonical return address (Intel SDM Vol. 2B, SYSRET and SYSEXIT),
 * and so would IRETQ: such a task is ended here.
 */
static unsigned int choose_return(struct pt_regs *regs, uint64_t entry)
{
	if (current->frame_replaced) {
		/* execve built a new frame, or rt_sigreturn restored one, or a
		 * handler's frame is on the stack: start it exactly as it is. */
		current->frame_replaced = false;
		return RETURN_IRETQ;
	}
	if (entry == ENTRY_SYSENTER && current->sysenter_tf) {
		/* The #DB at the entry took TF out of the saved flags. */
		regs->rflags |= RFLAGS_TF;
		current->sysenter_tf = false;
	}
	syscall_fixup_frame(regs);

	if (!valid_user_address(regs->rip))
		task_kill(regs, "return address %#lx is not a user address",
			  regs->rip);
	if (!is_canonical(regs->rsp) ||
	    (entry == ENTRY_SYSENTER && !valid_user_address(regs->rsp)))
		task_kill(regs, "stack pointer %#lx cannot be returned to",
			  regs->rsp);

	/* With TF set: SYSEXIT cannot restore it without the popfq trapping
	 * in ring 0 first; SYSRET could, but IRETQ is the one path that
	 * always delivers the user's single-step trap in ring 3. */
	if (regs->rflags & RFLAGS_TF)
		return RETURN_IRETQ;
	if (entry == ENTRY_SYSCALL)
		return RETURN_SYSRET;
	if (entry == ENTRY_SYSENTER)
		return RETURN_SYSEXIT;
	return RETURN_IRETQ;
}

static __attribute__((noinline)) unsigned int
system_call_exit_slow(struct pt_regs *regs)
{
	proc_check_killed(); /* ctrl-C while it ran or slept */
	do_signal(regs, true); /* a handler to run, or a call to restart */
	return choose_return(regs, regs->vector);
}

/*
 * May the call go back by its entry's own instruction, restoring only the
 * registers C code may have changed (entry.S)? The frame is still the one
 * the entry built (nothing set frame_replaced), so its RIP, RSP and
 * RFLAGS are the user's own as they were at the entry instruction: only
 * what the user could have chosen needs a look. A return address or
 * stack pointer out of 4096..USER_SPACE_END (a SYSCALL in the last bytes
 * of user space, SYSENTER's RDX and RCX) or a trap flag to deliver goes
 * the slow way, which ends the process or returns by IRETQ.
 */
static inline bool fast_return_ok(const struct pt_regs *regs)
{
	/* Both in 4096..USER_SPACE_END: each minus 4096 is below the limit
	 * minus 4096 (a number below 4096 wraps round to a huge one), and
	 * then so is their OR, tested in one compare. A little stricter
	 * than two compares (two numbers below the limit can OR to one at
	 * or above it): a pair it refuses goes the slow way, which checks
	 * each. */
	uint64_t both = (regs->rip - PAGE_SIZE) | (regs->rsp - PAGE_SIZE);

	return both < USER_SPACE_END - PAGE_SIZE && !(regs->rflags & RFLAGS_TF);
}

/*
 * With the trace on (trace=syscalls, kernel/trace.c), every process's
 * calls go through traced_table, whose every slot is this: the trace's
 * hooks around the handler of the process's own table. Off, the trace
 * costs the usual path nothing.
 */
static long traced_system_call(struct pt_regs *regs)
{
	system_call_t fn =
		system_call_table_of(current->abi)[syscall_slot(regs->rax)];

	trace_syscall_enter(regs);
	regs->rax = (uint64_t)fn(regs);
	trace_syscall_exit(regs);
	return (long)regs->rax;
}

static const system_call_t traced_table[NR_SYSCALLS + 1] = {
	[0 ... NR_SYSCALLS] = traced_system_call,
};

const system_call_t *syscall_table_for(const struct process *p)
{
	return syscall_trace_on ? traced_table : system_call_table_of(p->abi);
}

/**
 * system_call_function - the dispatcher all three entries call
 * @regs: the caller's registers; regs->rax holds the number
 *
 * All 64 bits of RAX are the number, compared unsigned: anything at or
 * above NR_SYSCALLS (including values with bits 63:32 set) goes to
 * no_system_call. Returns RETURN_FAST when the entry may go back its
 * own fast way, else how ret_system_call must (RETURN_*).
 *
 * Only ring 3 makes system calls, and ring 3 only ever runs a process:
 * current is never NULL here. docs/syscalls.md section 8 counts every
 * instruction of this path.
 */
unsigned int system_call_function(struct pt_regs *regs)
{
	struct process *p = current;
	system_call_t fn = p->syscall_table[syscall_slot(regs->rax)];

	regs->rax = (uint64_t)fn(regs);
	if (__builtin_expect(syscall_exit_slow(p, (long)regs->rax), 0) ||
	    !fast_return_ok(regs))
		return system_call_exit_slow(regs);
	return RETURN_FAST;
}

unsigned int syscall_entries_available;
uint64_t syscall_kernel_rsp, syscall_user_rsp;

void syscall_set_kernel_stack(uint64_t top)
{
	tss_set_rsp0(top);
	syscall_kernel_rsp = top;
	wrmsr(MSR_IA32_SYSENTER_ESP, top);
}

/* SYSENTER/SYSEXIT are valid in 64-bit mode on Intel CPUs only (AMD APM
 * Vol. 3, SYSENTER: "invalid in long mode"); SYSCALL is listed in CPUID. */
static unsigned int detect_entries(void)
{
	struct cpuid_regs r = cpuid(0);
	bool intel = r.ebx == 0x756e6547 && r.edx == 0x49656e69 &&
		     r.ecx == 0x6c65746e; /* "GenuineIntel" */
	unsigned int found = SYSCALL_ENTRY_INT80;

	if (intel && (cpuid(1).edx & CPUID_EDX_SEP))
		found |= SYSCALL_ENTRY_SYSENTER;
	if (cpuid(0x80000000).eax >= 0x80000001 &&
	    (cpuid(0x80000001).edx & CPUID_EXT_EDX_SYSCALL))
		found |= SYSCALL_ENTRY_SYSCALL;
	return found;
}

/**
 * syscall_init - program all three entries
 *
 * int 0x80: an interrupt gate of DPL 3. SYSENTER: IA32_SYSENTER_CS/ESP/EIP
 * (0x174/0x175/0x176). SYSCALL: EFER.SCE, STAR (selector bases), LSTAR
 * (entry point) and FMASK (flags cleared on entry).
 */
void syscall_init(void)
{
	unsigned int e = detect_entries();

	idt_set_gate(SYSCALL_INT_VECTOR, (uint64_t)entry_int80, 0, 3);

	wrmsr(MSR_IA32_SYSENTER_CS, SYSENTER_CS_VALUE);
	wrmsr(MSR_IA32_SYSENTER_EIP, (uint64_t)system_call);
	syscall_set_kernel_stack(tss.rsp[0]);

	if (e & SYSCALL_ENTRY_SYSCALL) {
		wrmsr(MSR_STAR, (uint64_t)STAR_SYSRET_BASE << 48 |
					(uint64_t)STAR_SYSCALL_BASE << 32);
		wrmsr(MSR_LSTAR, (uint64_t)entry_syscall_64);
		wrmsr(MSR_FMASK, SYSCALL_FMASK_BITS);
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	}
	syscall_entries_available = e;
	printk("syscall entries: sysenter=%s int80=yes syscall=%s\n",
	       e & SYSCALL_ENTRY_SYSENTER ? "yes" : "no",
	       e & SYSCALL_ENTRY_SYSCALL ? "yes" : "no");
}

/* The first instruction of every way into ring 0 from ring 3. */
static bool is_kernel_entry(uint64_t rip)
{
	if (rip == (uint64_t)system_call || rip == (uint64_t)entry_int80 ||
	    rip == (uint64_t)entry_syscall_64)
		return true;
	for (unsigned int v = 0; v < NR_EXCEPTIONS; v++)
		if (rip == exception_stubs[v])
			return true;
	return false;
}

/**
 * syscall_debug_trap - handle a #DB taken in ring 0 at a kernel entry
 *
 * Two user tricks deliver a single-step trap in ring 0: SYSENTER with TF
 * set (SYSENTER does not clear TF, so the trap comes right after it, at
 * system_call), and MOV SS/POP SS with TF just before any entry
 * instruction (the trap is held back one instruction, to the entry's
 * first instruction). Neither is the kernel's to take: clear TF and go
 * on. For SYSENTER the TF was the user's own, so it is given back on
 * return, and the user sees its own single-step trap there.
 */
bool syscall_debug_trap(struct pt_regs *regs)
{
	if (!is_kernel_entry(regs->rip))
		return false;
	if (regs->rip == (uint64_t)system_call && (regs->rflags & RFLAGS_TF) &&
	    current)
		current->sysenter_tf = true;
	regs->rflags &= ~RFLAGS_TF;
	return true;
}
