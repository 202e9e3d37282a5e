/* SPDX-License-Identifier: MIT */
/*
 * The 32-bit entry stub: from GRUB's multiboot2 hand-off to 64-bit C.
 *
 * GRUB enters _start in 32-bit protected mode, paging off, EAX holding the
 * multiboot2 magic and EBX the physical address of the boot information
 * (Multiboot2 spec, 3.3 "I386 machine state"). This file:
 *
 *   1. checks the magic and that the CPU has CPUID, long mode and NX,
 *      and says so on COM1 and the VGA text screen if not;
 *   2. builds page tables that map the first 1 GiB three times: at 0
 *      (identity, so this code keeps running), at PHYS_MAP_BASE (the
 *      direct map) and at KERNEL_VMA (the higher-half kernel image);
 *   3. enables PAE, long mode, NX and paging, loads a small GDT and
 *      far-jumps into 64-bit code;
 *   4. jumps to the higher half, switches to the kernel's guarded boot
 *      stack and calls kmain(magic, mbi_phys).
 *
 * Everything here is linked at its physical address (the .boot* sections);
 * kernel/mm/paging.c later drops the identity map, and this code with it.
 * docs/boot.md walks through it with diagrams.
 */
#include <kernel/mmu.h>
#include <kernel/msr.h>
#include <kernel/multiboot2.h>
#include <kernel/segment.h>
#include <kernel/serial.h>
#include <kernel/stack.h>

#define VGA_TEXT_PHYS 0xb8000
#define VGA_ATTR_WHITE_ON_RED 0x4f
#define RFLAGS_ID_BIT 21

/* ------------------------------------------------------------------ */
/* The multiboot2 header: must be 8-byte aligned, in the first 32 KiB. */

	.section .multiboot2, "a"
	.balign MB2_TAG_ALIGN
mb2_header:
	.long MB2_HEADER_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

	/* Ask for the information the kernel cannot work without. */
	.balign MB2_TAG_ALIGN
1:	.short MB2_HTAG_INFO_REQUEST
	.short 0			/* required, not optional */
	.long 2f - 1b
	.long MB2_TAG_CMDLINE
	.long MB2_TAG_MMAP
	.long MB2_TAG_MODULE
	.long MB2_TAG_FRAMEBUFFER
2:
	/* A framebuffer if the firmware has one: no preferred mode. */
	.balign MB2_TAG_ALIGN
1:	.short MB2_HTAG_FRAMEBUFFER
	.short MB2_HTAG_OPTIONAL
	.long 2f - 1b
	.long 0				/* width: no preference */
	.long 0				/* height */
	.long 0				/* depth */
2:
	/* Boot modules (user programs, later) start on page boundaries. */
	.balign MB2_TAG_ALIGN
1:	.short MB2_HTAG_MODULE_ALIGN
	.short 0
	.long 2f - 1b
2:
	.balign MB2_TAG_ALIGN
	.short MB2_HTAG_END
	.short 0
	.long 8
mb2_header_end:

/* ------------------------------------------------------------------ */
/* Boot-time data: page tables, a stack, what GRUB handed over.        */

	.section .boot.bss, "aw", @nobits
	.balign PAGE_SIZE
boot_pml4:	.skip PAGE_SIZE
boot_pdpt_low:	.skip PAGE_SIZE		/* PML4[0] and PML4[256] */
boot_pdpt_high:	.skip PAGE_SIZE		/* PML4[511] */
boot_pd:	.skip PAGE_SIZE		/* 512 x 2 MiB = the first 1 GiB */
boot_stack:	.skip 1024		/* only for the 32-bit stub */
boot_stack_top:

	.section .boot.data, "aw"
	.balign 8
	.globl boot_magic, boot_mbi_phys
boot_magic:	.long 0
boot_mbi_phys:	.long 0

	.section .boot.rodata, "a"
	.balign 8
boot_gdt:
	.quad 0					/* null */
	.quad SEG_KERNEL_CODE64			/* KERNEL_CS */
	.quad SEG_KERNEL_DATA			/* KERNEL_DS */
boot_gdt_end:
	.if (KERNEL_CS != 0x08) || (KERNEL_DS != 0x10)
	.error "boot_gdt assumes KERNEL_CS at index 1, KERNEL_DS at index 2"
	.endif
boot_gdt_ptr:
	.short boot_gdt_end - boot_gdt - 1
	.long boot_gdt

msg_bad_magic:
	.asciz "boot: not started by a multiboot2 boot loader (bad magic in EAX); halting.\r\n"
msg_no_cpuid:
	.asciz "boot: this CPU has no CPUID instruction; a 64-bit CPU is required. Halting.\r\n"
msg_no_long_mode:
	.asciz "boot: this CPU does not support long mode (64-bit); it cannot run this kernel. Halting.\r\n"
msg_no_nx:
	.asciz "boot: this CPU does not support the NX (no-execute) page bit; the kernel needs it. Halting.\r\n"

