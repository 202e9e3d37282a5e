// SPDX-License-Identifier: MIT
/*
 * startregs: a new program must start with every general register zero
 * except RSP, and RFLAGS = 0x202 (IF and the always-one bit), so nothing
 * of the kernel or of another program leaks into it (HOSTILE.md 8).
 * Exits 0 if so. Has its own _start: crt0 would change the registers.
 */
#include "user.h"

/* Written by _start below, so not static: the compiler must not assume
 * that nothing writes it. */
uint64_t at_start[17]; /* rax..r15 as below, then rflags */
static const char *const names[16] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

__asm__(".text\n"
	".globl _start\n"
	"_start:\n\t"
	"movq %rax, at_start + 0(%rip)\n\t"
	"movq %rbx, at_start + 8(%rip)\n\t"
	"movq %rcx, at_start + 16(%rip)\n\t"
	"movq %rdx, at_start + 24(%rip)\n\t"
	"movq %rsi, at_start + 32(%rip)\n\t"
	"movq %rdi, at_start + 40(%rip)\n\t"
	"movq %rbp, at_start + 48(%rip)\n\t"
	"movq %rsp, at_start + 56(%rip)\n\t"
	"movq %r8, at_start + 64(%rip)\n\t"
	"movq %r9, at_start + 72(%rip)\n\t"
	"movq %r10, at_start + 80(%rip)\n\t"
	"movq %r11, at_start + 88(%rip)\n\t"
	"movq %r12, at_start + 96(%rip)\n\t"
	"movq %r13, at_start + 104(%rip)\n\t"
	"movq %r14, at_start + 112(%rip)\n\t"
	"movq %r15, at_start + 120(%rip)\n\t"
	"pushfq\n\t"
	"popq at_start + 128(%rip)\n\t"
	"call check_start\n\t"
	"ud2\n");

__attribute__((used, noreturn)) static void check_start(void)
{
	int bad = 0;

	syscall_use_entry(SYSCALL_ENTRY_INT80);
	for (int i = 0; i < 16; i++) {
		if (i == 7) /* rsp: a user stack address, 16-byte aligned */
			continue;
		if (at_start[i]) {
			printf("startregs: %s = %#lx at start\n", names[i],
			       at_start[i]);
			bad++;
		}
	}
	if (at_start[7] % 16 || at_start[7] >= 0x0000800000000000ull ||
	    at_start[7] < 0x10000) {
		printf("startregs: rsp = %#lx at start\n", at_start[7]);
		bad++;
	}
	if (at_start[16] != 0x202) {
		printf("startregs: rflags = %#lx at start\n", at_start[16]);
		bad++;
	}
	exit(bad);
}
