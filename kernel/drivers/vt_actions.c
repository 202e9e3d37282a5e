// SPDX-License-Identifier: MIT
/*
 * The terminal emulator's actions (the parser in vt.c calls them): draw
 * a character, move the cursor, erase, scroll, reset, answer. Every
 * position is clamped to the grid here, before it reaches the screen,
 * whatever numbers a program sent.
 *
 * Colours: a program's SGR colours win; where SGR says "default" (at
 * the start, after SGR 0, 39 or 49) the colours of the write apply,
 * which are color_printk's for the console file: white for fd 1,
 * orange for fd 2. Bold brightens the 8 basic colours, as xterm does;
 * dim takes the brightness away; erasing fills with the current
 * background but without reverse video (xterm's "background colour
 * erase").
 */
#include <kernel/console.h>
#include <lib/printf.h>
#include <lib/string.h>

#include "vt_internal.h"

/* ------------------------------------------------------------ colours */

/* The 16 colours of VGA text mode, which Linux's console uses too. */
static const uint32_t palette[16] = {
	0x000000, 0xaa0000, 0x00aa00, 0xaa5500, 0x0000aa, 0xaa00aa,
	0x00aaaa, 0xaaaaaa, 0x555555, 0xff5555, 0x55ff55, 0xffff55,
	0x5555ff, 0xff55ff, 0x55ffff, 0xffffff,
};

/** vt_rgb - a colour as 0xRRGGBB, for screens that draw pixels */
uint32_t vt_rgb(uint32_t colour)
{
	return colour & VT_INDEXED ? palette[colour & 15] : colour & 0xffffff;
}

/** vt_basic - a colour as one of the 16 (bit 0 red, 1 green, 2 blue, 3
 * bright), for screens that have only those */
unsigned int vt_basic(uint32_t colour)
{
	return colour & VT_INDEXED ? colour & 15 : rgb_to_basic_colour(colour);
}

/* The nearest of the 16 to 0xRRGGBB: 38;2;R;G;B and the 256 colours. */
uint32_t vt_nearest(uint32_t rgb)
{
	unsigned int best = 0;
	uint32_t best_d = UINT32_MAX;

	for (unsigned int i = 0; i < 16; i++) {
		uint32_t p = palette[i];
		int dr = (int)(rgb >> 16 & 0xff) - (int)(p >> 16 & 0xff);
		int dg = (int)(rgb >> 8 & 0xff) - (int)(p >> 8 & 0xff);
		int db = (int)(rgb & 0xff) - (int)(p & 0xff);
		uint32_t d = (uint32_t)(dr * dr + dg * dg + db * db);

		if (d < best_d) {
			best_d = d;
			best = i;
		}
	}
	return VT_COLOUR(best);
}

/* xterm's 256 colours: the 16, a 6x6x6 cube, 24 greys. */
uint32_t vt_colour_256(unsigned int n)
{
	static const uint8_t level[6] = { 0, 95, 135, 175, 215, 255 };
	uint32_t grey;

	if (n < 16)
		return VT_COLOUR(n);
	if (n < 232) {
		n -= 16;
		return vt_nearest((uint32_t)level[n / 36] << 16 |
			       (uint32_t)level[n / 6 % 6] << 8 | level[n % 6]);
	}
	grey = 8 + 10 * (n - 232);
	return vt_nearest(grey << 16 | grey << 8 | grey);
}

/* ---------------------------------------------------------- the cells */

/* A character in the program's current rendition. */
struct vt_cell vt_pen(const struct vt *vt, uint32_t ch)
{
	const struct vt_attrs *a = &vt->attrs;
	uint32_t fg = a->fg == VT_DEFAULT ? vt->default_fg : a->fg;
	uint32_t bg = a->bg == VT_DEFAULT ? vt->default_bg : a->bg;
	struct vt_cell c = { ch, fg, bg, a->flags & VT_UNDERLINE };

