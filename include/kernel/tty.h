/* SPDX-License-Identifier: MIT */
/*
 * The console's input side (kernel/drivers/tty.c): keystrokes from the PS/2
 * keyboard and bytes from COM1 go through one line discipline to read(0).
 */
#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H

#include <stddef.h>
#include <stdint.h>

#define IRQ_TIMER 0
#define IRQ_KEYBOARD 1
#define IRQ_COM1 4

#define CTRL(c) ((c) & 0x1f)
#define TTY_DUMP_KEY 0x1c /* ctrl-\: print the processes (proc_dump) */

/* One character of input, from an interrupt handler (or a test). */
void tty_input(char c);
/* read(2) on the console: a line at a time (kernel/drivers/tty.c). */
long tty_read(uint64_t buf, size_t count);
/* poll(2) on the console: readable when a line (or ctrl-D) waits for
 * read; always writable. */
unsigned int tty_poll(void);
void tty_reset(void);

void keyboard_irq(void);
void serial_irq(void);
void serial_enable_input(void);

#endif
