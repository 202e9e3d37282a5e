/* SPDX-License-Identifier: MIT */
/*
 * Exception entry: build a struct pt_regs on the stack, call the C
 * handler, take it down again and return with IRETQ.
 *
 * All decisions are made in C (kernel/arch/traps.c). The field offsets come from
 * the generated asm-offsets.h, so this file follows struct pt_regs in
 * include/kernel/ptrace.h if that ever changes.
 */
#include <generated/asm-offsets.h>
#include <kernel/msr.h>
#include <kernel/segment.h>
#include <kernel/syscall.h>
#include <kernel/trap.h>

/* The CPU's part of the frame is fixed: check pt_regs agrees with it. */
.if (PT_ERROR_CODE != PT_VECTOR + 8) || (PT_RIP != PT_ERROR_CODE + 8)
.error "pt_regs: vector, error_code and rip must be adjacent"
.endif
.if (PT_CS != PT_RIP + 8) || (PT_RFLAGS != PT_CS + 8) || (PT_RSP != PT_RFLAGS + 8) || (PT_SS != PT_RSP + 8) || (PT_SIZE != PT_SS + 8)
.error "pt_regs: rip, cs, rflags, rsp, ss must end the frame as the CPU pushes them"
.endif

/* The general registers are pushed, so their fields must lie in push
 * order below pt_regs.vector. */
.if (PT_RDI != PT_VECTOR - 8) || (PT_RSI != PT_RDI - 8) || (PT_RDX != PT_RSI - 8) || (PT_RCX != PT_RDX - 8) || (PT_RAX != PT_RCX - 8)
.error "pt_regs: rdi, rsi, rdx, rcx, rax must lie below vector in this order"
.endif
.if (PT_R8 != PT_RAX - 8) || (PT_R9 != PT_R8 - 8) || (PT_R10 != PT_R9 - 8) || (PT_R11 != PT_R10 - 8) || (PT_RBX != PT_R11 - 8)
.error "pt_regs: r8, r9, r10, r11, rbx must follow rax in this order"
.endif
.if (PT_RBP != PT_RBX - 8) || (PT_R12 != PT_RBP - 8) || (PT_R13 != PT_R12 - 8) || (PT_R14 != PT_R13 - 8) || (PT_R15 != PT_R14 - 8) || (PT_R15 != 0)
.error "pt_regs: rbp, r12, r13, r14, r15 must follow rbx and end at offset 0"
.endif

/*
 * On entry %rsp points at pt_regs.vector; push the general registers
 * below it, each into its field. @rdx: what to store as pt_regs.rdx
 * (SYSENTER's third argument arrives in R11).
 */
.macro SAVE_REGS rdx=%rdx
	pushq %rdi
	pushq %rsi
	pushq \rdx
	pushq %rcx
	pushq %rax
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

/* The reverse: pop every general register, leave %rsp at pt_regs.vector. */
.macro RESTORE_REGS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbp
	popq %rbx
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rax
	popq %rcx
	popq %rdx
	popq %rsi
	popq %rdi
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
	/* The 16 legacy PIC lines (kernel/arch/pic.c): no error codes. */
	.irp vec, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
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

/* ------------------------------------------------------------------ */
/* System calls: three ways in, one frame, one dispatcher, three ways out.
 * docs/syscalls.md draws the path and counts its instructions (section
 * 8). Each entry builds the same pt_regs as an exception (the CPU's part
 * by hand where the CPU pushes nothing), clears the flags the kernel
 * must not run with, and calls system_call_function(regs), which says
 * how to go back: RETURN_FAST, by the entry's own instruction, or the
 * slow way, ret_system_call.                                           */

/* Whatever the user left in RFLAGS, the kernel runs with NT, AC, DF, TF
 * and IF clear (IF stays clear: the kernel is not preemptible yet). */
.macro CLEAR_KERNEL_FLAGS
	pushq $RFLAGS_FIXED
	popfq
.endm

