// SPDX-License-Identifier: MIT
/*
 * The exception table: instructions allowed to fault in ring 0, each with
 * the address to resume at. The linker gathers the entries that the
 * _ASM_EXTABLE() macro leaves in the __ex_table section.
 */
#include <kernel/trap.h>

extern const struct exception_table_entry __ex_table_start[],
	__ex_table_end[];

/**
 * search_exception_table - find the fixup for a faulting instruction
 * @rip: address of the instruction that faulted
 *
 * Returns the entry, or NULL when @rip may not fault. A linear search:
 * the table is short and this runs only when something has faulted.
 */
const struct exception_table_entry *search_exception_table(uint64_t rip)
{
	for (const struct exception_table_entry *e = __ex_table_start;
	     e < __ex_table_end; e++)
		if (e->insn == rip)
			return e;
	return 0;
}
