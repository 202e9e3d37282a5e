/* SPDX-License-Identifier: MIT */
/*
 * Kernel stacks. Each lives in the .bss.stacks section behind an unmapped
 * guard page, so that running off the bottom faults instead of silently
 * overwriting whatever lies below.
 */
#ifndef KERNEL_STACK_H
#define KERNEL_STACK_H

#include <kernel/mmu.h>

#define KSTACK_SIZE (4 * PAGE_SIZE)
#define GUARDED_STACK_SIZE (PAGE_SIZE + KSTACK_SIZE)
#define GUARDED_STACK_TOP_OFFSET GUARDED_STACK_SIZE

#ifndef __ASSEMBLER__
#include <stdint.h>

struct guarded_stack {
	uint8_t guard[PAGE_SIZE]; /* unmapped by kernel/mm/paging.c */
	uint8_t stack[KSTACK_SIZE];
} __attribute__((aligned(PAGE_SIZE)));

_Static_assert(sizeof(struct guarded_stack) == GUARDED_STACK_SIZE,
	       "guarded stack layout");

#define DEFINE_GUARDED_STACK(name)                                             \
	struct guarded_stack name __attribute__((section(".bss.stacks")))

static inline uintptr_t stack_top(struct guarded_stack *s)
{
	return (uintptr_t)(s->stack + KSTACK_SIZE);
}

extern struct guarded_stack boot_kernel_stack;
extern struct guarded_stack __stacks_start[], __stacks_end[];
#endif

#endif
