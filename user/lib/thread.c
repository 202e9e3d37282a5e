// SPDX-License-Identifier: MIT
/*
 * clone_thread: start a thread (or any clone child) that runs a function
 * on a stack of its own.
 *
 * The child of clone() returns from the system call on the stack it was
 * given, where no C function has a frame to return to. So the whole of
 * it, the call and the child's side, is one piece of assembly: the
 * parent gets clone's return value; the child calls fn(arg) and ends
 * with exit(its value), which ends that thread only. By int 0x80, which
 * every CPU has.
 */
#include "user.h"

long clone_thread(unsigned long flags, void *stack_top, int *child_tid,
		  int (*fn)(void *), void *arg)
{
	register long r10 __asm__("r10") = (long)child_tid;
	register long r8 __asm__("r8") = 0; /* tls: not with CLONE_SETTLS */
	register long r9 __asm__("r9") = (long)fn;
	register long r12 __asm__("r12") = (long)arg;
	long ret;

	__asm__ volatile("int $0x80\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 /* The child, on stack_top: a fresh frame chain. */
			 "xor %%ebp, %%ebp\n\t"
			 "mov %%r12, %%rdi\n\t"
			 "call *%%r9\n\t"
			 "mov %%eax, %%edi\n\t"
			 "mov %[exit], %%eax\n\t"
			 "int $0x80\n\t"
			 "ud2\n"
			 "1:"
			 : "=a"(ret)
			 : "a"((long)__NR_clone), "D"(flags), "S"(stack_top),
			   "d"(0l), "r"(r10), "r"(r8), "r"(r9), "r"(r12),
			   [exit] "i"(__NR_exit)
			 : "rcx", "r11", "memory");
	return ret;
}
