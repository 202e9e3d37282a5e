/* SPDX-License-Identifier: MIT */
/* The GDT and the 64-bit TSS (kernel/arch/gdt.c). Selectors: <kernel/segment.h>. */
#ifndef KERNEL_GDT_H
#define KERNEL_GDT_H

#include <stdint.h>

#include <kernel/segment.h>
#include <kernel/stack.h>

/* The 64-bit TSS (Intel SDM Vol. 3A, figure 8-11). */
struct tss64 {
	uint32_t reserved0;
	uint64_t rsp[3]; /* stack for entering ring 0/1/2 from an outer ring */
	uint64_t reserved1;
	uint64_t ist[7]; /* interrupt stack table, IST1 is ist[0] */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iopb_offset; /* >= limit: no I/O permission bitmap */
} __attribute__((packed));
_Static_assert(sizeof(struct tss64) == 104, "64-bit TSS is 104 bytes");

struct descriptor_table_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

extern uint64_t gdt[GDT_ENTRIES];
extern struct tss64 tss;
extern struct guarded_stack ist_stacks[IST_COUNT];

void gdt_init(void);
void tss_set_rsp0(uint64_t rsp0);

#endif