/*
 * The fast way out loads only the registers C code may have changed: the
 * System V ABI's caller-saved ones. RBX, RBP and R12-R15 still hold the
 * user's values, because every C function saves and restores them, and
 * nothing rewrote the frame (system_call_function checked). RCX and R11
 * are each entry's own business, below.
 */
.macro RESTORE_CALLER_SAVED load_rdx=1
	movq PT_R10(%rsp), %r10
	movq PT_R9(%rsp), %r9
	movq PT_R8(%rsp), %r8
	movq PT_RDI(%rsp), %rdi
	movq PT_RSI(%rsp), %rsi
	.if \load_rdx
	movq PT_RDX(%rsp), %rdx
	.endif
	movq PT_RAX(%rsp), %rax
.endm

/*
 * SYSENTER lands here (IA32_SYSENTER_EIP) with RSP = IA32_SYSENTER_ESP,
 * CS/SS from IA32_SYSENTER_CS, IF cleared, and nothing of the user's
 * state saved. By this kernel's convention the user put its return
 * address in RDX and its stack pointer in RCX, and the third argument
 * in R11 (<uapi/syscall.h>).
 * A user TF is still set here: the #DB it raises on this very first
 * instruction is handled by syscall_debug_trap().
 */
	.globl system_call
system_call:
	pushq $USER_DS_SYSEXIT		/* pt_regs.ss */
	pushq %rcx			/* pt_regs.rsp: the user's RSP */
	pushfq				/* pt_regs.rflags: the user's... */
	orq $RFLAGS_IF, (%rsp)		/* ...with the IF SYSENTER cleared */
	pushq $USER_CS			/* pt_regs.cs */
	pushq %rdx			/* pt_regs.rip: the user's return address */
	pushq %rax			/* pt_regs.orig_rax: the number */
	pushq $ENTRY_SYSENTER		/* pt_regs.vector */
	SAVE_REGS rdx=%r11		/* argument 3, where the handlers read it */
	CLEAR_KERNEL_FLAGS
	movq %rsp, %rdi
	call system_call_function
	testl %eax, %eax		/* RETURN_FAST? */
	jnz ret_system_call
	RESTORE_CALLER_SAVED load_rdx=0	/* RDX gets SYSEXIT's RIP */
	movq PT_R11(%rsp), %r11
	movq PT_RIP(%rsp), %rdx		/* SYSEXIT's RIP */
	movq PT_RSP(%rsp), %rcx		/* SYSEXIT's RSP */
	/* SYSEXIT does not load RFLAGS: restore the user's here. IF comes
	 * back on one instruction early; an interrupt there lands below
	 * the frame, which is harmless. */
	pushq PT_RFLAGS(%rsp)
	popfq
	sysexitq			/* REX.W: CS = SYSENTER_CS+32, SS = +40 */

/* int $0x80: an interrupt gate of DPL 3; the CPU pushed the frame. */
	.globl entry_int80
entry_int80:
	pushq %rax			/* pt_regs.orig_rax: the number */
	pushq $ENTRY_INT80		/* pt_regs.vector */
	SAVE_REGS
	CLEAR_KERNEL_FLAGS
	movq %rsp, %rdi
	call system_call_function
	testl %eax, %eax		/* RETURN_FAST? */
	jnz ret_system_call
	RESTORE_CALLER_SAVED
	movq PT_RCX(%rsp), %rcx		/* int $0x80 keeps every register */
	movq PT_R11(%rsp), %r11
	addq $PT_RIP, %rsp		/* to the frame the CPU pushed */
	iretq

/*
 * SYSCALL lands here (LSTAR) with RCX = user RIP, R11 = user RFLAGS, the
 * FMASK bits cleared, and RSP still the user's. One CPU and IF clear, so
 * a plain variable holds the user RSP while the kernel stack is loaded.
 * (NMI and #MC run on IST stacks: they never use this RSP.)
 */
	.globl entry_syscall_64
