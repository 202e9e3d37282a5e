// SPDX-License-Identifier: MIT
/*
 * The legacy 8259 interrupt controllers. Their power-on vectors (8-15)
 * collide with CPU exceptions, so they are moved to PIC_VECTOR_BASE and
 * masked; kernel/drivers/timer.c then unmasks the timer, the keyboard and COM1.
 */
#include <kernel/io.h>
#include <kernel/trap.h>

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define ICW1_INIT_ICW4 0x11
#define ICW4_8086 0x01

void pic_init(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4);
	outb(PIC2_CMD, ICW1_INIT_ICW4);
	outb(PIC1_DATA, PIC_VECTOR_BASE);     /* ICW2: vector offset */
	outb(PIC2_DATA, PIC_VECTOR_BASE + 8);
	outb(PIC1_DATA, 1 << 2);              /* ICW3: slave on IRQ 2 */
	outb(PIC2_DATA, 2);                   /* ICW3: slave identity */
	outb(PIC1_DATA, ICW4_8086);
	outb(PIC2_DATA, ICW4_8086);
	outb(PIC1_DATA, 0xff);                /* mask every line */
	outb(PIC2_DATA, 0xff);
}