/* ------------------------------------------------------------------ */
/* 32-bit code.                                                        */

	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	movl $boot_stack_top, %esp
	movl %eax, boot_magic
	movl %ebx, boot_mbi_phys

	call serial_init32

	cmpl $MB2_BOOTLOADER_MAGIC, boot_magic
	movl $msg_bad_magic, %esi
	jne boot_fail

	/* CPUID exists if EFLAGS.ID can be toggled. */
	pushfl
	popl %eax
	movl %eax, %ecx
	xorl $(1 << RFLAGS_ID_BIT), %eax
	pushl %eax
	popfl
	pushfl
	popl %eax
	pushl %ecx
	popfl
	xorl %ecx, %eax
	movl $msg_no_cpuid, %esi
	jz boot_fail

	/* Long mode and NX are reported in the extended leaf 0x80000001. */
	movl $0x80000000, %eax
	cpuid
	movl $msg_no_long_mode, %esi
	cmpl $0x80000001, %eax
	jb boot_fail
	movl $0x80000001, %eax
	cpuid
	movl $msg_no_long_mode, %esi
	testl $CPUID_EXT_EDX_LM, %edx
	jz boot_fail
	movl $msg_no_nx, %esi
	testl $CPUID_EXT_EDX_NX, %edx
	jz boot_fail

	call build_boot_page_tables

	movl $boot_pml4, %eax
	movl %eax, %cr3

	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4

	movl $MSR_EFER, %ecx
	rdmsr
	orl $(EFER_LME | EFER_NXE), %eax
	wrmsr

	/* Paging on; with EFER.LME set this activates long mode. */
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP | CR0_PE), %eax
	movl %eax, %cr0

	lgdt boot_gdt_ptr
	ljmp $KERNEL_CS, $long_mode_entry

/*
 * One page directory of 2 MiB pages covers the first 1 GiB; three PML4
 * slots lead to it. The .boot.bss tables are zeroed by the loader (the ELF
 * segment's memory size exceeds its file size), so only the used entries
 * are written.
 */
build_boot_page_tables:
	movl $boot_pd, %edi
	movl $(PTE_PRESENT | PTE_WRITE | PTE_PS), %eax
	movl $512, %ecx
1:	movl %eax, (%edi)
	movl $0, 4(%edi)
	addl $LARGE_PAGE_SIZE, %eax
	addl $8, %edi
	loop 1b

	movl $(boot_pd + PTE_PRESENT + PTE_WRITE), boot_pdpt_low
	movl $(boot_pd + PTE_PRESENT + PTE_WRITE), boot_pdpt_high + 8 * PDPT_INDEX(KERNEL_VMA)
	movl $(boot_pdpt_low + PTE_PRESENT + PTE_WRITE), boot_pml4
	movl $(boot_pdpt_low + PTE_PRESENT + PTE_WRITE), boot_pml4 + 8 * PML4_INDEX(PHYS_MAP_BASE)
	movl $(boot_pdpt_high + PTE_PRESENT + PTE_WRITE), boot_pml4 + 8 * PML4_INDEX(KERNEL_VMA)
	ret

	/* The direct map must start at a PDPT boundary for this sharing. */
	.if PDPT_INDEX(PHYS_MAP_BASE) != 0
	.error "PHYS_MAP_BASE must be 512 GiB aligned"
	.endif

/* Report a fatal boot error (message in %esi) and stop for good. */
boot_fail:
	call serial_puts32
	call vga_puts32
1:	cli
	hlt
	jmp 1b

serial_init32:
	movw $(COM1_BASE + UART_IER), %dx
	xorb %al, %al
	outb %al, %dx
	movw $(COM1_BASE + UART_LCR), %dx
	movb $UART_LCR_DLAB, %al
	outb %al, %dx
	movw $(COM1_BASE + UART_DATA), %dx
	movb $UART_DIVISOR_115200, %al
	outb %al, %dx
	movw $(COM1_BASE + UART_IER), %dx
	xorb %al, %al
	outb %al, %dx
	movw $(COM1_BASE + UART_LCR), %dx
	movb $UART_LCR_8N1, %al
	outb %al, %dx
	movw $(COM1_BASE + UART_FCR), %dx
	movb $UART_FCR_ENABLE_CLEAR, %al
	outb %al, %dx
	movw $(COM1_BASE + UART_MCR), %dx
	movb $UART_MCR_DTR_RTS_OUT2, %al
	outb %al, %dx
	ret

/* Write the NUL-terminated string at %esi to COM1, polling THRE. */
serial_puts32:
	pushl %esi
1:	movb (%esi), %bl
	testb %bl, %bl
	jz 3f
	movw $(COM1_BASE + UART_LSR), %dx
2:	inb %dx, %al
	testb $UART_LSR_THRE, %al
	jz 2b
	movw $(COM1_BASE + UART_DATA), %dx
	movb %bl, %al
	outb %al, %dx
	incl %esi
	jmp 1b
3:	popl %esi
	ret

/*
 * Write the string at %esi to the top line of the VGA text screen. Under
 * UEFI there is no text screen and this writes to unused memory, which is
 * harmless: the machine is about to halt.
 */
vga_puts32:
	movl $VGA_TEXT_PHYS, %edi
	movb $VGA_ATTR_WHITE_ON_RED, %ah
1:	lodsb
	testb %al, %al
	jz 2f
	cmpb $' ', %al
	jb 1b				/* skip \r and \n */
	stosw
	jmp 1b
2:	ret

/* ------------------------------------------------------------------ */
/* 64-bit code, still at its physical address.                         */

	.code64
long_mode_entry:
	movl $KERNEL_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	movabsq $higher_half_entry, %rax
	jmp *%rax

/* ------------------------------------------------------------------ */
/* 64-bit code in the higher half: the kernel proper starts here.     */

	.section .text
	.cfi_sections .debug_frame
higher_half_entry:
	.cfi_startproc
	.cfi_undefined rip		/* the outermost frame, for gdb's bt */
	movabsq $(boot_kernel_stack + GUARDED_STACK_TOP_OFFSET), %rsp
	xorl %ebp, %ebp			/* ends every backtrace */
	movl boot_magic, %edi
	movl boot_mbi_phys, %esi
	call kmain
1:	cli
	hlt
	jmp 1b
	.cfi_endproc

	.section .note.GNU-stack, "", @progbits
