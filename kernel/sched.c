// SPDX-License-Identifier: MIT
/*
 * The scheduler: round-robin over runnable processes.
 *
 * scheduler_until_idle() runs on its caller's stack and switches to one
 * process at a time. A process comes back here through sched(): when it
 * yields (or the timer preempts it in ring 3), sleeps or ends. Each
 * switch points TSS.RSP0, IA32_SYSENTER_ESP and the SYSCALL entry's stack
 * at the process's own kernel stack and loads its page tables.
 */
#include <kernel/fpu.h>
#include <kernel/io.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <uapi/errno.h>

void switch_context(uint64_t *save_rsp, uint64_t new_rsp);

static uint64_t scheduler_context;

static void run(struct process *p)
{
	p->state = PROC_RUNNING;
	current = p;
	syscall_set_kernel_stack(p->kstack_top);
	vm_activate(&p->as);
	fpu_switch_to(p);
	tls_switch_to(p);
	p->run_since = clock_monotonic_ns();
	switch_context(&scheduler_context, p->context);
	p->cpu_ns += clock_monotonic_ns() - p->run_since;
	current = NULL;
	vm_activate_kernel();
}

/**
 * scheduler_until_idle - run processes until none is left
 *
 * Orphans that ended are freed here. When every process sleeps, the CPU
 * waits for the next timer interrupt with interrupts on (the only place
 * ring 0 enables them).
 */
void scheduler_until_idle(void)
{
	static unsigned int next;

	for (;;) {
		struct process *pick = NULL;
		bool any = false;

		for (unsigned int i = 0; i < NPROC; i++) {
			struct process *p = &proc_table[i];

			if (p->state == PROC_ZOMBIE && !p->parent)
				reap(p);
			if (p->state != PROC_UNUSED)
				any = true;
		}
		if (!any)
			return;
		for (unsigned int n = 0; n < NPROC && !pick; n++) {
			struct process *p = &proc_table[(next + n) % NPROC];

			if (p->state == PROC_RUNNABLE) {
				pick = p;
				next = (unsigned int)(p - proc_table) + 1;
			}
		}
		if (pick)
			run(pick);
		else
			__asm__ volatile("sti; hlt; cli" ::: "memory");
	}
}

void sched(void)
{
	switch_context(&current->context, scheduler_context);
}

void yield(void)
{
	current->state = PROC_RUNNABLE;
	sched();
}

/* Sleep until wakeup(@chan). Callers re-check their condition. */
void sleep_on(const void *chan)
{
	current->wait_on = chan;
	current->state = PROC_SLEEPING;
	sched();
	current->wait_on = NULL;
}

void wakeup(const void *chan)
{
	for (unsigned int i = 0; i < NPROC; i++)
		if (proc_table[i].state == PROC_SLEEPING &&
		    proc_table[i].wait_on == chan)
			proc_table[i].state = PROC_RUNNABLE;
}

/*
 * Wake @p alone, whatever it sleeps on (a futex waiter sleeps on &ticks
 * when its wait has a timeout). Its sleep loop re-checks why it slept.
 */
void wake_process(struct process *p)
{
	if (p->state == PROC_SLEEPING)
		p->state = PROC_RUNNABLE;
}

long sys_sched_yield(struct pt_regs *regs)
{
	(void)regs;
	yield();
	return 0;
}
