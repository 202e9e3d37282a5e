// SPDX-License-Identifier: MIT
/*
 * What happens after an exception's entry stub has built a pt_regs:
 * #BP and NMI are reported and return; a fault at an instruction listed in
 * the exception table resumes at its fixup; anything else in ring 0 is a
 * kernel bug and ends in die(). An exception raised in ring 3 ends the
 * user task that raised it, and nothing else.
 */
#include <stddef.h>

#include <kernel/console.h>
#include <kernel/fpu.h>
#include <kernel/io.h>
#include <kernel/panic.h>
#include <kernel/syscall.h>
#include <kernel/proc.h>
#include <kernel/trap.h>
#include <kernel/vm.h>

static const char *const exception_names[NR_EXCEPTIONS] = {
	[X86_TRAP_DE] = "#DE divide error",
	[X86_TRAP_DB] = "#DB debug",
	[X86_TRAP_NMI] = "NMI non-maskable interrupt",
	[X86_TRAP_BP] = "#BP breakpoint",
	[X86_TRAP_OF] = "#OF overflow",
	[X86_TRAP_BR] = "#BR bound range exceeded",
	[X86_TRAP_UD] = "#UD invalid opcode",
	[X86_TRAP_NM] = "#NM device not available",
	[X86_TRAP_DF] = "#DF double fault",
	[9] = "coprocessor segment overrun",
	[X86_TRAP_TS] = "#TS invalid TSS",
	[X86_TRAP_NP] = "#NP segment not present",
	[X86_TRAP_SS] = "#SS stack-segment fault",
	[X86_TRAP_GP] = "#GP general protection",
	[X86_TRAP_PF] = "#PF page fault",
	[X86_TRAP_MF] = "#MF x87 floating-point error",
	[X86_TRAP_AC] = "#AC alignment check",
	[X86_TRAP_MC] = "#MC machine check",
	[X86_TRAP_XM] = "#XM SIMD floating-point exception",
	[X86_TRAP_VE] = "#VE virtualization exception",
	[X86_TRAP_CP] = "#CP control protection",
	[28] = "#HV hypervisor injection",
	[29] = "#VC VMM communication",
	[30] = "#SX security exception",
};

/** exception_name - "#PF page fault" and the like, for any vector */
const char *exception_name(unsigned int vector)
{
	if (vector < NR_EXCEPTIONS && exception_names[vector])
		return exception_names[vector];
	if (vector < NR_EXCEPTIONS)
		return "reserved exception";
	return "interrupt";
}

bool exception_has_error_code(unsigned int vector)
{
	return vector < NR_EXCEPTIONS && ((EXC_ERRCODE_MASK >> vector) & 1);
}

static unsigned long counts[NR_EXCEPTIONS];

/** trap_count - how often an exception vector has been taken since boot */
unsigned long trap_count(unsigned int vector)
{
	return vector < NR_EXCEPTIONS ? counts[vector] : 0;
}

static struct trap_record *catch_record;

/**
 * trap_catch_begin - record ring-0 exceptions into @rec until
 * trap_catch_end(). For tests that raise exceptions on purpose.
 */
void trap_catch_begin(struct trap_record *rec)
{
	*rec = (struct trap_record){ 0 };
	catch_record = rec;
}

void trap_catch_end(void)
{
	catch_record = NULL;
}

/* Resume a ring-0 fault at its exception-table fixup, if it has one. */
static bool fixup_kernel_fault(struct pt_regs *regs)
{
	const struct exception_table_entry *e;

	/* These are not faults of one instruction; never "fix" them. */
	if (regs->vector == X86_TRAP_DF || regs->vector == X86_TRAP_MC)
		return false;
	e = search_exception_table(regs->rip);
	if (catch_record) {
		catch_record->count++;
		catch_record->vector = regs->vector;
		catch_record->error_code = regs->error_code;
		catch_record->cr2 = regs->vector == X86_TRAP_PF ? read_cr2() : 0;
		catch_record->rip = regs->rip;
		catch_record->fixup = e ? e->fixup : 0;
	}
	if (!e && catch_record && catch_record->resume) {
		regs->rip = catch_record->resume;
		catch_record->resume = 0;
		return true;
	}
	if (!e)
		return false;
	regs->rip = e->fixup;
	return true;
}

