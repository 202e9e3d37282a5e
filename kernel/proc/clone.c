// SPDX-License-Identifier: MIT
/*
 * Making processes and threads: clone, fork and vfork.
 *
 * All three are clone() with different flags, as in Linux. Without
 * CLONE_VM the child gets a copy of the caller's memory: its page
 * tables and private pages, shared copy-on-write until one side writes
 * to them (kernel/mm/vm.c); with CLONE_VM, parent and child share
 * one address space, which is what a thread is (CLONE_THREAD puts it in
 * the caller's process, with the caller's process id) and what vfork()
 * lends its child until the child calls execve or ends. The child starts with a copy of the
 * caller's registers, returning 0, by IRETQ from its own kernel stack.
 *
 * Only the flags below are known. CLONE_FILES shares the descriptor
 * table (without it the child gets a copy). CLONE_FS, CLONE_SIGHAND and
 * CLONE_SYSVSEM are accepted with Linux's rules between them, but share
 * nothing yet, because there are no cwd, handlers or semaphores yet; namespaces, ptrace, CLONE_PARENT, CLONE_PIDFD and the rest are
 * refused with -EINVAL rather than half made.
 */
#include <kernel/console.h>
#include <kernel/mmu.h>
#include <kernel/pmm.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/sched.h>
#include <uapi/wait.h>

#define CLONE_KNOWN                                                          \
	(CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |       \
	 CLONE_VFORK | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |         \
	 CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID |   \
	 CLONE_DETACHED)

/* The arguments of clone(2), in x86-64 Linux's order. */
struct clone_args {
	uint64_t flags, stack, parent_tid, child_tid, tls;
};

