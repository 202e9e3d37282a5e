// SPDX-License-Identifier: MIT
/*
 * Turned into build/include/generated/asm-offsets.h at build time (Linux's
 * asm-offsets trick): this file is compiled to assembly, and each DEFINE
 * leaves a "->SYM value" marker that the Makefile's sed script turns into
 * "#define SYM value". It is never linked.
 */
#include <stddef.h>

#include <kernel/ptrace.h>
#include <kernel/trap.h>

#define DEFINE(sym, val)                                                       \
	__asm__ volatile("\n.ascii \"->" #sym " %0\"" : : "i"(val))
#define OFFSET(sym, type, member) DEFINE(sym, offsetof(struct type, member))

void asm_offsets(void);
void asm_offsets(void)
{
	OFFSET(PT_R15, pt_regs, r15);
	OFFSET(PT_R14, pt_regs, r14);
	OFFSET(PT_R13, pt_regs, r13);
	OFFSET(PT_R12, pt_regs, r12);
	OFFSET(PT_RBP, pt_regs, rbp);
	OFFSET(PT_RBX, pt_regs, rbx);
	OFFSET(PT_R11, pt_regs, r11);
	OFFSET(PT_R10, pt_regs, r10);
	OFFSET(PT_R9, pt_regs, r9);
	OFFSET(PT_R8, pt_regs, r8);
	OFFSET(PT_RAX, pt_regs, rax);
	OFFSET(PT_RCX, pt_regs, rcx);
	OFFSET(PT_RDX, pt_regs, rdx);
	OFFSET(PT_RSI, pt_regs, rsi);
	OFFSET(PT_RDI, pt_regs, rdi);
	OFFSET(PT_VECTOR, pt_regs, vector);
	OFFSET(PT_ERROR_CODE, pt_regs, error_code);
	OFFSET(PT_RIP, pt_regs, rip);
	OFFSET(PT_CS, pt_regs, cs);
	OFFSET(PT_RFLAGS, pt_regs, rflags);
	OFFSET(PT_RSP, pt_regs, rsp);
	OFFSET(PT_SS, pt_regs, ss);
	DEFINE(PT_SIZE, sizeof(struct pt_regs));
	DEFINE(NR_EXCEPTIONS_ASM, NR_EXCEPTIONS);
}
