/* SPDX-License-Identifier: MIT */
/* CPUID (Intel SDM Vol. 2A, CPUID). */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include <kernel/msr.h>

#define CPUID_EDX_SEP BIT(11)          /* leaf 1: SYSENTER/SYSEXIT */
#define CPUID_EXT_EDX_SYSCALL BIT(11)  /* leaf 0x80000001: SYSCALL/SYSRET */
#define CPUID_EDX_FXSR BIT(24)         /* leaf 1: FXSAVE/FXRSTOR */
#define CPUID_EDX_SSE BIT(25)
#define CPUID_EDX_SSE2 BIT(26)
#define CPUID_EDX_TSC BIT(4)           /* leaf 1: RDTSC */
#define CPUID_ECX_RDRAND BIT(30)       /* leaf 1: RDRAND */
#define CPUID_7_EBX_RDSEED BIT(18)     /* leaf 7, subleaf 0: RDSEED */
#define CPUID_APM_EDX_INVARIANT_TSC BIT(8) /* leaf 0x80000007: constant rate */

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

/* Is @leaf within the range CPUID answers (basic or extended)? */
static inline bool cpuid_has_leaf(uint32_t leaf)
{
	return cpuid(leaf & 0x80000000u).eax >= leaf;
}

/* The time-stamp counter (Intel SDM Vol. 2B, RDTSC). Not serializing:
 * it may be read a little early relative to the code around it. */
static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

#endif
