// SPDX-License-Identifier: MIT
/*
 * The framebuffer console: text drawn with the console font into the
 * linear framebuffer the boot loader set up (UEFI GOP, or VBE under a
 * BIOS), at any resolution and pitch, 32 or 24 bits per pixel.
 *
 * The terminal emulator (vt.c) drives it through the operations of a
 * struct vt_screen. The screen is a grid of character cells; a copy of
 * the grid is kept so a cell can be redrawn (the cursor moves off it,
 * characters are inserted before it). Scrolling moves the pixels of
 * whole text rows with `rep movsq`.
 */
#include <stdbool.h>

#include <kernel/console.h>
#include <kernel/font.h>
#include <kernel/multiboot2.h>
#include <kernel/paging.h>
#include <kernel/vt.h>
#include <lib/string.h>

#define MAX_COLS 320
#define MAX_ROWS 160

/* A cell as kept: the code point, with VT_UNDERLINE in the top bits. */
struct cell {
	uint32_t ch;
	uint32_t fg, bg;
};
#define CELL_CHAR 0x001fffff
#define CELL_FLAGS_SHIFT 24

static struct {
	uint8_t *base;
	uint32_t pitch, width, height, bytes_pp;
	const struct boot_framebuffer *info;
	unsigned int cols, rows;
	unsigned int cursor_row, cursor_col; /* where the cursor is drawn */
	bool cursor_on;
} fb;

static struct cell cells[MAX_ROWS][MAX_COLS];
static struct vt_screen fb_screen;
static struct vt fb_vt;

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

/*
 * The glyph of a code point: Latin-1 from the main table, a few hundred
 * more (box drawing, arrows, U+FFFD, ...) from the sorted extra table,
 * and U+FFFD's for anything the font lacks.
 */
static const uint8_t *glyph(uint32_t ch)
{
	unsigned int lo = 0, hi = font_extra_count;

	if (ch < 256)
		return font_glyphs[ch];
	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (font_extra_chars[mid] == ch)
			return font_extra_glyphs[mid];
		if (font_extra_chars[mid] < ch)
			lo = mid + 1;
		else
			hi = mid;
	}
	return font_replacement;
}

static void draw_cell(unsigned int row, unsigned int col)
{
	const struct cell *c = &cells[row][col];
	const uint8_t *rows = glyph(c->ch & CELL_CHAR);
	bool cursor = fb.cursor_on && row == fb.cursor_row &&
		      col == fb.cursor_col;
	bool underline = (c->ch >> CELL_FLAGS_SHIFT) & VT_UNDERLINE;
	uint32_t fg = pixel_value(vt_rgb(c->fg));
	uint32_t bg = pixel_value(vt_rgb(c->bg));

	for (unsigned int y = 0; y < FONT_HEIGHT; y++) {
		uint8_t bits = rows[y];
		uint8_t *p = fb.base + (row * FONT_HEIGHT + y) * fb.pitch +
			     col * FONT_WIDTH * fb.bytes_pp;

		if ((cursor && y >= FONT_HEIGHT - 2) ||
		    (underline && y == FONT_HEIGHT - 1))
			bits = 0xff; /* an underline cursor, or an underline */
		for (unsigned int x = 0; x < FONT_WIDTH; x++, p += fb.bytes_pp)
			put_pixel(p, bits & (0x80 >> x) ? fg : bg);
	}
}

static void fb_put(struct vt_screen *s, unsigned int row, unsigned int col,
		   const struct vt_cell *c)
{
	(void)s;
	cells[row][col] = (struct cell){
		(c->ch & CELL_CHAR) | c->flags << CELL_FLAGS_SHIFT, c->fg, c->bg
	};
	draw_cell(row, col);
}

static void fb_clear(struct vt_screen *s, unsigned int top, unsigned int left,
		     unsigned int bottom, unsigned int right,
		     const struct vt_cell *blank)
{
	for (unsigned int r = top; r < bottom; r++)
		for (unsigned int c = left; c < right; c++)
			fb_put(s, r, c, blank);
}