	if ((a->flags & VT_BOLD) && (fg & VT_INDEXED) && (fg & 15) < 8)
		c.fg = fg + 8;
	else if ((a->flags & VT_DIM) && !(a->flags & VT_BOLD))
		c.fg = VT_COLOUR(vt_basic(fg) & 7);
	if (a->flags & VT_REVERSE) {
		uint32_t t = c.fg;

		c.fg = c.bg;
		c.bg = t;
	}
	if (a->flags & VT_HIDDEN)
		c.fg = c.bg;
	return c;
}

/* What erasing leaves: the current colours, without reverse or
 * underline (xterm's "background colour erase"). */
struct vt_cell vt_blank(const struct vt *vt)
{
	const struct vt_attrs *a = &vt->attrs;
	struct vt_cell c = { ' ', a->fg, a->bg, 0 };

	if (a->fg == VT_DEFAULT)
		c.fg = vt->default_fg;
	if (a->bg == VT_DEFAULT)
		c.bg = vt->default_bg;
	return c;
}

/*
 * How many cells a character takes, roughly as wcwidth() says: 0 for
 * combining marks and other zero-width characters (dropped: the screens
 * cannot stack them), 2 for the wide East Asian ranges and emoji.
 */
static unsigned int char_width(uint32_t c)
{
	static const struct {
		uint32_t first, last;
		uint8_t width;
	} ranges[] = {
		{ 0x0300, 0x036f, 0 },   { 0x1100, 0x115f, 2 },
		{ 0x1ab0, 0x1aff, 0 },   { 0x1dc0, 0x1dff, 0 },
		{ 0x200b, 0x200f, 0 },   { 0x2028, 0x202e, 0 },
		{ 0x2060, 0x2064, 0 },   { 0x20d0, 0x20ff, 0 },
		{ 0x2e80, 0x303e, 2 },   { 0x3041, 0x33ff, 2 },
		{ 0x3400, 0x4dbf, 2 },   { 0x4e00, 0x9fff, 2 },
		{ 0xa000, 0xa4cf, 2 },   { 0xac00, 0xd7a3, 2 },
		{ 0xf900, 0xfaff, 2 },   { 0xfe00, 0xfe0f, 0 },
		{ 0xfe20, 0xfe2f, 0 },   { 0xfe30, 0xfe4f, 2 },
		{ 0xfeff, 0xfeff, 0 },   { 0xff00, 0xff60, 2 },
		{ 0xffe0, 0xffe6, 2 },   { 0x1f300, 0x1f64f, 2 },
		{ 0x1f900, 0x1f9ff, 2 }, { 0x20000, 0x3fffd, 2 },
		{ 0xe0100, 0xe01ef, 0 },
	};

	if (c < 0x300)
		return 1;
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (c >= ranges[i].first && c <= ranges[i].last)
			return ranges[i].width;
	return 1;
}

/*
 * One byte of UTF-8. Returns true when a character is complete in *cp:
 * U+FFFD for an invalid byte, an overlong form, a surrogate or a value
 * past U+10FFFF. The caller ends a sequence cut short by a byte that is
 * not a continuation (one U+FFFD), before it looks at that byte.
 */
bool vt_utf8_decode(struct vt_utf8 *u, uint8_t b, uint32_t *cp)
{
	if (u->need) {
		u->cp = u->cp << 6 | (b & 0x3f);
		if (--u->need)
			return false;
		*cp = u->cp;
		if (*cp < u->min || (*cp >= 0xd800 && *cp <= 0xdfff) ||
		    *cp > 0x10ffff)
			*cp = VT_REPLACEMENT;
		return true;
	}
	if (b >= 0xc2 && b <= 0xdf) {
		u->need = 1;
		u->cp = b & 0x1f;
		u->min = 0x80;
	} else if (b >= 0xe0 && b <= 0xef) {
		u->need = 2;
		u->cp = b & 0x0f;
		u->min = 0x800;
	} else if (b >= 0xf0 && b <= 0xf4) {
		u->need = 3;
		u->cp = b & 0x07;
		u->min = 0x10000;
	} else {
		*cp = b < 0x80 ? b : VT_REPLACEMENT;
		return true;
	}
	return false;
}

