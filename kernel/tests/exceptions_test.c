// SPDX-License-Identifier: MIT
/*
 * Exceptions raised on purpose in ring 0 and caught through the trap
 * hook: each must arrive with the right vector, RIP, error code and CR2.
 * The faulting instructions carry exception-table entries, so the kernel
 * continues after them; without one the fault would be a panic.
 */
#include <kernel/ktest.h>
#include <kernel/mmu.h>
#include <kernel/stack.h>
#include <kernel/trap.h>

/* Each trigger returns the address of the instruction that should fault. */
static uint64_t trigger_divide_error(void)
{
	uint64_t insn;

	__asm__ volatile("leaq 1f(%%rip), %0\n\t"
			 "xorl %%edx, %%edx\n\t"
			 "movl $1, %%eax\n\t"
			 "xorl %%ecx, %%ecx\n"
			 "1:\tdivl %%ecx\n"
			 "2:\n\t" _ASM_EXTABLE(1b, 2b)
			 : "=&r"(insn)
			 :
			 : "rax", "rcx", "rdx", "memory");
	return insn;
}

static uint64_t trigger_invalid_opcode(void)
{
	uint64_t insn;

	__asm__ volatile("leaq 1f(%%rip), %0\n"
			 "1:\tud2\n"
			 "2:\n\t" _ASM_EXTABLE(1b, 2b)
			 : "=&r"(insn)
			 :
			 : "memory");
	return insn;
}

static uint64_t trigger_read(uint64_t addr)
{
	uint64_t insn;

	__asm__ volatile("leaq 1f(%%rip), %0\n"
			 "1:\tmovb (%1), %%al\n"
			 "2:\n\t" _ASM_EXTABLE(1b, 2b)
			 : "=&r"(insn)
			 : "r"(addr)
			 : "rax", "memory");
	return insn;
}

/* Writes back the byte that is there, so a missing fault changes nothing. */
static uint64_t trigger_write(uint64_t addr)
{
	uint64_t insn;

	__asm__ volatile("movb (%1), %%al\n\t"
			 "leaq 1f(%%rip), %0\n"
			 "1:\tmovb %%al, (%1)\n"
			 "2:\n\t" _ASM_EXTABLE(1b, 2b)
			 : "=&r"(insn)
			 : "r"(addr)
			 : "rax", "memory");
	return insn;
}

#define EXPECT_FAULT(rec, vec, insn_addr, err)                                 \
	do {                                                                   \
		KT_ASSERT_EQ((rec).count, 1);                                  \
		KT_ASSERT_EQ((rec).vector, (vec));                             \
		KT_ASSERT_EQ((rec).rip, (insn_addr));                          \
		KT_ASSERT_EQ((rec).error_code, (err));                         \
		KT_ASSERT((rec).fixup != 0);                                   \
	} while (0)

KTEST(exception_divide_error)
{
	struct trap_record rec;
	unsigned long before = trap_count(X86_TRAP_DE);
	uint64_t insn;

	trap_catch_begin(&rec);
	insn = trigger_divide_error();
	trap_catch_end();
	EXPECT_FAULT(rec, X86_TRAP_DE, insn, 0);
	KT_ASSERT_EQ(trap_count(X86_TRAP_DE), before + 1);
}

KTEST(exception_invalid_opcode)
{
	struct trap_record rec;
	uint64_t insn;

	trap_catch_begin(&rec);
	insn = trigger_invalid_opcode();
	trap_catch_end();
	EXPECT_FAULT(rec, X86_TRAP_UD, insn, 0);
}

/* int3 is a trap, not a fault: the handler returns to the next instruction. */
KTEST(exception_breakpoint_returns)
{
	unsigned long before = trap_count(X86_TRAP_BP);
	volatile int after = 0;

	__asm__ volatile("int3" ::: "memory");
	after = 1;
	KT_ASSERT_EQ(trap_count(X86_TRAP_BP), before + 1);
	KT_ASSERT(after == 1);
}

KTEST(exception_page_fault_not_present)
{
	struct trap_record rec;
	const uint64_t addr = KERNEL_VMA - 0x10000000; /* never mapped */
	uint64_t insn;

	trap_catch_begin(&rec);
	insn = trigger_read(addr);
	trap_catch_end();
	EXPECT_FAULT(rec, X86_TRAP_PF, insn, 0);
	KT_ASSERT_EQ(rec.cr2, addr);
}

