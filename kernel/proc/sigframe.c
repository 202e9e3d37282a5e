// SPDX-License-Identifier: MIT
/*
 * The signal frame: what do_signal() (kernel/proc/signal.c) writes on the
 * user stack to run a handler, Linux's x86-64 rt_sigframe, and
 * rt_sigreturn, which reads it back when the handler returns and checks
 * every value before the kernel returns through it (docs/syscalls.md
 * sections 16.2 and 16.3). The alternate signal stack is chosen here too.
 */
#include <stddef.h>

#include <kernel/console.h>
#include <kernel/fpu.h>
#include <kernel/msr.h>
#include <kernel/proc.h>
#include <kernel/segment.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define RED_ZONE 128 /* the ABI's: below RSP, leaf functions' own */

_Static_assert(sizeof(struct kernel_siginfo) == 128, "siginfo is 128 bytes");
_Static_assert(sizeof(struct sigcontext64) == 256, "sigcontext");
_Static_assert(sizeof(struct ucontext64) == 304, "ucontext");

/* --- the frame ------------------------------------------------------------ */

bool on_altstack(const struct process *p, uint64_t sp)
{
	return p->altstack_size && sp > p->altstack_sp &&
	       sp - p->altstack_sp <= p->altstack_size;
}

sigstack_t altstack_of(const struct process *p, uint64_t sp)
{
	sigstack_t s = { p->altstack_sp, 0, 0, p->altstack_size };

	if (!p->altstack_size)
		s.ss_flags = SS_DISABLE;
	else if (on_altstack(p, sp))
		s.ss_flags = SS_ONSTACK;
	s.ss_flags |= (int32_t)p->altstack_autodisarm;
	return s;
}

/* End the current process with @sig: the frame cannot be made or
 * trusted (Linux sends SIGSEGV; nothing here can catch it then). */
static __attribute__((noreturn)) void frame_fault(struct pt_regs *regs,
						  const char *why)
{
	current->result.how = TASK_KILLED;
	current->result.vector = TASK_NO_VECTOR;
	current->result.rip = regs->rip;
	color_printk(RED, BLACK, "pid %d (%s): killed by SIGSEGV: %s\n",
		     current->pid, current->name, why);
	proc_exit(SIGSEGV);
}

/* Write the frame for @sig and point @regs at the handler (do_signal). */
void setup_frame(int sig, struct kernel_sigaction *ka,
			const struct kernel_siginfo *info, struct pt_regs *regs,
			uint64_t oldmask)
{
	struct rt_sigframe f;
	struct sigcontext64 *sc = &f.uc.uc_mcontext;
	uint64_t sp = regs->rsp, fpstate, frame;

	if ((ka->flags & SA_ONSTACK) && current->altstack_size &&
	    !on_altstack(current, sp))
		sp = current->altstack_sp + current->altstack_size;
	else
		sp -= RED_ZONE;
	fpstate = (sp - sizeof(struct fpu_state)) & ~63ull;
	frame = ((fpstate - sizeof(f)) & ~15ull) - 8; /* as after a call */

	memset(&f, 0, sizeof(f));
	f.pretcode = ka->restorer;
	f.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	f.uc.uc_stack = altstack_of(current, regs->rsp);
	*sc = (struct sigcontext64){
		.r8 = regs->r8, .r9 = regs->r9, .r10 = regs->r10,
		.r11 = regs->r11, .r12 = regs->r12, .r13 = regs->r13,
		.r14 = regs->r14, .r15 = regs->r15, .rdi = regs->rdi,
		.rsi = regs->rsi, .rbp = regs->rbp, .rbx = regs->rbx,
		.rdx = regs->rdx, .rax = regs->rax, .rcx = regs->rcx,
		.rsp = regs->rsp, .rip = regs->rip, .eflags = regs->rflags,
		.cs = (uint16_t)regs->cs, .ss = (uint16_t)regs->ss,
		.oldmask = oldmask, .fpstate = fpstate,
	};
	if (regs->vector < 32) { /* an exception: what the CPU said */
		sc->trapno = regs->vector;
		sc->err = regs->error_code;
		sc->cr2 = info->fault.addr;
	}
	f.uc.uc_sigmask = oldmask;
	f.info = *info;

	/* x86-64 Linux insists on a restorer: without one the handler has
	 * nowhere to return to. */
	if (!(ka->flags & SA_RESTORER))
		frame_fault(regs, "handler without SA_RESTORER");
	if (ka->handler < PAGE_SIZE || ka->handler >= USER_SPACE_END)
		frame_fault(regs, "handler outside user space");
	fpu_save(current);
	if (copy_to_user(fpstate, &current->fpu, sizeof(current->fpu)) ||
	    copy_to_user(frame, &f, sizeof(f)))
		frame_fault(regs, "cannot write the signal frame");

	regs->rdi = (uint64_t)sig;
	regs->rsi = frame + offsetof(struct rt_sigframe, info);
	regs->rdx = frame + offsetof(struct rt_sigframe, uc);
	regs->rax = 0;
	regs->rip = ka->handler;
	regs->rsp = frame;
	regs->rflags &= ~(RFLAGS_DF | RFLAGS_TF | RFLAGS_RF);
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	current->frame_replaced = true; /* return by IRETQ, as it is */
	if (current->altstack_autodisarm && on_altstack(current, frame + 8)) {
		current->altstack_sp = current->altstack_size = 0;
		current->altstack_autodisarm = 0;
	}

	/* The handler starts with a clean FPU (as Linux's) and with @sig
	 * and its sa_mask blocked. */
	fpu_reset(current);
	current->sigmask |= ka->mask;
	if (!(ka->flags & SA_NODEFER))
		current->sigmask |= SIG_BIT(sig);
	current->sigmask &= ~UNBLOCKABLE;
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
}

