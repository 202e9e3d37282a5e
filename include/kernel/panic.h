/* SPDX-License-Identifier: MIT */
/*
 * Stopping the kernel. Every path ends in one line that starts with
 * "KERNEL PANIC:", which the test runner looks for.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <kernel/ptrace.h>

__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt,
							   ...);
/* Print a full register and backtrace report for @regs, then panic. */
__attribute__((noreturn)) void die(const char *what, struct pt_regs *regs);

void print_backtrace(uint64_t rbp);
/* "  address <function+offset>" for a return address. */
void print_return_address(uint64_t ret);

/* Symbol lookup in the table the build embeds (kernel/symbols.c). */
const char *symbol_lookup(uint64_t addr, uint64_t *offset);

#endif
