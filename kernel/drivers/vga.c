// SPDX-License-Identifier: MIT
/*
 * The VGA text screen (80x25 cells of character + attribute at 0xb8000),
 * used when the boot loader left the display in text mode: GRUB under a
 * BIOS with "gfxpayload=text". Under UEFI there is none; a framebuffer
 * console comes in a later issue.
 */
#include <stdbool.h>

#include <kernel/console.h>
#include <kernel/io.h>
#include <kernel/mmu.h>

#define VGA_CRTC_INDEX 0x3d4
#define VGA_CRTC_DATA 0x3d5
#define VGA_CURSOR_HIGH 0x0e
#define VGA_CURSOR_LOW 0x0f

static volatile uint16_t *vga;
static unsigned int cols, rows, col, row;

/* VGA attribute colour bits are blue, green, red (the reverse of ANSI). */
static uint8_t vga_colour(uint32_t rgb)
{
	unsigned int c = rgb_to_basic_colour(rgb);

	return (uint8_t)(((c & 1) << 2) | (c & 2) | ((c & 4) >> 2) | (c & 8));
}

static void scroll(uint8_t attr)
{
	for (unsigned int i = 0; i < (rows - 1) * cols; i++)
		vga[i] = vga[i + cols];
	for (unsigned int i = (rows - 1) * cols; i < rows * cols; i++)
		vga[i] = (uint16_t)(attr << 8 | ' ');
	row = rows - 1;
}

static void move_cursor(void)
{
	unsigned int pos = row * cols + col;

	outb(VGA_CRTC_INDEX, VGA_CURSOR_HIGH);
	outb(VGA_CRTC_DATA, (uint8_t)(pos >> 8));
	outb(VGA_CRTC_INDEX, VGA_CURSOR_LOW);
	outb(VGA_CRTC_DATA, (uint8_t)pos);
}

static void vga_console_write(struct console *con, const char *s, size_t len,
			      uint32_t fg, uint32_t bg)
{
	uint8_t attr = (uint8_t)(vga_colour(bg) << 4 | vga_colour(fg));

	(void)con;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (console_draws(c))
			vga[row * cols + col] = (uint16_t)(attr << 8 | (uint8_t)c);
		console_advance(c, &row, &col, cols);
		if (row >= rows)
			scroll(attr & 0xf0);
	}
	move_cursor();
}

static struct console vga_console = {
	.name = "vga",
	.write = vga_console_write,
};

/**
 * vga_console_init - start writing to the text screen GRUB left behind
 * @phys_addr: the text buffer (0xb8000), from the multiboot2 framebuffer tag
 */
void vga_console_init(uint64_t phys_addr, uint32_t width, uint32_t height)
{
	vga = PHYS_TO_VIRT(phys_addr);
	cols = width;
	rows = height;
	for (unsigned int i = 0; i < cols * rows; i++)
		vga[i] = (uint16_t)(0x07 << 8 | ' ');
	col = row = 0;
	vga_console.rows = rows;
	vga_console.cols = cols;
	console_register(&vga_console);
}