/* --- returning from a handler ------------------------------------------ */

/**
 * sys_rt_sigreturn - return from a handler: restore what the frame at
 * RSP - 8 saved, after checking every value the kernel would otherwise
 * trust (docs/syscalls.md 16.3); a bad frame ends the process.
 */
long sys_rt_sigreturn(struct pt_regs *regs)
{
	const uint64_t allowed_flags =
		RFLAGS_CF | RFLAGS_FIXED | BIT(2) | BIT(4) | BIT(6) | BIT(7) |
		RFLAGS_TF | RFLAGS_IF | RFLAGS_DF | BIT(11) | RFLAGS_RF |
		RFLAGS_AC | BIT(21);
	uint64_t frame = regs->rsp - 8;
	struct rt_sigframe f;

	/* Whatever RAX comes back, it is no interrupted call to restart. */
	regs->orig_rax = NO_SYSCALL;
	const struct sigcontext64 *sc = &f.uc.uc_mcontext;
	struct fpu_state fpu;

	if (copy_from_user(&f, frame, sizeof(f)))
		frame_fault(regs, "rt_sigreturn: frame not readable");
	if (!is_canonical(sc->rip) || sc->rip >= USER_SPACE_END)
		frame_fault(regs, "rt_sigreturn: RIP not a user address");
	if (!is_canonical(sc->rsp) || sc->rsp >= USER_SPACE_END)
		frame_fault(regs, "rt_sigreturn: RSP not a user address");
	if (sc->cs != USER_CS ||
	    (sc->ss != USER_DS && sc->ss != USER_DS_SYSEXIT))
		frame_fault(regs, "rt_sigreturn: not the user's CS or SS");
	if ((sc->eflags & ~allowed_flags) || !(sc->eflags & RFLAGS_IF))
		frame_fault(regs, "rt_sigreturn: forbidden RFLAGS bits");
	if (sc->fpstate) {
		if (copy_from_user(&fpu, sc->fpstate, sizeof(fpu)))
			frame_fault(regs, "rt_sigreturn: FPU state not readable");
		/* FXRSTOR faults on reserved MXCSR bits: never let it. */
		if (fpu.mxcsr & ~fpu_mxcsr_mask())
			frame_fault(regs, "rt_sigreturn: reserved MXCSR bits");
		current->fpu = fpu;
	} else {
		fpu_reset(current);
	}
	fpu_reload(current);

	regs->r8 = sc->r8;
	regs->r9 = sc->r9;
	regs->r10 = sc->r10;
	regs->r11 = sc->r11;
	regs->r12 = sc->r12;
	regs->r13 = sc->r13;
	regs->r14 = sc->r14;
	regs->r15 = sc->r15;
	regs->rdi = sc->rdi;
	regs->rsi = sc->rsi;
	regs->rbp = sc->rbp;
	regs->rbx = sc->rbx;
	regs->rdx = sc->rdx;
	regs->rax = sc->rax;
	regs->rcx = sc->rcx;
	regs->rsp = sc->rsp;
	regs->rip = sc->rip;
	regs->rflags = sc->eflags | RFLAGS_FIXED;
	regs->cs = sc->cs;
	regs->ss = sc->ss;
	current->sigmask = f.uc.uc_sigmask & ~UNBLOCKABLE;
	sigmask_lowered();
	/* The alternate stack as the frame had it, unless we are on it. */
	if (!on_altstack(current, regs->rsp) &&
	    !(f.uc.uc_stack.ss_flags & ~(SS_DISABLE | SS_ONSTACK | (int32_t)SS_AUTODISARM))) {
		if (f.uc.uc_stack.ss_flags & SS_DISABLE) {
			current->altstack_sp = current->altstack_size = 0;
		} else if (f.uc.uc_stack.ss_size >= MINSIGSTKSZ) {
			current->altstack_sp = f.uc.uc_stack.ss_sp;
			current->altstack_size = f.uc.uc_stack.ss_size;
		}
	}
	current->frame_replaced = true;
	return (long)regs->rax;
}

/**
 * sys_sigreturn - the seed programs' rt_sigreturn (1031): their table
 * keeps 15 for the seed demo's no_system_call, so the project's C
 * library returns from handlers through this private number instead.
 */
long sys_sigreturn(struct pt_regs *regs)
{
	return sys_rt_sigreturn(regs);
}