/* ------------------------------------------- the screen, kept in range */

void vt_clear(struct vt *vt, unsigned int top, unsigned int left,
	      unsigned int bottom, unsigned int right,
	      const struct vt_cell *fill)
{
	if (bottom > vt->rows)
		bottom = vt->rows;
	if (right > vt->cols)
		right = vt->cols;
	if (top < bottom && left < right)
		vt->screen->clear(vt->screen, top, left, bottom, right, fill);
}

/* Rows [top, bottom) up by @n, or down by -n. */
void vt_scroll(struct vt *vt, unsigned int top, unsigned int bottom,
	       long n, const struct vt_cell *fill)
{
	unsigned long height = bottom - top;

	if (n == 0 || top >= bottom)
		return;
	if ((unsigned long)(n < 0 ? -n : n) >= height)
		vt_clear(vt, top, 0, bottom, vt->cols, fill);
	else
		vt->screen->scroll(vt->screen, top, bottom, (int)n, fill);
}

/* Cells [col, cols) of @row right by @n, or left by -n. */
void vt_shift(struct vt *vt, unsigned int row, unsigned int col,
	      long n, const struct vt_cell *fill)
{
	if (n == 0 || col >= vt->cols)
		return;
	if ((unsigned long)(n < 0 ? -n : n) >= vt->cols - col)
		vt_clear(vt, row, col, row + 1, vt->cols, fill);
	else
		vt->screen->shift(vt->screen, row, col, (int)n, fill);
}

/* ---------------------------------------------------------- the cursor */

static unsigned int clamp(long v, unsigned int max)
{
	return v < 0 ? 0 : v > (long)max ? max : (unsigned int)v;
}

void vt_move_to(struct vt *vt, long row, long col)
{
	vt->row = clamp(row, vt->rows - 1);
	vt->col = clamp(col, vt->cols - 1);
	vt->wrap_pending = false;
}

/* Down a line, scrolling at the bottom of the scroll region (of the
 * whole screen for the kernel's text). */
void vt_line_feed(struct vt *vt, bool whole_screen,
		  const struct vt_cell *fill)
{
	unsigned int top = whole_screen ? 0 : vt->top;
	unsigned int bottom = whole_screen ? vt->rows : vt->bottom;

	if (vt->row == bottom - 1)
		vt_scroll(vt, top, bottom, 1, fill);
	else if (vt->row < vt->rows - 1)
		vt->row++;
	vt->wrap_pending = false;
}

/* Up a line, scrolling down at the top of the scroll region (ESC M). */
void vt_reverse_index(struct vt *vt)
{
	struct vt_cell fill = vt_blank(vt);

	if (vt->row == vt->top)
		vt_scroll(vt, vt->top, vt->bottom, -1, &fill);
	else if (vt->row > 0)
		vt->row--;
	vt->wrap_pending = false;
}

/* CUU and CUD stop at the scroll region's edge if they start inside it. */
void vt_cursor_up(struct vt *vt, unsigned int n)
{
	long stop = vt->row >= vt->top ? vt->top : 0;
	long row = (long)vt->row - n;

	vt_move_to(vt, row < stop ? stop : row, vt->col);
}

void vt_cursor_down(struct vt *vt, unsigned int n)
{
	long stop = vt->row < vt->bottom ? vt->bottom - 1 : vt->rows - 1;
	long row = (long)vt->row + n;

	vt_move_to(vt, row > stop ? stop : row, vt->col);
}

/* Tab stops every 8 columns; the last column stops them too. */
void vt_tab(struct vt *vt, unsigned int n, bool forward)
{
	long col = vt->col;

	for (unsigned int i = 0; i < n && i < vt->cols; i++)
		col = forward ? (col / 8 + 1) * 8 : col ? (col - 1) / 8 * 8 : 0;
	vt_move_to(vt, vt->row, col);
}

