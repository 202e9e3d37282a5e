// SPDX-License-Identifier: MIT
/*
 * Tests that end the boot, so each runs alone, named on the command line.
 * tests/run.py knows what each must produce:
 *
 *   panic_report         an unexpected kernel #PF: full report, exit 37
 *   stack_overflow       runaway recursion hits the guard page; the #DF
 *                        runs on its IST stack and reports, exit 37
 *   selftest_triple_fault, selftest_hang
 *                        broken on purpose: the runner must call them
 *                        failures (exit status 0, timeout)
 */
#include <kernel/io.h>
#include <kernel/ktest.h>
#include <kernel/gdt.h>

__attribute__((noinline)) static void trigger_unhandled_page_fault(void)
{
	*(volatile uint64_t *)0xdead000 = 1;
}

KTEST_FLAGS(panic_report, KTEST_ALONE)
{
	trigger_unhandled_page_fault();
	ktest_fail(__FILE__, __LINE__, "the page fault did not stop the kernel");
}

__attribute__((noinline)) static unsigned long recurse(unsigned long depth)
{
	volatile char pad[512];

	pad[0] = (char)depth;
	if (depth == ~0ul) /* never: keeps the compiler from seeing a loop */
		return 0;
	return recurse(depth + 1) + pad[0];
}

KTEST_FLAGS(stack_overflow, KTEST_ALONE)
{
	recurse(0);
	ktest_fail(__FILE__, __LINE__, "recursion returned");
}

KTEST_FLAGS(selftest_triple_fault, KTEST_ALONE)
{
	struct descriptor_table_ptr empty = { 0, 0 };

	/* With no IDT, int3 cannot be delivered: #GP, then #DF, then reset. */
	__asm__ volatile("lidt %0; int3" : : "m"(empty));
}

KTEST_FLAGS(selftest_hang, KTEST_ALONE)
{
	halt_forever();
}