/*
 * A fault in ring 3 as Linux reports it to a handler: the signal, its
 * si_code and si_addr. True if a handler will run; false if nobody
 * catches it (then the process ends, with the kernel's line).
 */
static bool fault_to_signal(struct pt_regs *regs)
{
	uint64_t addr = regs->rip;
	int sig, code = SI_KERNEL;

	switch (regs->vector) {
	case X86_TRAP_PF:
		/* As Linux: ACCERR where a region forbids the access, MAPERR
		 * where there is none; and a user access to the kernel half
		 * reads as a protection fault, whether anything is mapped
		 * there or not (Linux's __bad_area_nosemaphore: the error
		 * code must not tell what the kernel maps). */
		sig = SIGSEGV;
		addr = read_cr2();
		code = addr < USER_SPACE_END && vma_find(current->as, addr)
			       ? SEGV_ACCERR
			       : SEGV_MAPERR;
		if (addr >= USER_SPACE_END)
			regs->error_code |= PF_PRESENT;
		break;
	case X86_TRAP_UD:
		sig = SIGILL;
		code = ILL_ILLOPN;
		break;
	case X86_TRAP_DE:
		sig = SIGFPE;
		code = FPE_INTDIV;
		break;
	case X86_TRAP_XM:
	case X86_TRAP_MF:
		sig = SIGFPE;
		code = FPE_FLTINV;
		break;
	case X86_TRAP_BP:
		sig = SIGTRAP; /* int3: SI_KERNEL, as Linux */
		addr = 0;
		break;
	case X86_TRAP_DB:
		sig = SIGTRAP;
		code = TRAP_TRACE;
		break;
	case X86_TRAP_AC:
		sig = SIGBUS;
		code = BUS_ADRALN;
		break;
	default: /* #GP, #SS, #NP and the rest */
		sig = SIGSEGV;
		addr = 0;
		break;
	}
	return signal_fault(regs, sig, code, addr);
}

/**
 * trap_handler - the C side of every exception (called from entry.S)
 * @regs: the interrupted context; changes to it take effect on return
 */
void trap_handler(struct pt_regs *regs)
{
	unsigned int vector = regs->vector;

	if (vector < NR_EXCEPTIONS)
		counts[vector]++;

	if (vector >= PIC_VECTOR_BASE) {
		irq_handler(regs);
		return;
	}
	if (vector == X86_TRAP_NMI) {
		printk("NMI received at %#lx, continuing\n", regs->rip);
		return;
	}
	/* Any exception in ring 3 ends the task that raised it, with one
	 * line on the console; nothing else is affected. */
	if (user_mode(regs)) {
		if (!current)
			die("exception in ring 3 with no task", regs);
		if (vector == X86_TRAP_NM && fpu_device_not_available())
			return;
		if (vector == X86_TRAP_PF && vm_handle_page_fault(regs))
			return;
		if (fault_to_signal(regs))
			return; /* its handler runs next */
		task_kill_fault(regs);
	}
	/* A user-copy routine touching a page that comes on first touch. */
	if (vector == X86_TRAP_PF && vm_handle_page_fault(regs))
		return;

	switch (vector) {
	case X86_TRAP_BP:
		/* int3 is a trap: RIP already points past it. Carry on. */
		if (!catch_record)
			printk("#BP breakpoint at %#lx, continuing\n",
			       regs->rip - 1);
		return;
	case X86_TRAP_DB:
		/* Single-step traps that user code aimed at kernel entries. */
		if (syscall_debug_trap(regs))
			return;
		break;
	}
	if (fixup_kernel_fault(regs))
		return;
	die(exception_name(vector), regs);
}
