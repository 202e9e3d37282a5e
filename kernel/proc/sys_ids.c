// SPDX-License-Identifier: MIT
/*
 * Whom a process is with, besides its parent: its process group and its
 * session (getpgid, getpgrp, setpgid, getsid, setsid; wait4's pid 0 and
 * -pgid are in kernel/proc/proc.c). And two settings a libc makes and reads
 * back: the file mode creation mask (umask) and the head of a thread's
 * robust futex list (set_robust_list, get_robust_list).
 *
 * A process group is the processes that share a pgid, a session those
 * that share a sid; neither is an object of its own, but a group's
 * processes are found in a chain of the pgrp hash, with no walk of every
 * process (kernel/proc/pid.c). A group's id is the
 * pid of the process that made it (setpgid or setsid), a session's the
 * pid of its leader, the process that called setsid. They belong to a
 * process, not a thread: they live in its first thread (the leader), as
 * the umask does, which threads share (CLONE_FS). Every program the
 * kernel starts itself leads a new group and session, as init does; fork
 * copies both ids and execve keeps them. The rules and error numbers are
 * Linux's (kernel/sys.c), and as there a zombie keeps its ids, and its
 * group, until it is reaped.
 *
 * kill(0) and kill(-pgid) signal a group (kernel/proc/sys_signal.c), and
 * ctrl-C and ctrl-Z the console's foreground group. The console is the
 * controlling terminal of one session (kernel/drivers/tty_ioctl.c has
 * TIOCSPGRP and friends). The umask waits for the first call that
 * creates a file. The robust list's head is recorded, but the
 * kernel does not walk the list when a thread ends, as Linux does to
 * mark each mutex on it FUTEX_OWNER_DIED and wake a waiter: that comes
 * with futexes.
 */
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <uapi/errno.h>

/* Linux's init_fs.umask: others and the group may not write. */
#define UMASK_DEFAULT 022
/* What umask keeps of its argument: the permission bits (S_IRWXUGO). */
#define UMASK_BITS 0777

void ids_init(struct process *p)
{
	p->sid = p->pid;
	proc_set_pgid(p, p->pid);
	p->umask = UMASK_DEFAULT;
	p->cwd = root_inode ? iget(root_inode) : NULL;
}

/* The process (its leader, which holds the ids) of thread @pid, or NULL. */
static struct process *find_any(int pid)
{
	struct process *p = find_thread_any(pid);

	return p ? p->leader : NULL;
}

/* A member of process group @pgid, zombies included, or NULL. Every
 * member of a group is in the same session: setpgid moves a process only
 * within its session, and setsid only makes a group that did not exist. */
static const struct process *group_member(int pgid)
{
	const struct process *p;

	for_each_in_pgrp(p, pgid)
		if (p->state != PROC_UNUSED)
			return p;
	return NULL;
}

/* Linux keeps a flag; here the leader is the one whose pid names the
 * session, since pids are never reused. */
static bool session_leader(const struct process *p)
{
	return p->sid == p->pid;
}

/* --- process groups -------------------------------------------------- */

/** sys_getpgid - getpgid(pid): the process group of @pid (0: the caller) */
long sys_getpgid(struct pt_regs *regs)
{
	int pid = (int)regs->rdi;
	const struct process *p = pid ? find_any(pid) : current->leader;

	return p ? p->pgid : -ESRCH;
}

/** sys_getpgrp - getpgrp(): the caller's process group */
long sys_getpgrp(struct pt_regs *regs)
{
	(void)regs;
	return current->leader->pgid;
}

/**
 * sys_setpgid - setpgid(pid, pgid): move @pid (0: the caller) into group
 * @pgid (0: @pid, a new group that @pid leads)
 *
 * Linux's checks, in Linux's order: -EINVAL for a negative @pgid; -ESRCH
 * unless @pid is the caller or its child; for a child, -EPERM if it is in
 * another session and -EACCES once it has called execve; -EPERM for a
 * session leader, and for a group that does not exist in the caller's
 * session.
 */
long sys_setpgid(struct pt_regs *regs)
{
	int pid = (int)regs->rdi, pgid = (int)regs->rsi;
	struct process *self = current->leader, *p;
	const struct process *g;

	if (!pid)
		pid = self->pid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	p = find_any(pid);
	if (!p)
		return -ESRCH;
	if (p->parent == self) {
		if (p->sid != self->sid)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	} else if (p != self) {
		return -ESRCH;
	}
	if (session_leader(p))
		return -EPERM;
	if (pgid != pid) {
		g = group_member(pgid);
		if (!g || g->sid != self->sid)
			return -EPERM;
	}
	proc_set_pgid(p, pgid);
	return 0;
}

