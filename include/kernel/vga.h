/* SPDX-License-Identifier: MIT */
/*
 * The VGA text screen as a struct vt_screen (kernel/drivers/vga.c):
 * cells of a CP437 character and an attribute byte. The console's
 * screen is the one at 0xb8000; a test makes one over plain memory.
 */
#ifndef KERNEL_VGA_H
#define KERNEL_VGA_H

#include <stdbool.h>
#include <stdint.h>

#include <kernel/vt.h>

struct vga_screen {
	struct vt_screen screen; /* first: the operations get a pointer to it */
	volatile uint16_t *cells;
	bool hardware; /* the real screen: move its cursor through the CRTC */
};

void vga_screen_init(struct vga_screen *v, volatile uint16_t *cells,
		     unsigned int cols, unsigned int rows, bool hardware);
/* The CP437 character that shows code point @ch (0xfe, a box, if none). */
uint8_t vga_cp437(uint32_t ch);
/* The attribute byte of a cell: background << 4 | foreground. */
uint8_t vga_attribute(const struct vt_cell *c);

#endif
