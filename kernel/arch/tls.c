// SPDX-License-Identifier: MIT
/*
 * Thread-local storage: the FS and GS base of each process.
 *
 * A libc points FS at its thread control block with arch_prctl
 * (ARCH_SET_FS) and reads TLS variables as %fs:offset. The bases live in
 * MSRs (IA32_FS_BASE, IA32_GS_BASE; Intel SDM Vol. 3A, 3.4.4), which the
 * kernel itself does not use (it never runs SWAPGS), so each switch
 * simply loads the next process's values. CR4.FSGSBASE stays clear:
 * ring 3 cannot change a base without the kernel, except by loading a
 * selector into FS or GS, which resets the base to the descriptor's 0
 * and is the program's own business.
 */
#include <kernel/msr.h>
#include <kernel/proc.h>
#include <kernel/uaccess.h>
#include <uapi/errno.h>
#include <uapi/mman.h> /* ARCH_* */

void tls_switch_to(const struct process *p)
{
	wrmsr(MSR_FS_BASE, p->fs_base);
	wrmsr(MSR_GS_BASE, p->gs_base);
}

/**
 * sys_arch_prctl - arch_prctl(code, addr): set or get the FS/GS base
 *
 * A base that is not a user address (non-canonical, or in the kernel
 * half) fails with -EPERM, as in Linux: the MSR would take a kernel
 * address, but a later WRMSR of a non-canonical one raises #GP in ring 0.
 */
long sys_arch_prctl(struct pt_regs *regs)
{
	uint64_t addr = regs->rsi, value;

	switch (regs->rdi) {
	case ARCH_SET_FS:
	case ARCH_SET_GS:
		if (addr >= TLS_BASE_LIMIT)
			return -EPERM;
		if (regs->rdi == ARCH_SET_FS)
			current->fs_base = addr;
		else
			current->gs_base = addr;
		tls_switch_to(current);
		return 0;
	case ARCH_GET_FS:
	case ARCH_GET_GS:
		value = regs->rdi == ARCH_GET_FS ? current->fs_base
						 : current->gs_base;
		if (copy_to_user(addr, &value, sizeof(value)))
			return -EFAULT;
		return 0;
	default:
		return -EINVAL;
	}
}
