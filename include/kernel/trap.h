/* SPDX-License-Identifier: MIT */
/* Exceptions and interrupts: vectors, the IDT, and how faults are handled. */
#ifndef KERNEL_TRAP_H
#define KERNEL_TRAP_H

#define NR_EXCEPTIONS 32
#define IDT_ENTRIES 256

#define X86_TRAP_DE 0   /* divide error */
#define X86_TRAP_DB 1   /* debug */
#define X86_TRAP_NMI 2  /* non-maskable interrupt */
#define X86_TRAP_BP 3   /* breakpoint (int3) */
#define X86_TRAP_OF 4   /* overflow */
#define X86_TRAP_BR 5   /* bound range exceeded */
#define X86_TRAP_UD 6   /* invalid opcode */
#define X86_TRAP_NM 7   /* device not available */
#define X86_TRAP_DF 8   /* double fault */
#define X86_TRAP_TS 10  /* invalid TSS */
#define X86_TRAP_NP 11  /* segment not present */
#define X86_TRAP_SS 12  /* stack-segment fault */
#define X86_TRAP_GP 13  /* general protection */
#define X86_TRAP_PF 14  /* page fault */
#define X86_TRAP_MF 16  /* x87 floating point */
#define X86_TRAP_AC 17  /* alignment check */
#define X86_TRAP_MC 18  /* machine check */
#define X86_TRAP_XM 19  /* SIMD floating point */
#define X86_TRAP_VE 20  /* virtualization */
#define X86_TRAP_CP 21  /* control protection */

/*
 * Vectors for which the CPU pushes an error code (SDM Vol. 3A, table 6-1):
 * #DF, #TS, #NP, #SS, #GP, #PF, #AC, #CP, #VC (29) and #SX (30). The entry
 * stubs in kernel/arch/entry.S are generated from this mask.
 */
#define EXC_ERRCODE_MASK                                                       \
	((1 << 8) | (1 << 10) | (1 << 11) | (1 << 12) | (1 << 13) |            \
	 (1 << 14) | (1 << 17) | (1 << 21) | (1 << 29) | (1 << 30))

/* The legacy 8259 PICs are moved here and masked (kernel/arch/pic.c). */
#define PIC_VECTOR_BASE 0x20
#define NR_PIC_IRQS 16

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

#include <kernel/ptrace.h>

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;       /* bits 0-2: IST slot, 0 = none */
	uint8_t type_attr; /* P, DPL, type */
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
};
_Static_assert(sizeof(struct idt_gate) == 16, "64-bit IDT gate");

#define GATE_PRESENT 0x80
#define GATE_DPL(n) ((n) << 5)

extern struct idt_gate idt[IDT_ENTRIES];
/* Entry stubs in kernel/arch/entry.S, one per exception vector and PIC line. */
extern const uint64_t exception_stubs[NR_EXCEPTIONS];
extern const uint64_t irq_stubs[NR_PIC_IRQS];

void idt_init(void);
void idt_set_gate(unsigned int vector, uint64_t handler, unsigned int ist,
		  unsigned int dpl);
uint64_t idt_gate_handler(const struct idt_gate *gate);
void trap_handler(struct pt_regs *regs);
const char *exception_name(unsigned int vector);
bool exception_has_error_code(unsigned int vector);
unsigned long trap_count(unsigned int vector);

/*
 * Exception table (Linux's __ex_table): an instruction that may fault in
 * the kernel is listed with the address to continue at if it does. The
 * trap handler looks up the faulting RIP and resumes there instead of
 * panicking. copy_from_user will use it; tests use it to survive faults
 * they raise on purpose.
 */
struct exception_table_entry {
	uint64_t insn;
	uint64_t fixup;
};

#define _ASM_EXTABLE(from, to)                                                 \
	".pushsection __ex_table, \"a\"\n\t"                                   \
	".balign 8\n\t"                                                        \
	".quad " #from ", " #to "\n\t"                                         \
	".popsection\n\t"

_Static_assert(sizeof(struct exception_table_entry) == 16,
	       "_ASM_EXTABLE emits two quadwords per entry");

const struct exception_table_entry *search_exception_table(uint64_t rip);

/*
 * A test hook: while armed, every exception taken in ring 0 is recorded
 * here before the exception table is consulted.
 */
struct trap_record {
	unsigned int count;
	unsigned int vector;
	uint64_t error_code;
	uint64_t cr2;
	uint64_t rip;
	uint64_t fixup;
	/* Set by the test: where to continue after a fault that has no
	 * exception-table entry (e.g. an instruction fetch from data). */
	uint64_t resume;
};

void trap_catch_begin(struct trap_record *rec);
void trap_catch_end(void);

#endif

#endif