void vt_save_cursor(struct vt *vt)
{
	vt->saved = (struct vt_saved){ vt->row, vt->col, vt->attrs };
}

void vt_restore_cursor(struct vt *vt)
{
	vt->attrs = vt->saved.attrs;
	vt_move_to(vt, vt->saved.row, vt->saved.col);
}

void vt_show_cursor(struct vt *vt)
{
	vt->screen->cursor(vt->screen, vt->row, vt->col, vt->cursor_visible);
}

/* ---------------------------------------------------------- printing */

/*
 * Draw a character at the cursor and move on. At the last column the
 * cursor stays, with a wrap pending (xterm); without autowrap the next
 * character overwrites the last cell. The kernel's text always wraps
 * and scrolls the whole screen.
 */
void vt_put_char(struct vt *vt, const struct vt_cell *c, bool kernel)
{
	unsigned int width = char_width(c->ch);
	bool wrap = kernel || vt->autowrap;
	struct vt_cell fill = kernel ? *c : vt_blank(vt);
	struct vt_cell cell = *c;

	if (width == 0)
		return;
	if (width > vt->cols)
		width = 1;
	fill.ch = ' ';
	fill.flags = 0;
	if (vt->wrap_pending && wrap) {
		vt->col = 0;
		vt_line_feed(vt, kernel, &fill);
	}
	vt->wrap_pending = false;
	if (vt->col + width > vt->cols) { /* a wide character at the edge */
		if (wrap) {
			vt->col = 0;
			vt_line_feed(vt, kernel, &fill);
		} else {
			vt->col = vt->cols - width;
		}
	}
	if (vt->insert_mode && !kernel)
		vt_shift(vt, vt->row, vt->col, width, &fill);
	vt->screen->put(vt->screen, vt->row, vt->col, &cell);
	if (width == 2) { /* the right half: a blank in the same colours */
		cell.ch = ' ';
		vt->screen->put(vt->screen, vt->row, vt->col + 1, &cell);
	}
	if (!kernel)
		vt->last_char = c->ch;
	if (vt->col + width < vt->cols) {
		vt->col += width;
	} else {
		vt->col = vt->cols - 1;
		vt->wrap_pending = wrap;
	}
}

void vt_print(struct vt *vt, uint32_t ch)
{
	struct vt_cell c = vt_pen(vt, ch);

	if (ch >= 0x80 && ch < 0xa0)
		return; /* C1 controls, written in UTF-8: not shown */
	vt_put_char(vt, &c, false);
}

/* C0 controls: the same in every state but the strings. */
void vt_execute(struct vt *vt, uint8_t c)
{
	struct vt_cell fill = vt_blank(vt);

	switch (c) {
	case '\b':
		vt_move_to(vt, vt->row, (long)vt->col - 1);
		break;
	case '\t':
		vt_tab(vt, 1, true);
		break;
	case '\n':
	case '\v':
	case '\f':
		if (vt->newline_mode)
			vt->col = 0;
		vt_line_feed(vt, false, &fill);
		break;
	case '\r':
		vt->col = 0;
		vt->wrap_pending = false;
		break;
	default: /* BEL, SO, SI and the rest: nothing to show */
		break;
	}
}

/* ------------------------------------------------------------ replies */

void vt_reply(struct vt *vt, const char *fmt, unsigned int a,
	      unsigned int b)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), fmt, a, b);

	/* A full queue drops whole answers, never half of one. */
	if (n > 0 && (size_t)n < sizeof(buf) &&
	    vt->reply_len + (size_t)n <= sizeof(vt->reply)) {
		memcpy(vt->reply + vt->reply_len, buf, (size_t)n);
		vt->reply_len += (size_t)n;
	}
}

size_t vt_read_reply(struct vt *vt, char *buf, size_t size)
{
	size_t n = vt->reply_len < size ? vt->reply_len : size;

	memcpy(buf, vt->reply, n);
	memmove(vt->reply, vt->reply + n, vt->reply_len - n);
	vt->reply_len -= n;
	return n;
}