KTEST(exception_null_pointer_faults)
{
	struct trap_record rec;
	uint64_t insn;

	trap_catch_begin(&rec);
	insn = trigger_read(0);
	trap_catch_end();
	EXPECT_FAULT(rec, X86_TRAP_PF, insn, 0);
	KT_ASSERT_EQ(rec.cr2, 0);
}

/* A non-canonical address raises #GP(0), not a page fault. */
KTEST(exception_general_protection)
{
	struct trap_record rec;
	uint64_t insn;

	trap_catch_begin(&rec);
	insn = trigger_read(0x8000000000000000ul);
	trap_catch_end();
	EXPECT_FAULT(rec, X86_TRAP_GP, insn, 0);
}

/* The hook records faults even where no fixup exists: check it sees
 * the exception table's answer for an instruction that has one. */
KTEST(exception_table_lookup)
{
	extern char kmain[];

	KT_ASSERT(search_exception_table((uint64_t)kmain) == 0);
	for (unsigned int i = 0; i < 3; i++) {
		struct trap_record rec;
		uint64_t insn;

		trap_catch_begin(&rec);
		insn = trigger_invalid_opcode();
		trap_catch_end();
		KT_ASSERT(search_exception_table(insn) != 0);
		KT_ASSERT_EQ(search_exception_table(insn)->fixup, rec.fixup);
	}
}

KTEST(exception_kernel_stack_guard_page)
{
	struct trap_record rec;
	uint64_t guard = (uint64_t)boot_kernel_stack.guard;
	uint64_t insn;

	trap_catch_begin(&rec);
	insn = trigger_read(guard + 128);
	trap_catch_end();
	EXPECT_FAULT(rec, X86_TRAP_PF, insn, 0);
	KT_ASSERT_EQ(rec.cr2, guard + 128);
}

/* W^X: kernel text and rodata are read-only, even for ring 0 (CR0.WP). */
KTEST(wx_write_to_kernel_text_faults)
{
	extern char kmain[];
	struct trap_record rec;
	uint64_t insn;

	trap_catch_begin(&rec);
	insn = trigger_write((uint64_t)kmain);
	trap_catch_end();
	EXPECT_FAULT(rec, X86_TRAP_PF, insn, PF_PRESENT | PF_WRITE);
	KT_ASSERT_EQ(rec.cr2, (uint64_t)kmain);
}

static const char rodata_probe[] = "read-only";

KTEST(wx_write_to_rodata_faults)
{
	struct trap_record rec;
	uint64_t insn;

	trap_catch_begin(&rec);
	insn = trigger_write((uint64_t)rodata_probe);
	trap_catch_end();
	EXPECT_FAULT(rec, X86_TRAP_PF, insn, PF_PRESENT | PF_WRITE);
	KT_ASSERT_EQ(rec.cr2, (uint64_t)rodata_probe);
}

/* "jmp *%rcx" in writable data: if NX failed, it would jump straight back. */
static uint8_t data_code[16] = { 0xff, 0xe1 };

KTEST(wx_execute_data_faults)
{
	struct trap_record rec;

	trap_catch_begin(&rec);
	__asm__ volatile("leaq 2f(%%rip), %%rcx\n\t"
			 "movq %%rcx, %0\n\t"
			 "jmp *%1\n"
			 "2:\n"
			 : "=m"(rec.resume)
			 : "r"(data_code)
			 : "rcx", "memory");
	trap_catch_end();
	KT_ASSERT_EQ(rec.count, 1);
	KT_ASSERT_EQ(rec.vector, X86_TRAP_PF);
	KT_ASSERT_EQ(rec.rip, (uint64_t)data_code);
	KT_ASSERT_EQ(rec.cr2, (uint64_t)data_code);
	KT_ASSERT_EQ(rec.error_code, PF_PRESENT | PF_INSTR);
}

/* The boot stub's identity map is gone: low physical addresses fault. */
KTEST(identity_map_dropped)
{
	struct trap_record rec;
	uint64_t insn;

	trap_catch_begin(&rec);
	insn = trigger_read(KERNEL_PHYS_BASE);
	trap_catch_end();
	EXPECT_FAULT(rec, X86_TRAP_PF, insn, 0);
	KT_ASSERT_EQ(rec.cr2, KERNEL_PHYS_BASE);
}