/* Linux's rules (kernel/fork.c, copy_process()); 0 or -errno. */
static long check_flags(const struct clone_args *a)
{
	if (a->flags & ~(uint64_t)CLONE_KNOWN)
		return -EINVAL;
	/* A thread shares its process's handlers, which need its memory. */
	if ((a->flags & CLONE_THREAD) && !(a->flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((a->flags & CLONE_SIGHAND) && !(a->flags & CLONE_VM))
		return -EINVAL;
	if ((a->flags & CLONE_SETTLS) && a->tls >= TLS_BASE_LIMIT)
		return -EPERM; /* as arch_prctl(ARCH_SET_FS) */
	return 0;
}

/*
 * Pages a fork must leave free: copy-on-write defers the copies, and the
 * first of them come at once, when parent and child write to their
 * stacks and data on the way out of fork (a copy of each page table
 * written under, then of each page). A fork that would leave fewer
 * fails with -ENOMEM, so that memory running out ends a fork, which can
 * say so, rather than a process in its first write after one (which
 * only SIGKILL could end, as any touch that finds no page).
 */
#define FORK_RESERVE_PAGES 64

/* The child's memory: shared, or a copy-on-write copy. */
static struct address_space *child_memory(uint64_t flags)
{
	struct address_space *as;

	if (flags & CLONE_VM)
		return vm_get(current->as);
	as = vm_new();
	if (!as)
		return NULL;
	if (!vm_clone(as, current->as) ||
	    pmm_free_pages() < FORK_RESERVE_PAGES) {
		vm_put(as);
		return NULL;
	}
	vm_inherit(as, current->as);
	return as;
}

/* Sleep until the vfork child @child lets go of our memory. */
static void vfork_wait(struct process *child)
{
	current->vfork_child = child->pid;
	child->vfork_parent = current->pid;
	while (current->vfork_child && !current->killed)
		sleep_on(&current->vfork_child);
	current->vfork_child = 0;
}

/*
 * vfork_release - the vfork child @p has called execve or is ending: its
 * parent may run again. The parent is found by thread id, not pointer:
 * it may have been killed and freed meanwhile.
 */
void vfork_release(struct process *p)
{
	struct process *parent;

	if (!p->vfork_parent)
		return;
	parent = find_thread(p->vfork_parent);
	p->vfork_parent = 0;
	if (parent && parent->vfork_child == p->pid) {
		parent->vfork_child = 0;
		wakeup(&parent->vfork_child);
	}
}

static long do_clone(struct pt_regs *regs, const struct clone_args *a)
{
	struct process *child;
	struct pt_regs *cregs;
	long err = check_flags(a);
	int tid;

	if (err)
		return err;
	child = alloc_proc();
	if (!child)
		return -ENOMEM;
	child->as = child_memory(a->flags);
	child->files = a->flags & CLONE_FILES ? fd_table_get(current->files)
					      : fd_table_copy(current->files);
	child->sighand = a->flags & CLONE_SIGHAND
				 ? sighand_get(current->sighand)
				 : sighand_copy(current->sighand);
	if (!child->as || !child->files || !child->sighand) {
		free_proc(child);
		return -ENOMEM;
	}
	strlcpy(child->name, current->name, sizeof(child->name));
	child->abi = current->abi;
	child->syscall_table = current->syscall_table;
	child->sigmask = current->sigmask;
	child->sigpending = true; /* its process's signals, if a thread */
	/* The alternate stack is the child's too, unless it runs beside us
	 * in our memory (a thread), where it would share it (Linux). */
	if ((a->flags & (CLONE_VM | CLONE_VFORK)) != CLONE_VM) {
		child->altstack_sp = current->altstack_sp;
		child->altstack_size = current->altstack_size;
		child->altstack_autodisarm = current->altstack_autodisarm;
	}
	child->fs_base = current->fs_base;
	child->gs_base = current->gs_base;
	fpu_copy(child, current);
	memcpy(child->rlimits, current->leader->rlimits, sizeof(child->rlimits));
	/* The process's ids and umask (kernel/proc/sys_ids.c), which a thread
	 * reads from its leader. */
	proc_set_pgid(child, current->leader->pgid);
	child->sid = current->leader->sid;
	child->has_tty = current->leader->has_tty;
	child->umask = current->leader->umask;
	child->undumpable = current->leader->undumpable;
	iput(child->cwd); /* alloc_proc's root: the parent's instead */
	child->cwd = iget(current->leader->cwd);
	if (a->flags & CLONE_THREAD) {
		proc_join_group(child, current->leader);
	} else {
		proc_set_parent(child, current->leader);
		child->exit_signal = a->flags & CSIGNAL;
	}
	if (a->flags & CLONE_SETTLS)
		child->fs_base = a->tls;
	if (a->flags & CLONE_CHILD_SETTID)
		child->set_child_tid = a->child_tid; /* see schedule_tail() */
	if (a->flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = a->child_tid;

	cregs = initial_frames(child);
	*cregs = *regs;
	cregs->rax = 0;
	if (a->stack)
		cregs->rsp = a->stack;
	/* The child returns by IRETQ, with what the entry's ABI promises. */
	syscall_fixup_frame(cregs);

	tid = child->pid;
	/* As Linux, a parent_tid that cannot be written is not an error. */
	if (a->flags & CLONE_PARENT_SETTID)
		(void)copy_to_user(a->parent_tid, &tid, sizeof(tid));
	make_runnable(child);
	if (a->flags & CLONE_VFORK)
		vfork_wait(child);
	return tid;
}

/**
 * schedule_tail - the first thing a new child does, on its own stack and
 * in its own memory (from ret_from_fork): CLONE_CHILD_SETTID's write, and
 * the check every return to ring 3 makes of the stack pointer (clone's
 * stack argument is the caller's to choose: see choose_return())
 */
void schedule_tail(struct pt_regs *regs)
{
	int tid = current->pid;

	if (!is_canonical(regs->rsp))
		task_kill(regs, "stack pointer %#lx cannot be returned to",
			  regs->rsp);
	if (current->set_child_tid)
		(void)copy_to_user(current->set_child_tid, &tid, sizeof(tid));
	current->set_child_tid = 0;
}

/**
 * sys_clone - clone(flags, stack, parent_tid, child_tid, tls)
 *
 * Returns the child's thread id (its process id unless CLONE_THREAD), 0
 * in the child; -EINVAL for flags not supported or against Linux's
 * rules, -EPERM for a TLS base outside user space, -ENOMEM.
 */
long sys_clone(struct pt_regs *regs)
{
	struct clone_args a = {
		.flags = regs->rdi,
		.stack = regs->rsi,
		.parent_tid = regs->rdx,
		.child_tid = regs->r10,
		.tls = regs->r8,
	};

	return do_clone(regs, &a);
}

/** sys_fork - a copy of the calling process, returning 0 in the child */
long sys_fork(struct pt_regs *regs)
{
	struct clone_args a = { .flags = SIGCHLD };

	return do_clone(regs, &a);
}

/**
 * sys_vfork - a child that borrows the caller's memory, while the caller
 * sleeps until the child calls execve or ends
 */
long sys_vfork(struct pt_regs *regs)
{
	struct clone_args a = { .flags = CLONE_VM | CLONE_VFORK | SIGCHLD };

	return do_clone(regs, &a);
}
