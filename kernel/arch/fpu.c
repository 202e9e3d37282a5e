// SPDX-License-Identifier: MIT
/*
 * x87/SSE state of user programs: one 512-byte FXSAVE area per process.
 *
 * CR0 and CR4 are set for SSE (Intel SDM Vol. 3A, 13.1.3): EM clear (no
 * emulation), MP and NE set (x87 errors raise #MF), OSFXSR (FXSAVE/
 * FXRSTOR and SSE instructions) and OSXMMEXCPT (unmasked SIMD errors
 * raise #XM). CR4.OSXSAVE stays clear, so CPUID tells programs there is
 * no AVX and libcs stay with the 512-byte FXSAVE state. #MF and #XM in
 * ring 3 end the process with SIGFPE (kernel/proc/proc.c).
 *
 * The registers hold one process's state at a time, its "owner". A
 * switch saves and loads only when the next process is not the owner:
 * a process that yields to nobody, or to processes that are not run in
 * between, keeps its registers. Two policies, chosen with fpu=eager
 * (the default) or fpu=lazy on the kernel command line:
 *   eager  the switch itself does FXSAVE (old owner) + FXRSTOR (new);
 *   lazy   the switch sets CR0.TS; the process's first FPU/SSE
 *          instruction raises #NM, which does the same save and load.
 * `make bench` measures both (bench "fpu" rows).
 */
#include <kernel/cmdline.h>
#include <kernel/console.h>
#include <kernel/cpu.h>
#include <kernel/fpu.h>
#include <kernel/io.h>
#include <kernel/multiboot2.h>
#include <kernel/panic.h>
#include <kernel/proc.h>
#include <lib/string.h>

static struct process *fpu_owner;
static bool lazy;
static uint32_t mxcsr_mask = 0xffbf; /* the default when FXSAVE reports 0 */

static inline void fxsave(struct fpu_state *s)
{
	__asm__ volatile("fxsave64 %0" : "=m"(*s));
}

static inline void fxrstor(const struct fpu_state *s)
{
	__asm__ volatile("fxrstor64 %0" : : "m"(*s));
}

static inline void clts(void)
{
	__asm__ volatile("clts" ::: "memory");
}

static void set_ts(void)
{
	write_cr0(read_cr0() | CR0_TS);
}

/**
 * fpu_init - turn on SSE and choose the switching policy
 *
 * Every x86-64 CPU has FXSR, SSE and SSE2 (AMD64 baseline); a CPU that
 * says otherwise cannot run the programs this kernel loads.
 */
void fpu_init(void)
{
	static struct fpu_state probe;
	struct cpuid_regs r = cpuid(1);
	uint32_t need = CPUID_EDX_FXSR | CPUID_EDX_SSE | CPUID_EDX_SSE2;
	char mode[8] = "";

	if ((r.edx & need) != need)
		panic("fpu: the CPU lacks FXSAVE, SSE or SSE2");
	write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	write_cr4((read_cr4() & ~CR4_OSXSAVE) | CR4_OSFXSR | CR4_OSXMMEXCPT);
	__asm__ volatile("fninit");
	fxsave(&probe);
	if (probe.mxcsr_mask)
		mxcsr_mask = probe.mxcsr_mask;
	cmdline_get(boot_info.cmdline, "fpu", mode, sizeof(mode));
	lazy = !strcmp(mode, "lazy");
	printk("fpu: x87 and SSE on (FXSAVE, no XSAVE/AVX), %s switching\n",
	       fpu_mode_name());
}

const char *fpu_mode_name(void)
{
	return lazy ? "lazy" : "eager";
}

uint32_t fpu_mxcsr_mask(void)
{
	return mxcsr_mask;
}

void fpu_reset(struct process *p)
{
	memset(&p->fpu, 0, sizeof(p->fpu));
	p->fpu.fcw = FPU_DEFAULT_FCW;
	p->fpu.mxcsr = FPU_DEFAULT_MXCSR;
	if (fpu_owner == p) {
		/* Its registers hold the old program's values: load the new. */
		fpu_owner = NULL;
		fpu_switch_to(p);
	}
}

void fpu_copy(struct process *dst, struct process *src)
{
	if (fpu_owner == src) {
		clts();
		fxsave(&src->fpu);
		if (lazy && src != current)
			set_ts();
	}
	dst->fpu = src->fpu;
}

/* Bring @p's saved state up to date with its registers (a signal
 * frame copies it to the user stack). */
void fpu_save(struct process *p)
{
	if (fpu_owner == p) {
		clts();
		fxsave(&p->fpu);
		if (lazy && p != current)
			set_ts();
	}
}

/* @p's saved state was changed (sigreturn): its registers must be
 * loaded from it again. */
void fpu_reload(struct process *p)
{
	if (fpu_owner == p) {
		fpu_owner = NULL;
		if (p == current)
			fpu_switch_to(p);
	}
}

/* Save the owner's registers and load @p's. */
static void load(struct process *p)
{
	clts();
	if (fpu_owner)
		fxsave(&fpu_owner->fpu);
	fxrstor(&p->fpu);
	fpu_owner = p;
}

void fpu_switch_to(struct process *p)
{
	if (fpu_owner == p)
		clts();
	else if (lazy)
		set_ts();
	else
		load(p);
}

void fpu_release(struct process *p)
{
	if (fpu_owner == p)
		fpu_owner = NULL;
}

bool fpu_device_not_available(void)
{
	if (!current || !(read_cr0() & CR0_TS))
		return false;
	load(current);
	return true;
}