/* --- sessions --------------------------------------------------------- */

/** sys_getsid - getsid(pid): the session of @pid (0: the caller) */
long sys_getsid(struct pt_regs *regs)
{
	int pid = (int)regs->rdi;
	const struct process *p = pid ? find_any(pid) : current->leader;

	return p ? p->sid : -ESRCH;
}

/**
 * sys_setsid - setsid(): make the caller the leader of a new session and
 * of a new group in it, both named by its pid, and return that id.
 * -EPERM if it leads a session already, or if a group with its pid as id
 * exists (it leads one, or led one that still has members).
 */
long sys_setsid(struct pt_regs *regs)
{
	struct process *self = current->leader;

	(void)regs;
	if (session_leader(self) || group_member(self->pid))
		return -EPERM;
	self->sid = self->pid;
	proc_set_pgid(self, self->pid);
	self->has_tty = false; /* a new session has no terminal yet */
	return self->pid;
}

/**
 * pgrp_in_my_session - may the caller name process group @pgid (the
 * console's foreground, kernel/drivers/tty_ioctl.c)? 0; -EINVAL for a negative id,
 * -ESRCH when no such group exists, -EPERM when it is another session's
 * (Linux's checks for TIOCSPGRP).
 */
int pgrp_in_my_session(int pgid)
{
	const struct process *g;

	if (pgid < 0)
		return -EINVAL;
	g = group_member(pgid);
	if (!g)
		return -ESRCH;
	return g->sid == current->leader->sid ? 0 : -EPERM;
}

/**
 * pgrp_orphaned - is group @pgid orphaned: has none of its processes a
 * parent in another group of the same session (POSIX; Linux's
 * will_become_orphaned_pgrp)? Nobody is left to continue such a group,
 * so the terminal's stop signals do not stop it (kernel/proc/signal.c),
 * and its reads of the terminal fail with EIO instead of SIGTTIN
 * (kernel/drivers/tty_ioctl.c). Linux does not count a parent that is
 * init, which adopts orphans (kernel/proc/exit.c): a group does not stop
 * being orphaned by that. Here pid 1 is also the first program of the
 * boot list, the parent of its own jobs as a shell would be, so only
 * pid 1 as a child's adoptive parent is not counted.
 */
bool pgrp_orphaned(int pgid)
{
	const struct process *p;

	for_each_in_pgrp(p, pgid) {
		const struct process *parent = p->parent;

		if (!p->threads)
			continue;
		if (parent && !p->adopted_by_init && parent->pgid != pgid &&
		    parent->sid == p->sid)
			return false;
	}
	return true;
}

/* --- the file mode creation mask -------------------------------------- */

/** sys_umask - umask(mask): set the mask to @mask & 0777, return the old */
long sys_umask(struct pt_regs *regs)
{
	unsigned int old = current->leader->umask;

	current->leader->umask = (unsigned int)regs->rdi & UMASK_BITS;
	return old;
}

/* --- robust futex lists ----------------------------------------------- */

/**
 * sys_set_robust_list - set_robust_list(head, len): remember where the
 * calling thread's list of robust mutexes starts
 *
 * @len must be sizeof(struct robust_list_head), 24, else -EINVAL; Linux
 * keeps only the head, and so does this kernel. Any @head is accepted, a
 * kernel address too, as in Linux: it is read only when the thread ends,
 * through copy_from_user (once the kernel walks the list at all; it does
 * not yet). fork gives the child no list, execve drops it.
 */
long sys_set_robust_list(struct pt_regs *regs)
{
	if (regs->rsi != sizeof(struct robust_list_head))
		return -EINVAL;
	current->robust_list = regs->rdi;
	return 0;
}

/**
 * sys_get_robust_list - get_robust_list(pid, head_ptr, len_ptr): store
 * the list head of @pid (0: the caller) in *head_ptr and its size, 24,
 * in *len_ptr. -ESRCH if there is no such process; -EFAULT, as Linux,
 * after writing *len_ptr first.
 */
long sys_get_robust_list(struct pt_regs *regs)
{
	int pid = (int)regs->rdi;
	const struct process *p = pid ? find_thread_any(pid) : current;
	uint64_t len = sizeof(struct robust_list_head);

	if (!p)
		return -ESRCH;
	if (copy_to_user(regs->rdx, &len, sizeof(len)) ||
	    copy_to_user(regs->rsi, &p->robust_list, sizeof(p->robust_list)))
		return -EFAULT;
	return 0;
}