static struct vt *console_vt;

struct vt *vt_set_console(struct vt *vt)
{
	struct vt *old = console_vt;

	console_vt = vt;
	return old;
}

size_t vt_report(char *buf, size_t size)
{
	return console_vt ? vt_read_reply(console_vt, buf, size) : 0;
}

/* ------------------------------------------------------------ resets */

const struct vt_attrs vt_default_attrs = { VT_DEFAULT, VT_DEFAULT, 0 };

/* DECSTR (CSI ! p): modes and rendition back to their defaults. */
void vt_soft_reset(struct vt *vt)
{
	vt->attrs = vt_default_attrs;
	vt->top = 0;
	vt->bottom = vt->rows;
	vt->autowrap = true;
	vt->cursor_visible = true;
	vt->insert_mode = false;
	vt->wrap_pending = false;
	vt->saved = (struct vt_saved){ 0, 0, vt_default_attrs };
}

/*
 * RIS (ESC c): everything, and a clear screen. The console has no
 * output processing (no ONLCR) yet, so a program's "\n" must also
 * return the carriage: new-line mode (LNM) is the default here, and a
 * program can turn it off with CSI 20 l.
 */
void vt_full_reset(struct vt *vt)
{
	struct vt_cell fill;

	vt_soft_reset(vt);
	vt->newline_mode = true;
	vt->alternate = false;
	vt->last_char = 0;
	vt->state = VT_GROUND;
	vt->utf8.need = 0;
	fill = vt_blank(vt);
	vt_clear(vt, 0, 0, vt->rows, vt->cols, &fill);
	vt_move_to(vt, 0, 0);
}

/* ?1049 (with the cursor saved), ?1047 and ?47: there is no second
 * screen to switch to, so entering and leaving both clear the screen. */
void vt_alternate_screen(struct vt *vt, bool enter, bool with_cursor)
{
	struct vt_cell fill;

	if (enter == vt->alternate)
		return;
	vt->alternate = enter;
	if (enter && with_cursor)
		vt_save_cursor(vt);
	fill = vt_blank(vt);
	vt_clear(vt, 0, 0, vt->rows, vt->cols, &fill);
	if (!enter && with_cursor)
		vt_restore_cursor(vt);
}

/* ED: 0 below the cursor, 1 above it, 2 all, 3 the scrollback (none). */
void vt_erase_display(struct vt *vt, unsigned int how)
{
	struct vt_cell fill = vt_blank(vt);

	vt->wrap_pending = false;
	if (how == 0) {
		vt_clear(vt, vt->row, vt->col, vt->row + 1, vt->cols, &fill);
		vt_clear(vt, vt->row + 1, 0, vt->rows, vt->cols, &fill);
	} else if (how == 1) {
		vt_clear(vt, 0, 0, vt->row, vt->cols, &fill);
		vt_clear(vt, vt->row, 0, vt->row + 1, vt->col + 1, &fill);
	} else if (how == 2) {
		vt_clear(vt, 0, 0, vt->rows, vt->cols, &fill);
	}
}

/* EL: 0 right of the cursor, 1 left of it, 2 the whole line. */
void vt_erase_line(struct vt *vt, unsigned int how)
{
	struct vt_cell fill = vt_blank(vt);
	unsigned int left = how == 0 ? vt->col : 0;
	unsigned int right = how == 1 ? vt->col + 1 : vt->cols;

	vt->wrap_pending = false;
	if (how <= 2)
		vt_clear(vt, vt->row, left, vt->row + 1, right, &fill);
}

/* IL and DL: inside the scroll region only, from the cursor's line. */
void vt_insert_lines(struct vt *vt, long n)
{
	struct vt_cell fill = vt_blank(vt);

	if (vt->row < vt->top || vt->row >= vt->bottom)
		return;
	vt_scroll(vt, vt->row, vt->bottom, -n, &fill);
	vt_move_to(vt, vt->row, 0);
}

