// SPDX-License-Identifier: MIT
/*
 * The global descriptor table and the task state segment.
 *
 * In 64-bit mode segmentation is mostly gone: base and limit are ignored
 * for code and data, but the descriptors still carry the privilege level
 * (DPL) and the 64-bit flag (L), and SYSENTER/SYSEXIT/SYSCALL/SYSRET pick
 * their selectors by fixed offsets. The layout and the reasons for it are
 * in <kernel/segment.h>; this file asserts the arithmetic and loads it.
 *
 * The TSS no longer switches tasks; it holds the stack pointers the CPU
 * loads on entry to ring 0 (RSP0) and the interrupt stack table (IST):
 * known-good stacks for double fault, NMI and machine check, so a kernel
 * stack overflow ends in a report rather than a triple fault.
 */
#include <stddef.h>

#include <kernel/gdt.h>
#include <kernel/msr.h>

_Static_assert(SYSEXIT_CS_OK, "SYSEXIT loads CS from IA32_SYSENTER_CS + 32");
_Static_assert(SYSEXIT_SS_OK, "SYSEXIT loads SS from IA32_SYSENTER_CS + 40");
_Static_assert(SYSENTER_SS_OK, "SYSENTER loads SS from IA32_SYSENTER_CS + 8");
_Static_assert(SYSCALL_SS_OK, "SYSCALL loads SS from STAR[47:32] + 8");
_Static_assert(SYSRET_SS_OK, "SYSRET loads SS from STAR[63:48] + 8");
_Static_assert(SYSRET_CS_OK, "SYSRET loads CS from STAR[63:48] + 16");

uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(16)));
struct tss64 tss __attribute__((aligned(16)));

/* IST stacks, each behind its own guard page. */
DEFINE_GUARDED_STACK(ist_stacks[IST_COUNT]);

/* A 64-bit TSS descriptor takes two GDT slots (SDM Vol. 3A, 8.2.3). */
static void set_tss_descriptor(unsigned int index, uint64_t base,
			       uint32_t limit)
{
	uint64_t low = 0;

	low |= limit & 0xffff;
	low |= (base & 0xffffff) << 16;
	low |= (uint64_t)(SYS_TYPE_TSS_AVAIL | SEG_ACC_PRESENT) << 40;
	low |= (uint64_t)((limit >> 16) & 0xf) << 48;
	low |= ((base >> 24) & 0xff) << 56;
	gdt[index] = low;
	gdt[index + 1] = base >> 32;
}

/* Load the GDT, reload every segment register, load the task register. */
static void load_gdt(void)
{
	struct descriptor_table_ptr ptr = {
		.limit = sizeof(gdt) - 1,
		.base = (uint64_t)gdt,
	};

	__asm__ volatile("lgdt %0" : : "m"(ptr));
	/* CS can only be reloaded by a far transfer: push CS:RIP, lretq. */
	__asm__ volatile("pushq %[cs]\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movl %[ds], %%eax\n\t"
			 "movl %%eax, %%ds\n\t"
			 "movl %%eax, %%es\n\t"
			 "movl %%eax, %%ss\n\t"
			 "xorl %%eax, %%eax\n\t"
			 "movl %%eax, %%fs\n\t"
			 "movl %%eax, %%gs\n\t"
			 :
			 : [cs] "i"(KERNEL_CS), [ds] "i"(KERNEL_DS)
			 : "rax", "memory");
	__asm__ volatile("ltr %w0" : : "r"(TSS_SEL));
}

/**
 * gdt_init - build and load the GDT and TSS
 *
 * Replaces the boot stub's three-entry GDT with the full one, points the
 * TSS's IST slots at their guarded stacks and loads the task register.
 */
void gdt_init(void)
{
	gdt[0] = 0;
	gdt[GDT_IDX_KERNEL_CS] = SEG_KERNEL_CODE64;
	gdt[GDT_IDX_KERNEL_DS] = SEG_KERNEL_DATA;
	gdt[GDT_IDX_USER32_CS] = SEG_USER_CODE32;
	gdt[GDT_IDX_USER_DS] = SEG_USER_DATA;
	gdt[GDT_IDX_USER_CS] = SEG_USER_CODE64;
	gdt[GDT_IDX_USER_DS_SYSEXIT] = SEG_USER_DATA;

	for (unsigned int i = 0; i < IST_COUNT; i++)
		tss.ist[i] = stack_top(&ist_stacks[i]);
	tss.rsp[0] = stack_top(&boot_kernel_stack);
	/* An offset at or past the limit means "no I/O bitmap": every port
	 * access from ring 3 faults while IOPL is 0. */
	tss.iopb_offset = sizeof(tss);
	set_tss_descriptor(GDT_IDX_TSS, (uint64_t)&tss, sizeof(tss) - 1);

	load_gdt();
}

/**
 * tss_set_rsp0 - set the stack the CPU switches to on entry from ring 3
 * @rsp0: top of the current task's kernel stack
 */
void tss_set_rsp0(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}
