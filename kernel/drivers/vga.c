// SPDX-License-Identifier: MIT
/*
 * The VGA text screen (80x25 cells of character + attribute at 0xb8000),
 * used when the boot loader left the display in text mode: GRUB under a
 * BIOS with "gfxpayload=text". Under UEFI there is none; the framebuffer
 * console (fbcon.c) draws there instead.
 *
 * The terminal emulator (vt.c) drives it through the operations of a
 * struct vt_screen. The screen's font is code page 437: characters it
 * has are mapped to it, others show as a box. Underline needs a
 * monochrome adapter and is not drawn.
 */
#include <stdbool.h>

#include <kernel/console.h>
#include <kernel/io.h>
#include <kernel/mmu.h>
#include <kernel/vga.h>

#define VGA_CRTC_INDEX 0x3d4
#define VGA_CRTC_DATA 0x3d5
#define VGA_CURSOR_START 0x0a
#define VGA_CURSOR_DISABLE 0x20 /* bit 5 of the cursor start register */
#define VGA_CURSOR_HIGH 0x0e
#define VGA_CURSOR_LOW 0x0f
#define VGA_INPUT_STATUS 0x3da /* reading it resets the 0x3c0 flip-flop */
#define VGA_ATTR_INDEX 0x3c0
#define VGA_ATTR_READ 0x3c1
#define VGA_ATTR_MODE 0x30  /* mode control, with the palette kept on */
#define VGA_ATTR_BLINK 0x08 /* attribute bit 7: blink, not bright background */
#define CP437_BOX 0xfe

/* CP437's upper half, in Unicode (0x80 is U+00C7). */
static const uint16_t cp437_high[128] = {
	0x00c7, 0x00fc, 0x00e9, 0x00e2, 0x00e4, 0x00e0, 0x00e5, 0x00e7,
	0x00ea, 0x00eb, 0x00e8, 0x00ef, 0x00ee, 0x00ec, 0x00c4, 0x00c5,
	0x00c9, 0x00e6, 0x00c6, 0x00f4, 0x00f6, 0x00f2, 0x00fb, 0x00f9,
	0x00ff, 0x00d6, 0x00dc, 0x00a2, 0x00a3, 0x00a5, 0x20a7, 0x0192,
	0x00e1, 0x00ed, 0x00f3, 0x00fa, 0x00f1, 0x00d1, 0x00aa, 0x00ba,
	0x00bf, 0x2310, 0x00ac, 0x00bd, 0x00bc, 0x00a1, 0x00ab, 0x00bb,
	0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
	0x2555, 0x2563, 0x2551, 0x2557, 0x255d, 0x255c, 0x255b, 0x2510,
	0x2514, 0x2534, 0x252c, 0x251c, 0x2500, 0x253c, 0x255e, 0x255f,
	0x255a, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256c, 0x2567,
	0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256b,
	0x256a, 0x2518, 0x250c, 0x2588, 0x2584, 0x258c, 0x2590, 0x2580,
	0x03b1, 0x00df, 0x0393, 0x03c0, 0x03a3, 0x03c3, 0x00b5, 0x03c4,
	0x03a6, 0x0398, 0x03a9, 0x03b4, 0x221e, 0x03c6, 0x03b5, 0x2229,
	0x2261, 0x00b1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00f7, 0x2248,
	0x00b0, 0x2219, 0x00b7, 0x221a, 0x207f, 0x00b2, 0x25a0, 0x00a0,
};

uint8_t vga_cp437(uint32_t ch)
{
	if (ch >= 0x20 && ch < 0x7f)
		return (uint8_t)ch;
	for (unsigned int i = 0; i < 128; i++)
		if (cp437_high[i] == ch)
			return (uint8_t)(0x80 + i);
	return CP437_BOX;
}

/* VGA attribute colour bits are blue, green, red (the reverse of ANSI). */
static uint8_t vga_colour(uint32_t colour)
{
	unsigned int c = vt_basic(colour);

	return (uint8_t)(((c & 1) << 2) | (c & 2) | ((c & 4) >> 2) | (c & 8));
}

uint8_t vga_attribute(const struct vt_cell *c)
{
	return (uint8_t)(vga_colour(c->bg) << 4 | vga_colour(c->fg));
}

static struct vga_screen *to_vga(struct vt_screen *s)
{
	return (struct vga_screen *)s; /* the screen is the first member */
}

static uint16_t vga_cell(const struct vt_cell *c)
{
	return (uint16_t)(vga_attribute(c) << 8 | vga_cp437(c->ch));
}

static void vga_put(struct vt_screen *s, unsigned int row, unsigned int col,
		    const struct vt_cell *c)
{
	to_vga(s)->cells[row * s->cols + col] = vga_cell(c);
}

