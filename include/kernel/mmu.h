/* SPDX-License-Identifier: MIT */
/*
 * Virtual memory layout and page-table entry bits (Intel SDM Vol. 3A,
 * 4.5). Shared by boot/boot.S, linker.ld (through the C preprocessor) and C.
 *
 *   0x0000000000000000 - 0x00007fffffffffff  user space (per process)
 *   0xffff800000000000 - ...                 direct map of physical memory
 *   0xffffc00000000000 - ...                 process kernel stacks (guarded)
 *   0xffffd00000000000 - ...                 the framebuffer (write-combining)
 *   0xffffffff80000000 - 0xffffffffffffffff  kernel image (phys 0 + offset)
 */
#ifndef KERNEL_MMU_H
#define KERNEL_MMU_H

#include <kernel/const.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (_UL(1) << PAGE_SHIFT)
#define LARGE_PAGE_SIZE (_UL(1) << 21) /* 2 MiB, a PD entry with PS */

#define KERNEL_PHYS_BASE 0x100000 /* GRUB loads the image at 1 MiB */
#define KERNEL_VMA _UL(0xffffffff80000000)
#define PHYS_MAP_BASE _UL(0xffff800000000000)
#define KSTACK_REGION _UL(0xffffc00000000000) /* process kernel stacks */
#define FB_REGION _UL(0xffffd00000000000)     /* the framebuffer */
#define USER_SPACE_END _UL(0x0000800000000000)

/* The boot stub maps this much at 0, at PHYS_MAP_BASE and at KERNEL_VMA. */
#define BOOT_MAP_SIZE (_UL(1) << 30)

#define PTE_PRESENT BIT(0)
#define PTE_WRITE BIT(1)
#define PTE_USER BIT(2)
#define PTE_PWT BIT(3)
#define PTE_PCD BIT(4)
#define PTE_ACCESSED BIT(5)
#define PTE_DIRTY BIT(6)
#define PTE_PS BIT(7) /* 2 MiB page in a PD entry */
#define PTE_GLOBAL BIT(8)
/* Bits 9-11 are the software's. A user page shared between address
 * spaces (MAP_SHARED): its owner frees it, not the page tables. */
#define PTE_SW_SHARED BIT(9)
#define PTE_NX (_UL(1) << 63)
#define PTE_ADDR_MASK _UL(0x000ffffffffff000)

#define PML4_INDEX(va) (((va) >> 39) & 511)
#define PDPT_INDEX(va) (((va) >> 30) & 511)
#define PD_INDEX(va) (((va) >> 21) & 511)
#define PT_INDEX(va) (((va) >> 12) & 511)

/* Page-fault error code bits (SDM Vol. 3A, 4.7). */
#define PF_PRESENT BIT(0)
#define PF_WRITE BIT(1)
#define PF_USER BIT(2)
#define PF_RSVD BIT(3)
#define PF_INSTR BIT(4)

#ifndef __ASSEMBLER__
#include <stdint.h>

#define PHYS_TO_VIRT(pa) ((void *)((uintptr_t)(pa) + PHYS_MAP_BASE))
/* The reverse, for a page seen through the direct map (alloc_page's). */
#define DIRECT_TO_PHYS(va) ((uint64_t)(uintptr_t)(va) - PHYS_MAP_BASE)
#define KERNEL_VIRT_TO_PHYS(va) ((uintptr_t)(va) - KERNEL_VMA)

static inline int is_canonical(uint64_t va)
{
	return (uint64_t)((int64_t)(va << 16) >> 16) == va;
}
#endif

#endif
