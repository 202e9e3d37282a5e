/* SPDX-License-Identifier: MIT */
/*
 * struct pt_regs: the register frame every entry into the kernel builds on
 * the kernel stack (exceptions and interrupts now; SYSENTER, int 0x80 and
 * SYSCALL in the system call path). Defined here once. kernel/arch/entry.S gets
 * the field offsets from build/include/generated/asm-offsets.h, which the
 * build makes from kernel/arch/asm-offsets.c, never by hand.
 *
 * The order matches Linux's x86-64 pt_regs: the last five fields are the
 * frame the CPU pushes itself (IRETQ pops them), error_code sits just below
 * it where the CPU leaves an error code, and vector just below that.
 */
#ifndef KERNEL_PTRACE_H
#define KERNEL_PTRACE_H

#ifndef __ASSEMBLER__
#include <stdint.h>

struct pt_regs {
	/* callee-saved in the System V ABI */
	uint64_t r15;
	uint64_t r14;
	uint64_t r13;
	uint64_t r12;
	uint64_t rbp;
	uint64_t rbx;
	/* caller-saved */
	uint64_t r11;
	uint64_t r10;
	uint64_t r9;
	uint64_t r8;
	uint64_t rax;
	uint64_t rcx;
	uint64_t rdx;
	uint64_t rsi;
	uint64_t rdi;
	/* pushed by the entry stub */
	uint64_t vector;     /* exception/interrupt vector, or ENTRY_* */
	union {
		uint64_t error_code; /* from the CPU, or 0 pushed by the stub */
		uint64_t orig_rax;   /* a system call's number (Linux's
				      * orig_ax): RAX gets the result */
	};
	/* pushed by the CPU */
	uint64_t rip;
	uint64_t cs;
	uint64_t rflags;
	uint64_t rsp;
	uint64_t ss;
};

#define PT_REGS_SIZE (22 * 8)
_Static_assert(sizeof(struct pt_regs) == PT_REGS_SIZE,
	       "pt_regs must stay 22 quadwords: entry.S builds it");

static inline int user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}
#endif

#endif
