/* SPDX-License-Identifier: MIT */
/*
 * Exception entry: build a struct pt_regs on the stack, call the C
 * handler, take it down again and return with IRETQ.
 *
 * All decisions are made in C (kernel/traps.c). The field offsets come from
 * the generated asm-offsets.h, so this file follows struct pt_regs in
 * include/kernel/ptrace.h if that ever changes.
 */
#include <generated/asm-offsets.h>
#include <kernel/segment.h>
#include <kernel/trap.h>

/* The CPU's part of the frame is fixed: check pt_regs agrees with it. */
.if (PT_ERROR_CODE != PT_VECTOR + 8) || (PT_RIP != PT_ERROR_CODE + 8)
.error "pt_regs: vector, error_code and rip must be adjacent"
.endif
.if (PT_CS != PT_RIP + 8) || (PT_RFLAGS != PT_CS + 8) || (PT_RSP != PT_RFLAGS + 8) || (PT_SS != PT_RSP + 8) || (PT_SIZE != PT_SS + 8)
.error "pt_regs: rip, cs, rflags, rsp, ss must end the frame as the CPU pushes them"
.endif

/*
 * On entry %rsp points at pt_regs.vector; make room for the general
 * registers below it and store each into its field.
 */
.macro SAVE_REGS
	subq $PT_VECTOR, %rsp
	movq %rdi, PT_RDI(%rsp)
	movq %rsi, PT_RSI(%rsp)
	movq %rdx, PT_RDX(%rsp)
	movq %rcx, PT_RCX(%rsp)
	movq %rax, PT_RAX(%rsp)
	movq %r8, PT_R8(%rsp)
	movq %r9, PT_R9(%rsp)
	movq %r10, PT_R10(%rsp)
	movq %r11, PT_R11(%rsp)
	movq %rbx, PT_RBX(%rsp)
	movq %rbp, PT_RBP(%rsp)
	movq %r12, PT_R12(%rsp)
	movq %r13, PT_R13(%rsp)
	movq %r14, PT_R14(%rsp)
	movq %r15, PT_R15(%rsp)
.endm

/* The reverse: load every general register, leave %rsp at pt_regs.vector. */
.macro RESTORE_REGS
	movq PT_R15(%rsp), %r15
	movq PT_R14(%rsp), %r14
	movq PT_R13(%rsp), %r13
	movq PT_R12(%rsp), %r12
	movq PT_RBP(%rsp), %rbp
	movq PT_RBX(%rsp), %rbx
	movq PT_R11(%rsp), %r11
	movq PT_R10(%rsp), %r10
	movq PT_R9(%rsp), %r9
	movq PT_R8(%rsp), %r8
	movq PT_RAX(%rsp), %rax
	movq PT_RCX(%rsp), %rcx
	movq PT_RDX(%rsp), %rdx
	movq PT_RSI(%rsp), %rsi
	movq PT_RDI(%rsp), %rdi
	addq $PT_VECTOR, %rsp
.endm

/*
 * One stub per exception vector. Where the CPU pushes no error code the
 * stub pushes 0, so every frame has the same shape.
 */
.macro EXCEPTION_STUB vec
	.balign 16
isr_\vec:
	.if ((EXC_ERRCODE_MASK >> \vec) & 1) == 0
	pushq $0			/* pt_regs.error_code */
	.endif
	pushq $\vec			/* pt_regs.vector */
	jmp exception_common
.endm

	.section .text
	.irp vec, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	EXCEPTION_STUB \vec
	.endr

exception_common:
	SAVE_REGS
	cld				/* the C ABI wants DF clear */
	movq %rsp, %rdi
	call trap_handler
	RESTORE_REGS
	addq $(PT_RIP - PT_VECTOR), %rsp	/* drop vector and error_code */
	iretq

	.section .rodata
	.balign 8
	.globl exception_stubs
exception_stubs:
	.irp vec, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad isr_\vec
	.endr
	.if (. - exception_stubs) != NR_EXCEPTIONS_ASM * 8
	.error "exception_stubs must have one entry per exception vector"
	.endif

	.section .note.GNU-stack, "", @progbits
