// SPDX-License-Identifier: MIT
/*
 * The GDT, TSS and IDT the CPU is actually using, read back with
 * sgdt/sidt/str and decoded field by field, must be what
 * <kernel/segment.h> and <kernel/trap.h> say.
 */
#include <kernel/gdt.h>
#include <kernel/ktest.h>
#include <kernel/syscall.h>
#include <kernel/trap.h>

static unsigned int desc_access(uint64_t d)
{
	return (d >> 40) & 0xff;
}

static unsigned int desc_flags(uint64_t d)
{
	return (d >> 52) & 0xf;
}

static uint64_t read_gdt_entry(const struct descriptor_table_ptr *p,
			       unsigned int selector)
{
	return ((const uint64_t *)p->base)[selector >> 3];
}

#define EXPECT_CODE_OR_DATA(ptr, sel, is_code, dpl, flags)                     \
	do {                                                                   \
		uint64_t d_ = read_gdt_entry(ptr, sel);                        \
		unsigned int a_ = desc_access(d_);                             \
		KT_ASSERT(a_ & SEG_ACC_PRESENT);                               \
		KT_ASSERT(a_ & SEG_ACC_S);                                     \
		KT_ASSERT_EQ(!!(a_ & SEG_ACC_CODE), (is_code));                \
		KT_ASSERT_EQ((a_ >> 5) & 3, (dpl));                            \
		KT_ASSERT(a_ & SEG_ACC_RW);                                    \
		KT_ASSERT_EQ(desc_flags(d_) & (SEG_FLAG_L | SEG_FLAG_DB),      \
			     (flags));                                         \
	} while (0)

KTEST(gdt_layout)
{
	struct descriptor_table_ptr p;
	uint16_t cs, ss;

	__asm__ volatile("sgdt %0" : "=m"(p));
	KT_ASSERT_EQ(p.base, (uint64_t)gdt);
	KT_ASSERT_EQ(p.limit, GDT_ENTRIES * 8 - 1);
	KT_ASSERT_EQ(read_gdt_entry(&p, 0), 0);
	EXPECT_CODE_OR_DATA(&p, KERNEL_CS, 1, 0, SEG_FLAG_L);
	EXPECT_CODE_OR_DATA(&p, KERNEL_DS, 0, 0, SEG_FLAG_DB);
	EXPECT_CODE_OR_DATA(&p, USER32_CS, 1, 3, SEG_FLAG_DB);
	EXPECT_CODE_OR_DATA(&p, USER_DS, 0, 3, SEG_FLAG_DB);
	EXPECT_CODE_OR_DATA(&p, USER_CS, 1, 3, SEG_FLAG_L);
	EXPECT_CODE_OR_DATA(&p, USER_DS_SYSEXIT, 0, 3, SEG_FLAG_DB);

	__asm__ volatile("mov %%cs, %0; mov %%ss, %1" : "=r"(cs), "=r"(ss));
	KT_ASSERT_EQ(cs, KERNEL_CS);
	/* SS is KERNEL_DS after gdt_init, or 0 once an interrupt from ring 3
	 * has loaded the null selector (64-bit mode does that on every
	 * privilege change; Intel SDM Vol. 3A, 6.14.4). Both are valid. */
	KT_ASSERT(ss == KERNEL_DS || ss == 0);
}

/* The selector arithmetic of SYSENTER/SYSEXIT/SYSCALL/SYSRET, against the
 * descriptors actually in the table (the build asserts the numbers). */
KTEST(gdt_fast_syscall_selectors)
{
	struct descriptor_table_ptr p;

	__asm__ volatile("sgdt %0" : "=m"(p));
	/* SYSEXIT: CS = SYSENTER_CS + 32 (64-bit user code), SS = + 40. */
	EXPECT_CODE_OR_DATA(&p, SYSENTER_CS_VALUE + 32, 1, 3, SEG_FLAG_L);
	EXPECT_CODE_OR_DATA(&p, SYSENTER_CS_VALUE + 40, 0, 3, SEG_FLAG_DB);
	/* SYSENTER/SYSCALL: kernel code and, 8 above, kernel data. */
	EXPECT_CODE_OR_DATA(&p, SYSENTER_CS_VALUE, 1, 0, SEG_FLAG_L);
	EXPECT_CODE_OR_DATA(&p, STAR_SYSCALL_BASE + 8, 0, 0, SEG_FLAG_DB);
	/* SYSRET: SS = base + 8 (user data), CS = base + 16 (64-bit code). */
	EXPECT_CODE_OR_DATA(&p, STAR_SYSRET_BASE + 8, 0, 3, SEG_FLAG_DB);
	EXPECT_CODE_OR_DATA(&p, STAR_SYSRET_BASE + 16, 1, 3, SEG_FLAG_L);
}

