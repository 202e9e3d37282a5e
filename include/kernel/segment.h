/* SPDX-License-Identifier: MIT */
/*
 * The GDT layout, defined once for boot/boot.S, kernel/arch/entry.S and C.
 *
 * The order of the descriptors is not free: the fast system call
 * instructions compute their selectors from one MSR value.
 *
 *   SYSENTER  CS = IA32_SYSENTER_CS        SS = IA32_SYSENTER_CS + 8
 *   SYSEXIT   CS = IA32_SYSENTER_CS + 32   SS = IA32_SYSENTER_CS + 40
 *             (64-bit form, REX.W; Intel SDM Vol. 2B, SYSEXIT)
 *   SYSCALL   CS = STAR[47:32]             SS = STAR[47:32] + 8
 *   SYSRET    CS = STAR[63:48] + 16        SS = STAR[63:48] + 8
 *             (64-bit form; Intel SDM Vol. 2B, SYSRET)
 *
 * SYSEXIT wants user code *before* user data, SYSRET wants user data
 * *before* user code, so the user data descriptor appears twice:
 *
 *   index selector  descriptor            used by
 *   0     0x00      null
 *   1     0x08      kernel code, 64-bit   SYSENTER_CS, STAR[47:32]
 *   2     0x10      kernel data           +8 for SYSENTER and SYSCALL
 *   3     0x18      user code, 32-bit     STAR[63:48] (SYSRET base)
 *   4     0x20      user data             SYSRET SS  (base + 8)
 *   5     0x28      user code, 64-bit     SYSEXIT CS (+32), SYSRET CS (+16)
 *   6     0x30      user data (again)     SYSEXIT SS (+40)
 *   7-8   0x38      64-bit TSS (16 bytes)
 */
#ifndef KERNEL_SEGMENT_H
#define KERNEL_SEGMENT_H

#include <kernel/const.h>

#define GDT_IDX_KERNEL_CS 1
#define GDT_IDX_KERNEL_DS 2
#define GDT_IDX_USER32_CS 3
#define GDT_IDX_USER_DS 4
#define GDT_IDX_USER_CS 5
#define GDT_IDX_USER_DS_SYSEXIT 6
#define GDT_IDX_TSS 7
#define GDT_ENTRIES 9 /* the TSS descriptor takes two slots */

#define RPL_KERNEL 0
#define RPL_USER 3

#define SELECTOR(idx, rpl) (((idx) << 3) | (rpl))

#define KERNEL_CS SELECTOR(GDT_IDX_KERNEL_CS, RPL_KERNEL)
#define KERNEL_DS SELECTOR(GDT_IDX_KERNEL_DS, RPL_KERNEL)
#define USER32_CS SELECTOR(GDT_IDX_USER32_CS, RPL_USER)
#define USER_DS SELECTOR(GDT_IDX_USER_DS, RPL_USER)
#define USER_CS SELECTOR(GDT_IDX_USER_CS, RPL_USER)
#define USER_DS_SYSEXIT SELECTOR(GDT_IDX_USER_DS_SYSEXIT, RPL_USER)
#define TSS_SEL SELECTOR(GDT_IDX_TSS, RPL_KERNEL)

/* What goes into the MSRs (kernel/arch/syscall.c: syscall_init). */
#define SYSENTER_CS_VALUE KERNEL_CS
#define STAR_SYSCALL_BASE KERNEL_CS               /* STAR[47:32] */
#define STAR_SYSRET_BASE (USER32_CS & ~3)         /* STAR[63:48] */

