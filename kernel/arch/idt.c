// SPDX-License-Identifier: MIT
/*
 * The interrupt descriptor table.
 *
 * Every one of the 32 exception vectors gets an interrupt gate (IF cleared
 * on entry) to its stub in kernel/entry.S. Only #BP has DPL 3, so ring 3
 * may execute int3; an `int N` from ring 3 for any other vector raises
 * #GP with error code (N << 3) | 2 instead of reaching the handler. The
 * vectors nobody handles yet are left not-present; the system call gate
 * (0x80, DPL 3) is added by kernel/syscall.c.
 */
#include <kernel/gdt.h>
#include <kernel/trap.h>

struct idt_gate idt[IDT_ENTRIES] __attribute__((aligned(16)));

/** idt_set_gate - install an interrupt gate for @vector */
void idt_set_gate(unsigned int vector, uint64_t handler, unsigned int ist,
		  unsigned int dpl)
{
	struct idt_gate *g = &idt[vector];

	g->offset_low = handler & 0xffff;
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_high = handler >> 32;
	g->selector = KERNEL_CS;
	g->ist = ist;
	g->type_attr = GATE_PRESENT | GATE_DPL(dpl) | SYS_TYPE_INTR_GATE;
	g->reserved = 0;
}

/** idt_gate_handler - the handler address a gate points to */
uint64_t idt_gate_handler(const struct idt_gate *gate)
{
	return (uint64_t)gate->offset_low | (uint64_t)gate->offset_mid << 16 |
	       (uint64_t)gate->offset_high << 32;
}

/* Which exceptions run on a stack of their own (see kernel/arch/gdt.c). */
static unsigned int exception_ist(unsigned int vector)
{
	switch (vector) {
	case X86_TRAP_DF:
		return IST_DOUBLE_FAULT;
	case X86_TRAP_DB:
		/* Can arrive at the SYSCALL entry, before the switch to a
		 * kernel stack (MOV SS trick): never trust the current one. */
		return IST_DEBUG;
	case X86_TRAP_NMI:
		return IST_NMI;
	case X86_TRAP_MC:
		return IST_MACHINE_CHECK;
	default:
		return 0;
	}
}

/** idt_init - fill in the exception gates and load the IDT */
void idt_init(void)
{
	struct descriptor_table_ptr ptr = {
		.limit = sizeof(idt) - 1,
		.base = (uint64_t)idt,
	};

	for (unsigned int v = 0; v < NR_EXCEPTIONS; v++)
		idt_set_gate(v, exception_stubs[v], exception_ist(v),
			 v == X86_TRAP_BP ? 3 : 0);
	for (unsigned int i = 0; i < NR_PIC_IRQS; i++)
		idt_set_gate(PIC_VECTOR_BASE + i, irq_stubs[i], 0, 0);
	__asm__ volatile("lidt %0" : : "m"(ptr));
}
