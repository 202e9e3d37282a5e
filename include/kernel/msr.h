/* SPDX-License-Identifier: MIT */
/* Model-specific registers and control-register bits (Intel SDM Vol. 4). */
#ifndef KERNEL_MSR_H
#define KERNEL_MSR_H

#include <kernel/const.h>

#define MSR_IA32_SYSENTER_CS 0x174
#define MSR_IA32_SYSENTER_ESP 0x175
#define MSR_IA32_SYSENTER_EIP 0x176
#define MSR_IA32_PAT 0x277
#define PAT_WC 0x01 /* memory type encodings in IA32_PAT */
#define MSR_EFER 0xc0000080
#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_FMASK 0xc0000084
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102

#define EFER_SCE BIT(0)  /* SYSCALL/SYSRET enable */
#define EFER_LME BIT(8)  /* long mode enable */
#define EFER_LMA BIT(10) /* long mode active (read-only) */
#define EFER_NXE BIT(11) /* no-execute page bit enable */

#define CR0_PE BIT(0)
#define CR0_MP BIT(1)  /* WAIT/FWAIT honour TS */
#define CR0_EM BIT(2)  /* x87 emulation: must be clear for SSE */
#define CR0_TS BIT(3)  /* task switched: the next FPU/SSE use raises #NM */
#define CR0_NE BIT(5)  /* x87 errors raise #MF, not IRQ 13 */
#define CR0_WP BIT(16) /* ring 0 honours read-only pages */
#define CR0_PG BIT(31)
#define CR4_PAE BIT(5)
#define CR4_OSFXSR BIT(9)     /* FXSAVE/FXRSTOR and SSE enabled */
#define CR4_OSXMMEXCPT BIT(10) /* unmasked SSE exceptions raise #XM */
#define CR4_OSXSAVE BIT(18)   /* XSAVE and AVX: left clear */

#define RFLAGS_CF BIT(0)
#define RFLAGS_FIXED BIT(1) /* always reads as 1 */
#define RFLAGS_TF BIT(8)
#define RFLAGS_IF BIT(9)
#define RFLAGS_DF BIT(10)
#define RFLAGS_IOPL (BIT(12) | BIT(13))
#define RFLAGS_NT BIT(14)
#define RFLAGS_RF BIT(16)
#define RFLAGS_AC BIT(18)

/* CPUID leaf 0x80000001, EDX */
#define CPUID_EXT_EDX_NX BIT(20)
#define CPUID_EXT_EDX_LM BIT(29)

#ifndef __ASSEMBLER__
#include <stdint.h>

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t value)
{
	__asm__ volatile("wrmsr"
			 :
			 : "c"(msr), "a"((uint32_t)value),
			   "d"((uint32_t)(value >> 32)));
}
#endif

#endif
