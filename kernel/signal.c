// SPDX-License-Identifier: MIT
/*
 * Signals. For now only the blocked-signal mask, which every libc sets
 * around fork and thread creation; handlers and delivery come with the
 * signal work (docs/syscalls.md lists what exists).
 */
#include <kernel/proc.h>
#include <kernel/uaccess.h>
#include <uapi/errno.h>
#include <uapi/mman.h> /* SIG_BLOCK, ... */

#define SIG_BIT(sig) (1ull << ((sig) - 1))
/* SIGKILL and SIGSTOP cannot be blocked; Linux drops them silently. */
#define UNBLOCKABLE (SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP))

/**
 * sys_rt_sigprocmask - rt_sigprocmask(how, set, oldset, sigsetsize)
 *
 * The mask is stored, returned, inherited by fork and kept by execve, as
 * in Linux. -EINVAL for a sigsetsize other than 8 or an unknown @how,
 * -EFAULT for an unreadable @set or unwritable @oldset (the new mask is
 * set all the same: m-badcalls compares this with Linux).
 */
long sys_rt_sigprocmask(struct pt_regs *regs)
{
	int how = (int)regs->rdi;
	uint64_t uset = regs->rsi, uold = regs->rdx, set, old = current->sigmask;

	if (regs->r10 != sizeof(uint64_t))
		return -EINVAL;
	if (uset) {
		if (copy_from_user(&set, uset, sizeof(set)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK:
			current->sigmask |= set;
			break;
		case SIG_UNBLOCK:
			current->sigmask &= ~set;
			break;
		case SIG_SETMASK:
			current->sigmask = set;
			break;
		default:
			return -EINVAL;
		}
		current->sigmask &= ~UNBLOCKABLE;
	}
	/* As in Linux, the new mask stays even when @oldset is bad. */
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