KTEST(tss_loaded)
{
	struct descriptor_table_ptr p;
	uint16_t tr;
	uint64_t lo, hi, base;

	__asm__ volatile("sgdt %0; str %1" : "=m"(p), "=r"(tr));
	KT_ASSERT_EQ(tr, TSS_SEL);
	lo = read_gdt_entry(&p, TSS_SEL);
	hi = read_gdt_entry(&p, TSS_SEL + 8);
	base = ((lo >> 16) & 0xffffff) | ((lo >> 56) << 24) | (hi << 32);
	KT_ASSERT_EQ(base, (uint64_t)&tss);
	KT_ASSERT_EQ((lo & 0xffff) | (((lo >> 48) & 0xf) << 16),
		     sizeof(struct tss64) - 1);
	/* ltr marks the descriptor busy. */
	KT_ASSERT_EQ(desc_access(lo), SEG_ACC_PRESENT | SYS_TYPE_TSS_BUSY);
	KT_ASSERT(tss.iopb_offset >= sizeof(struct tss64));
	KT_ASSERT(tss.rsp[0] != 0);
	for (unsigned int i = 0; i < IST_COUNT; i++)
		KT_ASSERT_EQ(tss.ist[i], stack_top(&ist_stacks[i]));
	for (unsigned int i = IST_COUNT; i < 7; i++)
		KT_ASSERT_EQ(tss.ist[i], 0);
}

KTEST(idt_exception_gates)
{
	struct descriptor_table_ptr p;
	const struct idt_gate *g;

	__asm__ volatile("sidt %0" : "=m"(p));
	KT_ASSERT_EQ(p.base, (uint64_t)idt);
	KT_ASSERT_EQ(p.limit, IDT_ENTRIES * 16 - 1);
	g = (const struct idt_gate *)p.base;
	for (unsigned int v = 0; v < NR_EXCEPTIONS; v++) {
		unsigned int dpl = v == X86_TRAP_BP ? 3 : 0;
		unsigned int ist = v == X86_TRAP_DF    ? IST_DOUBLE_FAULT
				   : v == X86_TRAP_NMI ? IST_NMI
				   : v == X86_TRAP_MC  ? IST_MACHINE_CHECK
				   : v == X86_TRAP_DB  ? IST_DEBUG
						       : 0;

		KT_ASSERT_EQ(g[v].type_attr,
			     GATE_PRESENT | GATE_DPL(dpl) | SYS_TYPE_INTR_GATE);
		KT_ASSERT_EQ(g[v].selector, KERNEL_CS);
		KT_ASSERT_EQ(g[v].ist, ist);
		KT_ASSERT_EQ(idt_gate_handler(&g[v]), exception_stubs[v]);
	}
	/* Only the system call gate is open to ring 3 besides #BP. */
	KT_ASSERT_EQ(g[SYSCALL_INT_VECTOR].type_attr,
		     GATE_PRESENT | GATE_DPL(3) | SYS_TYPE_INTR_GATE);
	KT_ASSERT_EQ(idt_gate_handler(&g[SYSCALL_INT_VECTOR]),
		     (uint64_t)entry_int80);
	KT_ASSERT_EQ(g[SYSCALL_INT_VECTOR].selector, KERNEL_CS);
	/* The PIC's lines: kernel-only gates, no IST. */
	for (unsigned int i = 0; i < NR_PIC_IRQS; i++) {
		const struct idt_gate *irq = &g[PIC_VECTOR_BASE + i];

		KT_ASSERT_EQ(irq->type_attr,
			     GATE_PRESENT | GATE_DPL(0) | SYS_TYPE_INTR_GATE);
		KT_ASSERT_EQ(irq->ist, 0);
		KT_ASSERT_EQ(idt_gate_handler(irq), irq_stubs[i]);
	}
	/* Nothing else is present, so `int N` from ring 3 raises #GP. */
	for (unsigned int v = PIC_VECTOR_BASE + NR_PIC_IRQS; v < IDT_ENTRIES; v++)
		if (v != SYSCALL_INT_VECTOR)
			KT_ASSERT_EQ(g[v].type_attr & GATE_PRESENT, 0);
}
