/* SPDX-License-Identifier: MIT */
/*
 * The three ways into the kernel, as C-callable functions:
 *
 *   long __syscall_X(long nr, long a1, ..., long a6)
 *
 * C passes nr, a1..a5 in rdi, rsi, rdx, rcx, r8, r9 and a6 on the stack;
 * each function moves them to the registers of the system call ABI
 * (include/uapi/syscall.h) and executes its instruction.
 */
	.text

/* SYSCALL and int $0x80: rax = nr; rdi, rsi, rdx, r10, r8, r9. */
.macro LINUX_ARGS
	movq %rdi, %rax
	movq %rsi, %rdi
	movq %rdx, %rsi
	movq %rcx, %rdx
	movq %r8, %r10
	movq %r9, %r8
	movq 8(%rsp), %r9
.endm

	.globl __syscall_syscall
__syscall_syscall:
	LINUX_ARGS
	syscall				/* clobbers rcx, r11 */
	ret

	.globl __syscall_int80
__syscall_int80:
	LINUX_ARGS
	int $0x80
	ret

/*
 * SYSENTER: the kernel learns where to return only from us: the return
 * address goes in RDX and the stack pointer in RCX, so the third argument
 * travels in R11 instead of RDX.
 */
	.globl __syscall_sysenter
__syscall_sysenter:
	movq %rdi, %rax
	movq %rsi, %rdi
	movq %rdx, %rsi
	movq %rcx, %r11			/* argument 3 */
	movq %r8, %r10
	movq %r9, %r8
	movq 8(%rsp), %r9
	leaq 1f(%rip), %rdx		/* return address */
	movq %rsp, %rcx			/* return stack */
	sysenter
1:	ret

	.section .note.GNU-stack, "", @progbits
