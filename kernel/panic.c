// SPDX-License-Identifier: MIT
/*
 * Kernel panics and fault reports.
 *
 * die() prints everything needed to find a bug from a serial log alone:
 * the exception, its error code decoded, CR2 for page faults, every
 * register, the control registers and a symbolized backtrace. The last
 * line always starts with "KERNEL PANIC:", which tests/run.py looks for.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <kernel/cmdline.h>
#include <kernel/console.h>
#include <kernel/multiboot2.h>
#include <kernel/io.h>
#include <kernel/ktest.h>
#include <kernel/mmu.h>
#include <kernel/panic.h>
#include <kernel/paging.h>
#include <kernel/stack.h>
#include <kernel/trap.h>
#include <lib/printf.h>
#include <lib/string.h>

static int panicking;

/* In test runs, end the emulator, unless "panic=halt" asks to keep the
 * screen up (the screen test photographs a panic). */
static __attribute__((noreturn)) void stop(void)
{
	char how[8];

	if (ktest_mode && !(cmdline_get(boot_info.cmdline, "panic", how,
					sizeof(how)) &&
			    !strcmp(how, "halt")))
		test_machine_exit(QEMU_EXIT_PANIC);
	halt_forever();
}

/* A frame pointer worth following: inside a kernel stack, below its top,
 * never on a guard page. Following a bad one would fault inside the report. */
static bool frame_on_kernel_stack(uint64_t fp)
{
	uint64_t start = (uint64_t)__stacks_start;
	uint64_t end = (uint64_t)__stacks_end;
	uint64_t in_stack;

	if (fp >= KSTACK_REGION && fp < KSTACK_REGION +
	    (uint64_t)KSTACK_SLOTS * GUARDED_STACK_SIZE && !(fp & 7)) {
		/* A process's kernel stack: the slot's first page is the guard,
		 * and it must be mapped (the process may have ended). */
		uint64_t size;

		in_stack = (fp - KSTACK_REGION) % GUARDED_STACK_SIZE;
		return in_stack >= PAGE_SIZE &&
		       in_stack + 16 <= GUARDED_STACK_SIZE &&
		       paging_lookup(fp, &size) && paging_lookup(fp + 8, &size);
	}
	if (fp < start || fp >= end || (fp & 7))
		return false;
	in_stack = (fp - start) % GUARDED_STACK_SIZE;
	return in_stack >= PAGE_SIZE && in_stack + 16 <= GUARDED_STACK_SIZE;
}

static void print_address(const char *prefix, uint64_t addr)
{
	uint64_t off;
	const char *name = symbol_lookup(addr, &off);

	if (name)
		printk("%s%016lx <%s+%#lx>\n", prefix, addr, name, off);
	else
		printk("%s%016lx <?>\n", prefix, addr);
}

/*
 * A return address is the instruction after a call. The function is
 * looked up by the byte before it, so that a call that ends its function
 * (a call to a noreturn function) is still named after its caller.
 */
void print_return_address(uint64_t ret)
{
	uint64_t off;
	const char *name = symbol_lookup(ret - 1, &off);

	if (name)
		printk("  %016lx <%s+%#lx>\n", ret, name, off + 1);
	else
		printk("  %016lx <?>\n", ret);
}

/**
 * print_backtrace - follow a frame-pointer chain and name each return address
 * @rbp: the frame pointer to start from
 *
 * The kernel is built with -fno-omit-frame-pointer, so each frame starts
 * with the caller's RBP followed by the return address. boot/boot.S clears
 * RBP before kmain, which ends the chain.
 */
void print_backtrace(uint64_t rbp)
{
	for (int depth = 0; depth < 32 && frame_on_kernel_stack(rbp); depth++) {
		const uint64_t *frame = (const uint64_t *)rbp;
		uint64_t next = frame[0], ret = frame[1];

		if (!ret)
			break;
		print_return_address(ret);
		if (next <= rbp)
			break; /* frames only go up; anything else is corrupt */
		rbp = next;
	}
}

static void describe_error_code(const struct pt_regs *regs)
{
	uint64_t e = regs->error_code;

	if (regs->vector == X86_TRAP_PF) {
		printk("error code: %#lx (%s, %s, %s%s)\n", e,
		       e & PF_PRESENT ? "protection violation" : "not present",
		       e & PF_INSTR ? "instruction fetch"
		       : e & PF_WRITE ? "write" : "read",
		       e & PF_USER ? "user" : "kernel",
		       e & PF_RSVD ? ", reserved bit set" : "");
		printk("CR2: %016lx (the faulting address)\n", read_cr2());
	} else if (exception_has_error_code(regs->vector)) {
		printk("error code: %#lx%s\n", e,
		       e ? (e & 2 ? " (IDT entry)" : " (segment selector)")
			 : "");
	} else {
		printk("error code: none\n");
	}
}

/**
 * die - report a fatal exception and stop
 * @what: a one-line description ("#PF page fault")
 * @regs: the frame of the exception
 */
void die(const char *what, struct pt_regs *regs)
{
	uint64_t off;

	if (panicking++) {
		printk("\nKERNEL PANIC: nested exception %lu at %#lx while "
		       "reporting a panic\n",
		       regs->vector, regs->rip);
		stop();
	}

	color_printk(RED, BLACK, "\n*** kernel exception: %s (vector %lu) in ring %lu ***\n",
		     what, regs->vector, regs->cs & 3);
	describe_error_code(regs);
	print_address("RIP: ", regs->rip);
	printk("RSP: %016lx  RFLAGS: %016lx  CS: %04lx  SS: %04lx\n",
	       regs->rsp, regs->rflags, regs->cs, regs->ss);
	printk("RAX: %016lx  RBX: %016lx  RCX: %016lx\n", regs->rax, regs->rbx,
	       regs->rcx);
	printk("RDX: %016lx  RSI: %016lx  RDI: %016lx\n", regs->rdx, regs->rsi,
	       regs->rdi);
	printk("RBP: %016lx  R8:  %016lx  R9:  %016lx\n", regs->rbp, regs->r8,
	       regs->r9);
	printk("R10: %016lx  R11: %016lx  R12: %016lx\n", regs->r10, regs->r11,
	       regs->r12);
	printk("R13: %016lx  R14: %016lx  R15: %016lx\n", regs->r13, regs->r14,
	       regs->r15);
	printk("CR0: %016lx  CR2: %016lx  CR3: %016lx  CR4: %016lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
	printk("Backtrace:\n");
	print_address("  ", regs->rip);
	/* Faulted on a function's first instruction: its frame is not set
	 * up yet, and the return address is still on top of the stack. */
	if (symbol_lookup(regs->rip, &off) && off == 0 &&
	    frame_on_kernel_stack(regs->rsp))
		print_return_address(*(const uint64_t *)regs->rsp);
	print_backtrace(regs->rbp);
	color_printk(RED, BLACK, "KERNEL PANIC: %s at %#lx\n", what, regs->rip);
	stop();
}

/**
 * panic - stop the kernel with a message and a backtrace of the caller
 */
void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	__asm__ volatile("cli");
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!panicking++) {
		printk("Backtrace:\n");
		print_backtrace((uint64_t)__builtin_frame_address(0));
	}
	color_printk(RED, BLACK, "KERNEL PANIC: %s\n", msg);
	stop();
}
