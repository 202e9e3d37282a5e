// SPDX-License-Identifier: MIT
/*
 * The timer: PIT channel 0 at TIMER_HZ on IRQ 0 (vector PIC_VECTOR_BASE).
 *
 * Each tick wakes sleepers, and preempts the current process if the
 * interrupt came from ring 3. Ring 0 runs with interrupts off except
 * while the scheduler idles, so the kernel itself is never preempted.
 */
#include <kernel/io.h>
#include <kernel/proc.h>
#include <kernel/trap.h>

#define PIT_CHANNEL0 0x40
#define PIT_COMMAND 0x43
#define PIT_RATE_GENERATOR 0x34 /* channel 0, lo/hi byte, mode 2 */
#define PIT_FREQUENCY 1193182
#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC_EOI 0x20

volatile uint64_t ticks;

void timer_init(void)
{
	unsigned int divisor = PIT_FREQUENCY / TIMER_HZ;

	outb(PIT_COMMAND, PIT_RATE_GENERATOR);
	outb(PIT_CHANNEL0, divisor & 0xff);
	outb(PIT_CHANNEL0, divisor >> 8);
	outb(PIC1_DATA, inb(PIC1_DATA) & ~1); /* unmask IRQ 0 */
}

/** irq_handler - the hardware interrupts (vectors 32-47) */
void irq_handler(struct pt_regs *regs)
{
	unsigned int irq = (unsigned int)regs->vector - PIC_VECTOR_BASE;

	/* Every line but IRQ 0 is masked, so anything else is a spurious
	 * IRQ 7 or 15, which the PIC does not want acknowledged (only the
	 * master, for a spurious IRQ 15 from the slave). */
	if (irq != 0) {
		if (irq == 15)
			outb(PIC1_CMD, PIC_EOI);
		return;
	}
	outb(PIC1_CMD, PIC_EOI);
	ticks++;
	wakeup((const void *)&ticks);
	if (user_mode(regs) && current)
		yield(); /* preemption: only ever of ring-3 code */
}