entry_syscall_64:
	movq %rsp, syscall_user_rsp(%rip)
	movq syscall_kernel_rsp(%rip), %rsp
	pushq $USER_DS			/* pt_regs.ss */
	pushq syscall_user_rsp(%rip)	/* pt_regs.rsp */
	pushq %r11			/* pt_regs.rflags */
	pushq $USER_CS			/* pt_regs.cs */
	pushq %rcx			/* pt_regs.rip */
	pushq %rax			/* pt_regs.orig_rax: the number */
	pushq $ENTRY_SYSCALL		/* pt_regs.vector */
	SAVE_REGS
	movq %rsp, %rdi
	call system_call_function
	testl %eax, %eax		/* RETURN_FAST? */
	jnz ret_system_call
	RESTORE_CALLER_SAVED
	movq PT_RIP(%rsp), %rcx		/* SYSRET's RIP */
	movq PT_RFLAGS(%rsp), %r11	/* and RFLAGS */
	movq PT_RSP(%rsp), %rsp
	sysretq				/* REX.W: back to 64-bit code */

/*
 * ret_system_call: the slow way back, every register restored. %eax says
 * how to leave (RETURN_*). system_call_function has already checked that
 * SYSRET or SYSEXIT is safe for this frame and set RCX/R11 (SYSRET) or
 * RCX/RDX (SYSEXIT) in it to what they need.
 */
	.globl ret_system_call
ret_system_call:
	cmpl $RETURN_SYSRET, %eax
	je 1f
	cmpl $RETURN_SYSEXIT, %eax
	je 2f
	RESTORE_REGS
	addq $(PT_RIP - PT_VECTOR), %rsp
	iretq

1:	RESTORE_REGS			/* RCX = user RIP, R11 = user RFLAGS */
	movq (PT_RSP - PT_VECTOR)(%rsp), %rsp
	sysretq				/* REX.W: back to 64-bit code */

2:	RESTORE_REGS			/* RDX = user RIP, RCX = user RSP */
	/* As above: the user's RFLAGS, IF on one instruction early. */
	pushq (PT_RFLAGS - PT_VECTOR)(%rsp)
	popfq
	sysexitq

#ifdef CONFIG_BENCH
/*
 * `make bench` only: the floor each entry is measured against. The entry
 * instruction goes straight to its return instruction; nothing is saved
 * and nothing is checked, so these never exist outside a benchmark build.
 */
	.globl bench_floor_syscall, bench_floor_sysenter, bench_floor_int80
bench_floor_syscall:
	sysretq				/* RCX, R11 still hold RIP, RFLAGS */
bench_floor_sysenter:
	sti				/* SYSENTER cleared IF; SYSEXIT won't set it */
	sysexitq			/* RDX, RCX: the caller's RIP, RSP */
bench_floor_int80:
	iretq
#endif

/*
 * ret_to_user(regs): start ring 3 from a frame built in C (a new task).
 * @regs must be at the top of the task's kernel stack.
 */
	.globl ret_to_user
ret_to_user:
	movq %rdi, %rsp
	RESTORE_REGS
	addq $(PT_RIP - PT_VECTOR), %rsp
	iretq

/*
 * switch_context(&old_rsp, new_rsp): the kernel's context switch. Save
 * the callee-saved registers on this stack and its RSP in *old_rsp, load
 * new_rsp and pop the registers saved there; `ret` then continues
 * wherever that stack last called switch_context. Everything else of a
 * context is either caller-saved (the C compiler already saved what it
 * needs) or in the pt_regs at the top of each process's kernel stack.
 */
	.globl switch_context
switch_context:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

/*
 * A new process's first switch_context "returns" here (kernel/proc/proc.c
 * puts this address in its initial switch frame), with RSP at the
 * pt_regs the process will start from: finish making it in its own
 * memory (schedule_tail, kernel/proc/clone.c), then go to ring 3.
 */
	.globl ret_from_fork
ret_from_fork:
	movq %rsp, %rdi
	call schedule_tail
	movq %rsp, %rdi
	jmp ret_to_user

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
	.globl irq_stubs
irq_stubs:
	.irp vec, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	.quad isr_\vec
	.endr

	.section .note.GNU-stack, "", @progbits