static void copy_qwords(void *dst, const void *src, size_t n)
{
	__asm__ volatile("rep movsq" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}

/* Text row @from's pixels onto text row @to (a multiple of 8 bytes:
 * 16 pixel rows of a pitch that is a multiple of 4). */
static void copy_text_rows(unsigned int to, unsigned int from, unsigned int n)
{
	size_t row_bytes = (size_t)FONT_HEIGHT * fb.pitch;

	copy_qwords(fb.base + to * row_bytes, fb.base + from * row_bytes,
		    row_bytes * n / 8);
}

static void fb_scroll(struct vt_screen *s, unsigned int top,
		      unsigned int bottom, int n, const struct vt_cell *blank)
{
	bool cursor_inside = fb.cursor_on && fb.cursor_row >= top &&
			     fb.cursor_row < bottom;

	/* Take the cursor off the screen before the pixels move. */
	if (cursor_inside) {
		fb.cursor_on = false;
		draw_cell(fb.cursor_row, fb.cursor_col);
	}
	if (n > 0) {
		/* Upwards, one block: `rep movsq` copies forwards. */
		copy_text_rows(top, top + n, bottom - top - n);
		memmove(cells[top], cells[top + n],
			sizeof(cells[0]) * (bottom - top - n));
		fb_clear(s, bottom - n, 0, bottom, fb.cols, blank);
	} else {
		n = -n;
		for (unsigned int r = bottom; r-- > top + n;) {
			copy_text_rows(r, r - n, 1);
			memcpy(cells[r], cells[r - n], sizeof(cells[0]));
		}
		fb_clear(s, top, 0, top + n, fb.cols, blank);
	}
	if (cursor_inside) {
		fb.cursor_on = true;
		draw_cell(fb.cursor_row, fb.cursor_col);
	}
}

static void fb_shift(struct vt_screen *s, unsigned int row, unsigned int col,
		     int n, const struct vt_cell *blank)
{
	struct cell *line = cells[row];

	if (n > 0) {
		memmove(line + col + n, line + col,
			sizeof(*line) * (fb.cols - col - n));
		fb_clear(s, row, col, row + 1, col + n, blank);
		col += n;
	} else {
		memmove(line + col, line + col - n,
			sizeof(*line) * (fb.cols - col + n));
		fb_clear(s, row, fb.cols + n, row + 1, fb.cols, blank);
	}
	for (unsigned int c = col; c < fb.cols; c++)
		draw_cell(row, c);
}

static void fb_cursor(struct vt_screen *s, unsigned int row, unsigned int col,
		      bool visible)
{
	unsigned int old_row = fb.cursor_row, old_col = fb.cursor_col;
	bool was_on = fb.cursor_on;

	(void)s;
	if (was_on == visible && old_row == row && old_col == col)
		return;
	fb.cursor_row = row;
	fb.cursor_col = col;
	fb.cursor_on = visible;
	if (was_on)
		draw_cell(old_row, old_col);
	if (visible)
		draw_cell(row, col);
}

static void fbcon_write(struct console *con, const char *s, size_t len,
			uint32_t fg, uint32_t bg)
{
	(void)con;
	vt_write(&fb_vt, s, len, fg, bg);
}

static void fbcon_write_kernel(struct console *con, const char *s, size_t len,
			       uint32_t fg, uint32_t bg)
{
	(void)con;
	vt_kernel_write(&fb_vt, s, len, fg, bg);
}

static struct console fb_console = {
	.name = "framebuffer",
	.write = fbcon_write,
	.write_kernel = fbcon_write_kernel,
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
	fb_screen = (struct vt_screen){
		.cols = fb.cols,
		.rows = fb.rows,
		.put = fb_put,
		.clear = fb_clear,
		.scroll = fb_scroll,
		.shift = fb_shift,
		.cursor = fb_cursor,
	};
	vt_init(&fb_vt, &fb_screen);
	vt_set_console(&fb_vt);
	fb_console.rows = fb.rows;
	fb_console.cols = fb.cols;
	console_register(&fb_console);
	return true;
}
