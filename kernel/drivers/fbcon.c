// SPDX-License-Identifier: MIT
/*
 * The framebuffer console: text drawn with the console font into the
 * linear framebuffer the boot loader set up (UEFI GOP, or VBE under a
 * BIOS), at any resolution and pitch, 32 or 24 bits per pixel.
 *
 * The screen is a grid of character cells; a copy of the grid is kept so
 * a cell can be redrawn (the cursor moves off it). Scrolling moves the
 * pixels up one text row with `rep movsq` and clears the last row.
 */
#include <stdbool.h>

#include <kernel/console.h>
#include <kernel/font.h>
#include <kernel/multiboot2.h>
#include <kernel/paging.h>
#include <lib/string.h>

#define MAX_COLS 320
#define MAX_ROWS 160

struct cell {
	uint8_t ch;
	uint32_t fg, bg;
};

static struct {
	uint8_t *base;
	uint32_t pitch, width, height, bytes_pp;
	const struct boot_framebuffer *info;
	unsigned int cols, rows, col, row;
} fb;

static struct cell cells[MAX_ROWS][MAX_COLS];

/* 0xRRGGBB in the framebuffer's own pixel layout. */
static uint32_t pixel_value(uint32_t rgb)
{
	const struct boot_framebuffer *i = fb.info;
	uint32_t r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

	return (r >> (8 - i->red_size)) << i->red_pos |
	       (g >> (8 - i->green_size)) << i->green_pos |
	       (b >> (8 - i->blue_size)) << i->blue_pos;
}

static void put_pixel(uint8_t *p, uint32_t value)
{
	if (fb.bytes_pp == 4) {
		*(volatile uint32_t *)p = value;
	} else {
		p[0] = (uint8_t)value;
		p[1] = (uint8_t)(value >> 8);
		p[2] = (uint8_t)(value >> 16);
	}
}

static void draw_cell(unsigned int row, unsigned int col)
{
	const struct cell *c = &cells[row][col];
	bool cursor = row == fb.row && col == fb.col;
	uint32_t fg = pixel_value(c->fg), bg = pixel_value(c->bg);

	for (unsigned int y = 0; y < FONT_HEIGHT; y++) {
		uint8_t bits = font_glyphs[c->ch][y];
		uint8_t *p = fb.base + (row * FONT_HEIGHT + y) * fb.pitch +
			     col * FONT_WIDTH * fb.bytes_pp;

		if (cursor && y >= FONT_HEIGHT - 2)
			bits = 0xff; /* an underline cursor */
		for (unsigned int x = 0; x < FONT_WIDTH; x++, p += fb.bytes_pp)
			put_pixel(p, bits & (0x80 >> x) ? fg : bg);
	}
}

static void copy_qwords(void *dst, const void *src, size_t n)
{
	__asm__ volatile("rep movsq" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}

static void scroll(void)
{
	size_t row_bytes = (size_t)FONT_HEIGHT * fb.pitch;

	copy_qwords(fb.base, fb.base + row_bytes,
		    row_bytes * (fb.rows - 1) / 8);
	memmove(cells[0], cells[1], sizeof(cells[0]) * (fb.rows - 1));
	for (unsigned int c = 0; c < fb.cols; c++) {
		cells[fb.rows - 1][c] = (struct cell){ ' ', WHITE, BLACK };
		draw_cell(fb.rows - 1, c);
	}
	fb.row = fb.rows - 1;
}

static void move_cursor(unsigned int row, unsigned int col)
{
	unsigned int old_row = fb.row, old_col = fb.col;

	fb.row = row;
	fb.col = col;
	if (old_row < fb.rows && old_col < fb.cols)
		draw_cell(old_row, old_col);
	if (row < fb.rows && col < fb.cols)
		draw_cell(row, col);
}

static void fbcon_write(struct console *con, const char *s, size_t len,
			uint32_t fg, uint32_t bg)
{
	(void)con;
	for (size_t i = 0; i < len; i++) {
		unsigned int row = fb.row, col = fb.col;
		char c = s[i];

		if (console_draws(c))
			cells[row][col] = (struct cell){ (uint8_t)c, fg, bg };
		console_advance(c, &row, &col, fb.cols);
		if (row >= fb.rows) {
			unsigned int old_row = fb.row, old_col = fb.col;

			/* Take the cursor off the screen before the pixels move. */
			fb.row = fb.rows;
			if (old_row < fb.rows && old_col < fb.cols)
				draw_cell(old_row, old_col);
			scroll();
			row = fb.rows - 1;
		}
		move_cursor(row, col);
	}
}

static struct console fb_console = {
	.name = "framebuffer",
	.write = fbcon_write,
};

/**
 * fbcon_init - start the framebuffer console, if the boot gave us one
 * Returns false for anything but a 24/32-bit RGB framebuffer.
 */
bool fbcon_init(const struct boot_framebuffer *info)
{
	if (!info->present || info->type != MB2_FB_TYPE_RGB ||
	    (info->bpp != 32 && info->bpp != 24) || info->width < FONT_WIDTH ||
	    info->height < FONT_HEIGHT)
		return false;
	fb.base = paging_map_framebuffer(info->addr,
					 (uint64_t)info->pitch * info->height);
	if (!fb.base)
		return false;
	fb.info = info;
	fb.pitch = info->pitch;
	fb.width = info->width;
	fb.height = info->height;
	fb.bytes_pp = info->bpp / 8;
	fb.cols = info->width / FONT_WIDTH;
	fb.rows = info->height / FONT_HEIGHT;
	if (fb.cols > MAX_COLS)
		fb.cols = MAX_COLS;
	if (fb.rows > MAX_ROWS)
		fb.rows = MAX_ROWS;
	for (unsigned int r = 0; r < fb.rows; r++)
		for (unsigned int c = 0; c < fb.cols; c++) {
			cells[r][c] = (struct cell){ ' ', WHITE, BLACK };
			draw_cell(r, c);
		}
	fb.row = fb.col = 0;
	fb_console.rows = fb.rows;
	fb_console.cols = fb.cols;
	console_register(&fb_console);
	return true;
}
