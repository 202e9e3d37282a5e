/* SPDX-License-Identifier: MIT */
/* CPUID (Intel SDM Vol. 2A, CPUID). */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include <stdint.h>

#include <kernel/msr.h>

#define CPUID_EDX_SEP BIT(11)          /* leaf 1: SYSENTER/SYSEXIT */
#define CPUID_EXT_EDX_SYSCALL BIT(11)  /* leaf 0x80000001: SYSCALL/SYSRET */
#define CPUID_EDX_FXSR BIT(24)         /* leaf 1: FXSAVE/FXRSTOR */
#define CPUID_EDX_SSE BIT(25)
#define CPUID_EDX_SSE2 BIT(26)

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid(uint32_t leaf)
{
	struct cpuid_regs r;

	__asm__ volatile("cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(0));
	return r;
}

#endif