/* The hardware arithmetic above, as checkable expressions. */
#define SYSEXIT_CS_OK ((SYSENTER_CS_VALUE + 32) == (USER_CS & ~3))
#define SYSEXIT_SS_OK ((SYSENTER_CS_VALUE + 40) == (USER_DS_SYSEXIT & ~3))
#define SYSENTER_SS_OK ((SYSENTER_CS_VALUE + 8) == KERNEL_DS)
#define SYSCALL_SS_OK ((STAR_SYSCALL_BASE + 8) == KERNEL_DS)
#define SYSRET_SS_OK ((STAR_SYSRET_BASE + 8) == (USER_DS & ~3))
#define SYSRET_CS_OK ((STAR_SYSRET_BASE + 16) == (USER_CS & ~3))

/*
 * Segment descriptor fields (Intel SDM Vol. 3A, 3.4.5). A descriptor is
 * built from these names by SEG_DESC(); nobody writes 0x9A by hand.
 */
#define SEG_ACC_ACCESSED 0x01
#define SEG_ACC_RW 0x02 /* data: writable; code: readable */
#define SEG_ACC_DC 0x04 /* data: expand-down; code: conforming */
#define SEG_ACC_CODE 0x08
#define SEG_ACC_S 0x10 /* code or data (not a system descriptor) */
#define SEG_ACC_DPL(n) ((n) << 5)
#define SEG_ACC_PRESENT 0x80

#define SEG_FLAG_L 0x2  /* 64-bit code segment */
#define SEG_FLAG_DB 0x4 /* 32-bit default operand size */
#define SEG_FLAG_G 0x8  /* limit counted in 4 KiB units */

/* System descriptor types (SDM Vol. 3A, table 3-2, IA-32e mode). */
#define SYS_TYPE_TSS_AVAIL 0x9
#define SYS_TYPE_TSS_BUSY 0xB
#define SYS_TYPE_INTR_GATE 0xE
#define SYS_TYPE_TRAP_GATE 0xF

/* A flat code or data descriptor: base 0, limit 0xfffff pages. */
#define SEG_DESC(access, flags)                                                \
	((_ULL(0xffff)) | (_ULL(0xf) << 48) | ((_ULL(0) + (access)) << 40) |  \
	 ((_ULL(0) + (flags)) << 52))

#define SEG_KERNEL_CODE64                                                      \
	SEG_DESC(SEG_ACC_PRESENT | SEG_ACC_S | SEG_ACC_CODE | SEG_ACC_RW |     \
			 SEG_ACC_DPL(0) | SEG_ACC_ACCESSED,                    \
		 SEG_FLAG_L | SEG_FLAG_G)
#define SEG_KERNEL_DATA                                                        \
	SEG_DESC(SEG_ACC_PRESENT | SEG_ACC_S | SEG_ACC_RW | SEG_ACC_DPL(0) |   \
			 SEG_ACC_ACCESSED,                                     \
		 SEG_FLAG_DB | SEG_FLAG_G)
#define SEG_USER_CODE32                                                        \
	SEG_DESC(SEG_ACC_PRESENT | SEG_ACC_S | SEG_ACC_CODE | SEG_ACC_RW |     \
			 SEG_ACC_DPL(3) | SEG_ACC_ACCESSED,                    \
		 SEG_FLAG_DB | SEG_FLAG_G)
#define SEG_USER_CODE64                                                        \
	SEG_DESC(SEG_ACC_PRESENT | SEG_ACC_S | SEG_ACC_CODE | SEG_ACC_RW |     \
			 SEG_ACC_DPL(3) | SEG_ACC_ACCESSED,                    \
		 SEG_FLAG_L | SEG_FLAG_G)
#define SEG_USER_DATA                                                          \
	SEG_DESC(SEG_ACC_PRESENT | SEG_ACC_S | SEG_ACC_RW | SEG_ACC_DPL(3) |   \
			 SEG_ACC_ACCESSED,                                     \
		 SEG_FLAG_DB | SEG_FLAG_G)

/* IST slots in the TSS (1-based, as the gate descriptor encodes them). */
#define IST_DOUBLE_FAULT 1
#define IST_NMI 2
#define IST_MACHINE_CHECK 3
#define IST_DEBUG 4
#define IST_COUNT 4

#endif
