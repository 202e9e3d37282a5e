/* SPDX-License-Identifier: MIT */
/*
 * Program entry. The kernel starts a program here with RSP pointing at
 * argc, then argv[], NULL, envp[] NULL, auxv (System V x86-64 psABI,
 * 3.4.1), all other registers zero. main's return value goes to exit().
 */
	.text
	.globl _start
_start:
	xorl %ebp, %ebp			/* outermost frame */
	movq (%rsp), %rdi		/* argc */
	leaq 8(%rsp), %rsi		/* argv */
	andq $-16, %rsp			/* the ABI's call alignment */
	call __libc_start
	movl %eax, %edi
	call exit
	ud2

	.section .note.GNU-stack, "", @progbits