static void vga_clear(struct vt_screen *s, unsigned int top,
		      unsigned int left, unsigned int bottom,
		      unsigned int right, const struct vt_cell *blank)
{
	uint16_t v = vga_cell(blank);

	for (unsigned int r = top; r < bottom; r++)
		for (unsigned int c = left; c < right; c++)
			to_vga(s)->cells[r * s->cols + c] = v;
}

static void vga_scroll(struct vt_screen *s, unsigned int top,
		       unsigned int bottom, int n, const struct vt_cell *blank)
{
	volatile uint16_t *cells = to_vga(s)->cells;
	unsigned int cols = s->cols;

	if (n > 0) {
		for (unsigned int i = top * cols; i < (bottom - n) * cols; i++)
			cells[i] = cells[i + n * cols];
		vga_clear(s, bottom - n, 0, bottom, cols, blank);
	} else {
		n = -n;
		for (unsigned int i = bottom * cols; i-- > (top + n) * cols;)
			cells[i] = cells[i - n * cols];
		vga_clear(s, top, 0, top + n, cols, blank);
	}
}

static void vga_shift(struct vt_screen *s, unsigned int row, unsigned int col,
		      int n, const struct vt_cell *blank)
{
	volatile uint16_t *line = to_vga(s)->cells + row * s->cols;
	unsigned int cols = s->cols;

	if (n > 0) {
		for (unsigned int c = cols; c-- > col + n;)
			line[c] = line[c - n];
		vga_clear(s, row, col, row + 1, col + n, blank);
	} else {
		n = -n;
		for (unsigned int c = col; c + n < cols; c++)
			line[c] = line[c + n];
		vga_clear(s, row, cols - n, row + 1, cols, blank);
	}
}

static void crtc_write(uint8_t reg, uint8_t value)
{
	outb(VGA_CRTC_INDEX, reg);
	outb(VGA_CRTC_DATA, value);
}

static void vga_cursor(struct vt_screen *s, unsigned int row,
		       unsigned int col, bool visible)
{
	unsigned int pos = row * s->cols + col;
	uint8_t start;

	if (!to_vga(s)->hardware)
		return;
	outb(VGA_CRTC_INDEX, VGA_CURSOR_START);
	start = inb(VGA_CRTC_DATA) & ~VGA_CURSOR_DISABLE;
	if (!visible)
		start |= VGA_CURSOR_DISABLE;
	crtc_write(VGA_CURSOR_START, start);
	crtc_write(VGA_CURSOR_HIGH, (uint8_t)(pos >> 8));
	crtc_write(VGA_CURSOR_LOW, (uint8_t)pos);
}

/**
 * vga_screen_init - a VGA text screen over @cells (cols x rows)
 * @hardware: it is the real screen: program the cursor and turn blinking
 *            off, so that bright backgrounds (reverse video) show as such
 */
void vga_screen_init(struct vga_screen *v, volatile uint16_t *cells,
		     unsigned int cols, unsigned int rows, bool hardware)
{
	v->screen = (struct vt_screen){
		.cols = cols,
		.rows = rows,
		.put = vga_put,
		.clear = vga_clear,
		.scroll = vga_scroll,
		.shift = vga_shift,
		.cursor = vga_cursor,
	};
	v->cells = cells;
	v->hardware = hardware;
	if (hardware) {
		uint8_t mode;

		(void)inb(VGA_INPUT_STATUS);
		outb(VGA_ATTR_INDEX, VGA_ATTR_MODE);
		mode = inb(VGA_ATTR_READ);
		outb(VGA_ATTR_INDEX, mode & ~VGA_ATTR_BLINK);
	}
}

static struct vga_screen vga;
static struct vt vga_vt;

static void vga_console_write(struct console *con, const char *s, size_t len,
			      uint32_t fg, uint32_t bg)
{
	(void)con;
	vt_write(&vga_vt, s, len, fg, bg);
}

static void vga_console_write_kernel(struct console *con, const char *s,
				     size_t len, uint32_t fg, uint32_t bg)
{
	(void)con;
	vt_kernel_write(&vga_vt, s, len, fg, bg);
}

static struct console vga_console = {
	.name = "vga",
	.write = vga_console_write,
	.write_kernel = vga_console_write_kernel,
};

/**
 * vga_console_init - start writing to the text screen GRUB left behind
 * @phys_addr: the text buffer (0xb8000), from the multiboot2 framebuffer tag
 */
void vga_console_init(uint64_t phys_addr, uint32_t width, uint32_t height)
{
	vga_screen_init(&vga, PHYS_TO_VIRT(phys_addr), width, height, true);
	vt_init(&vga_vt, &vga.screen);
	vt_set_console(&vga_vt);
	vga_console.rows = height;
	vga_console.cols = width;
	console_register(&vga_console);
}
