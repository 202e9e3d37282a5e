// SPDX-License-Identifier: MIT
/*
 * tests/host/test_vt.c - the kernel's terminal emulator against recorded
 * busybox sessions and an independent emulator's screens.
 *
 *   gcc -std=gnu11 -Wall -Wextra -Werror -O2 -I include \
 *       tests/host/test_vt.c -o /tmp/test_vt && /tmp/test_vt
 *
 * tests/host/vt_sessions/ holds what busybox's sh (line editing), vi,
 * less, top, clear, reset and watch wrote to a 25x80 xterm, and the
 * screen that pyte (a Python terminal emulator) shows for those bytes
 * (tools/vt-sessions.py made both). Each recording is fed to
 * kernel/drivers/vt.c, included here, on an in-memory screen; every row's
 * text, every cell's reverse video and the cursor must match. One line
 * per session, "[OK] vt: <name>" or "[FAIL] vt: <name>", then the rows
 * that differ; the exit status is 0 only if all passed. Run from the top
 * of the tree, or give the sessions' directory as the argument.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../kernel/drivers/vt.c"
#include "../../kernel/drivers/vt_actions.c"

#define ROWS 25
#define COLS 80

static const char *const sessions[] = {
	"sh-lineedit", "vi-edit", "vi-scroll", "less", "top", "clear", "reset",
	"watch",
};

/* kernel/drivers/console.c's, which this test does not link */
unsigned int rgb_to_basic_colour(uint32_t rgb)
{
	return (rgb >> 16 & 0x80 ? 1 : 0) | (rgb >> 8 & 0x80 ? 2 : 0) |
	       (rgb & 0x80 ? 4 : 0) | (rgb & 0xc0c0c0 ? 8 : 0);
}

static struct vt_cell grid[ROWS][COLS];
static unsigned int cursor_row, cursor_col, bad;

static void put(struct vt_screen *s, unsigned int r, unsigned int c,
		const struct vt_cell *x)
{
	(void)s;
	if (r >= ROWS || c >= COLS)
		bad++;
	else
		grid[r][c] = *x;
}

static void clear(struct vt_screen *s, unsigned int t, unsigned int l,
		  unsigned int b, unsigned int r, const struct vt_cell *x)
{
	for (unsigned int i = t; i < b; i++)
		for (unsigned int j = l; j < r; j++)
			put(s, i, j, x);
}

static void scroll(struct vt_screen *s, unsigned int t, unsigned int b, int n,
		   const struct vt_cell *x)
{
	if (n > 0) {
		memmove(grid[t], grid[t + n], sizeof(grid[0]) * (b - t - n));
		clear(s, b - n, 0, b, COLS, x);
	} else {
		memmove(grid[t - n], grid[t], sizeof(grid[0]) * (b - t + n));
		clear(s, t, 0, t - n, COLS, x);
	}
}

static void shift(struct vt_screen *s, unsigned int r, unsigned int c, int n,
		  const struct vt_cell *x)
{
	struct vt_cell *line = grid[r];

	if (n > 0) {
		memmove(line + c + n, line + c, sizeof(*line) * (COLS - c - n));
		clear(s, r, c, r + 1, c + n, x);
	} else {
		memmove(line + c, line + c - n, sizeof(*line) * (COLS - c + n));
		clear(s, r, COLS + n, r + 1, COLS, x);
	}
}

static void cursor(struct vt_screen *s, unsigned int r, unsigned int c,
		   bool visible)
{
	(void)s;
	(void)visible;
	cursor_row = r;
	cursor_col = c;
}

/* Row @r as pyte's file has it: UTF-8, trailing blanks cut. */
static void row_text(unsigned int r, char *out)
{
	char *end = out, *p = out;

	for (unsigned int c = 0; c < COLS; c++) {
		uint32_t ch = grid[r][c].ch;

		if (ch < 0x80) {
			*p++ = (char)ch;
		} else if (ch < 0x800) {
			*p++ = (char)(0xc0 | ch >> 6);
			*p++ = (char)(0x80 | (ch & 0x3f));
		} else {
			*p++ = (char)(0xe0 | ch >> 12);
			*p++ = (char)(0x80 | (ch >> 6 & 0x3f));
			*p++ = (char)(0x80 | (ch & 0x3f));
		}
		if (ch != ' ')
			end = p;
	}
	*end = '\0';
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(1 << 20);
	size_t n;

	if (!f || !buf) {
		printf("# cannot read %s\n", path);
		exit(2);
	}
	n = fread(buf, 1, (1 << 20) - 1, f);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The next line of @*p, NUL-terminated in place ("" past the end). */
static const char *next_line(char **p)
{
	char *line = *p, *nl = strchr(line, '\n');

	if (nl) {
		*nl = '\0';
		*p = nl + 1;
	} else {
		*p = line + strlen(line);
	}
	return line;
}

static bool check(const char *dir, const char *name)
{
	static struct vt vt;
	static struct vt_screen screen = { COLS, ROWS, put, clear, scroll,
					   shift, cursor };
	char path[512], want[COLS * 4 + 1], got[COLS * 4 + 1];
	size_t len, wlen;
	char *bytes, *expect, *rest;
	bool ok = true;

	snprintf(path, sizeof(path), "%s/%s.bin", dir, name);
	bytes = read_file(path, &len);
	snprintf(path, sizeof(path), "%s/%s.txt", dir, name);
	expect = read_file(path, &wlen);
	bad = 0;
	vt_init(&vt, &screen);
	/* The recording went through the tty's ONLCR already. */
	vt_write(&vt, "\033[20l", 5, WHITE, BLACK);
	vt_write(&vt, bytes, len, WHITE, BLACK);
	rest = expect;
	for (unsigned int r = 0; r < 2 * ROWS + 1; r++) {
		const char *w = next_line(&rest);

		if (r < ROWS) {
			row_text(r, got);
		} else if (r < 2 * ROWS) {
			for (unsigned int c = 0; c < COLS; c++)
				got[c] = grid[r - ROWS][c].fg == BLACK &&
						 grid[r - ROWS][c].bg == WHITE
					 ? 'R'
					 : '.';
			got[COLS] = '\0';
		} else {
			snprintf(got, sizeof(got), "cursor %u %u", cursor_row,
				 cursor_col);
		}
		snprintf(want, sizeof(want), "%s", w);
		if (strcmp(want, got)) {
			printf("# %s line %u: want \"%s\"\n#%*s  got \"%s\"\n",
			       name, r + 1, want, (int)strlen(name) + 8, "",
			       got);
			ok = false;
		}
	}
	free(bytes);
	free(expect);
	return ok && bad == 0;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/host/vt_sessions";
	int failed = 0;

	for (size_t i = 0; i < sizeof(sessions) / sizeof(sessions[0]); i++) {
		bool ok = check(dir, sessions[i]);

		printf("[%s] vt: %s\n", ok ? "OK" : "FAIL", sessions[i]);
		failed += !ok;
	}
	return failed ? 1 : 0;
}
