// SPDX-License-Identifier: MIT
/*
 * The timer: PIT channel 0 at TIMER_HZ on IRQ 0 (vector PIC_VECTOR_BASE).
 *
 * Each tick wakes sleepers, and preempts the current process if the
 * interrupt came from ring 3. Ring 0 runs with interrupts off except
 * while the scheduler idles, so the kernel itself is never preempted.
 */
#include <kernel/io.h>
#include <kernel/pit.h>
#include <kernel/proc.h>
#include <kernel/random.h>
#include <kernel/trap.h>
#include <kernel/tty.h>

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC_EOI 0x20

volatile uint64_t ticks;
uint64_t irq_count; /* every hardware interrupt since boot (/proc/stat) */

void timer_init(void)
{
	unsigned int divisor = PIT_FREQUENCY / TIMER_HZ;

	outb(PIT_COMMAND, PIT_CH0_RATE_GENERATOR);
	outb(PIT_CHANNEL0, divisor & 0xff);
	outb(PIT_CHANNEL0, divisor >> 8);
	/* Unmask the timer, the keyboard and COM1. */
	outb(PIC1_DATA, inb(PIC1_DATA) &
				 ~(1 << IRQ_TIMER | 1 << IRQ_KEYBOARD | 1 << IRQ_COM1));
}

/** irq_handler - the hardware interrupts (vectors 32-47) */
void irq_handler(struct pt_regs *regs)
{
	unsigned int irq = (unsigned int)regs->vector - PIC_VECTOR_BASE;

	irq_count++;
	switch (irq) {
	case IRQ_TIMER:
		outb(PIC1_CMD, PIC_EOI);
		ticks++;
		random_timer_tick(); /* the TSC at each tick, as noise */
		wakeup_timed();
		signal_timer_tick(); /* alarm, setitimer */
		sched_load_tick();
		if (user_mode(regs) && current)
			yield(); /* preemption: only ever of ring-3 code */
		break;
	case IRQ_KEYBOARD:
		keyboard_irq();
		outb(PIC1_CMD, PIC_EOI);
		break;
	case IRQ_COM1:
		serial_irq();
		outb(PIC1_CMD, PIC_EOI);
		break;
	default:
		/* The other lines are masked: this is a spurious IRQ 7 or 15,
		 * which the PIC does not want acknowledged (only the master,
		 * for a spurious IRQ 15 from the slave). */
		if (irq == 15)
			outb(PIC1_CMD, PIC_EOI);
		return;
	}
	/* ctrl-C may have just killed the process that was running, or a
	 * signal arrived for it: deliver on the way back to ring 3. */
	if (user_mode(regs)) {
		proc_check_killed();
		do_signal(regs, false);
	}
}
