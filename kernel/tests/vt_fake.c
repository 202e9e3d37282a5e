// SPDX-License-Identifier: MIT
/* The in-memory screen of the terminal emulator's tests (vt_fake.h). */
#include <kernel/console.h>
#include <lib/string.h>

#include "vt_fake.h"

struct fake_screen fake;
struct vt fake_vt;

static struct fake_screen *to_fake(struct vt_screen *s)
{
	return (struct fake_screen *)s;
}

static bool in_grid(struct vt_screen *s, unsigned int row, unsigned int col)
{
	return row < s->rows && col < s->cols;
}

static void fake_put(struct vt_screen *s, unsigned int row, unsigned int col,
		     const struct vt_cell *c)
{
	if (!in_grid(s, row, col)) {
		to_fake(s)->bad++;
		return;
	}
	to_fake(s)->grid[row][col] = *c;
}

static void fake_clear(struct vt_screen *s, unsigned int top,
		       unsigned int left, unsigned int bottom,
		       unsigned int right, const struct vt_cell *blank)
{
	if (top >= bottom || left >= right || bottom > s->rows ||
	    right > s->cols) {
		to_fake(s)->bad++;
		return;
	}
	for (unsigned int r = top; r < bottom; r++)
		for (unsigned int c = left; c < right; c++)
			to_fake(s)->grid[r][c] = *blank;
}

static void fake_scroll(struct vt_screen *s, unsigned int top,
			unsigned int bottom, int n, const struct vt_cell *blank)
{
	struct fake_screen *f = to_fake(s);
	unsigned int up = n > 0 ? (unsigned int)n : (unsigned int)-n;

	if (top >= bottom || bottom > s->rows || n == 0 ||
	    up >= bottom - top) {
		f->bad++;
		return;
	}
	if (n > 0) {
		for (unsigned int r = top; r + up < bottom; r++)
			memcpy(f->grid[r], f->grid[r + up], sizeof(f->grid[r]));
		fake_clear(s, bottom - up, 0, bottom, s->cols, blank);
	} else {
		for (unsigned int r = bottom; r-- > top + up;)
			memcpy(f->grid[r], f->grid[r - up], sizeof(f->grid[r]));
		fake_clear(s, top, 0, top + up, s->cols, blank);
	}
}

static void fake_shift(struct vt_screen *s, unsigned int row, unsigned int col,
		       int n, const struct vt_cell *blank)
{
	struct vt_cell *line = to_fake(s)->grid[row];
	unsigned int by = n > 0 ? (unsigned int)n : (unsigned int)-n;

	if (!in_grid(s, row, col) || n == 0 || by >= s->cols - col) {
		to_fake(s)->bad++;
		return;
	}
	if (n > 0) {
		memmove(line + col + by, line + col,
			sizeof(*line) * (s->cols - col - by));
		fake_clear(s, row, col, row + 1, col + by, blank);
	} else {
		memmove(line + col, line + col + by,
			sizeof(*line) * (s->cols - col - by));
		fake_clear(s, row, s->cols - by, row + 1, s->cols, blank);
	}
}

static void fake_cursor(struct vt_screen *s, unsigned int row,
			unsigned int col, bool visible)
{
	if (!in_grid(s, row, col)) {
		to_fake(s)->bad++;
		return;
	}
	to_fake(s)->row = row;
	to_fake(s)->col = col;
	to_fake(s)->visible = visible;
}

void fake_start(unsigned int rows, unsigned int cols)
{
	memset(&fake, 0, sizeof(fake));
	fake.screen = (struct vt_screen){
		.cols = cols,
		.rows = rows,
		.put = fake_put,
		.clear = fake_clear,
		.scroll = fake_scroll,
		.shift = fake_shift,
		.cursor = fake_cursor,
	};
	vt_init(&fake_vt, &fake.screen);
}

void fake_feed_n(const char *s, size_t n)
{
	vt_write(&fake_vt, s, n, WHITE, BLACK);
}

void fake_feed(const char *s)
{
	fake_feed_n(s, strlen(s));
}

const char *fake_line(unsigned int r)
{
	static char text[FAKE_MAX_COLS + 1];
	unsigned int n = 0;

	for (unsigned int c = 0; r < fake.screen.rows && c < fake.screen.cols;
	     c++) {
		uint32_t ch = fake.grid[r][c].ch;

		text[c] = ch >= 0x20 && ch < 0x7f ? (char)ch : '#';
		if (ch != ' ')
			n = c + 1;
	}
	text[n] = '\0';
	return text;
}
