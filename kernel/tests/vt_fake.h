/* SPDX-License-Identifier: MIT */
/*
 * A screen in memory for the terminal emulator's tests: a grid of
 * struct vt_cell that counts every operation asked of it outside the
 * grid (or with an empty or oversized range) instead of doing it.
 */
#ifndef KERNEL_TESTS_VT_FAKE_H
#define KERNEL_TESTS_VT_FAKE_H

#include <kernel/ktest.h>
#include <kernel/vt.h>

#define FAKE_MAX_ROWS 25
#define FAKE_MAX_COLS 80

struct fake_screen {
	struct vt_screen screen; /* first: the operations get a pointer to it */
	struct vt_cell grid[FAKE_MAX_ROWS][FAKE_MAX_COLS];
	unsigned int row, col; /* the cursor, as last shown */
	bool visible;
	unsigned long bad; /* operations refused: they would leave the grid */
};

/* The fake and a vt on it, both static: they are too big for a stack. */
extern struct fake_screen fake;
extern struct vt fake_vt;

/* Start a @rows x @cols fake screen and a vt on it. */
void fake_start(unsigned int rows, unsigned int cols);
/* A program's bytes, as fd 1 writes them (white on black). */
void fake_feed(const char *s);
void fake_feed_n(const char *s, size_t n);
/* Row @r as text: ASCII as it is, anything else as '#', trailing
 * blanks cut. */
const char *fake_line(unsigned int r);

/* Fail unless row @r reads @text. */
#define EXPECT_LINE(r, text)                                                   \
	do {                                                                   \
		const char *got_ = fake_line(r);                               \
		if (strcmp(got_, (text))) {                                    \
			ktest_fail(__FILE__, __LINE__,                         \
				   "row %u is \"%s\", not \"%s\"",             \
				   (unsigned int)(r), got_, (text));           \
			return;                                                \
		}                                                              \
	} while (0)

/* Fail unless the vt's cursor is at @r, @c and the screen shows it there. */
#define EXPECT_CURSOR(r, c)                                                    \
	do {                                                                   \
		if (fake_vt.row != (r) || fake_vt.col != (c) ||                \
		    fake.row != (r) || fake.col != (c)) {                      \
			ktest_fail(__FILE__, __LINE__,                         \
				   "cursor at %u,%u (shown at %u,%u), not "    \
				   "%u,%u",                                    \
				   fake_vt.row, fake_vt.col, fake.row,         \
				   fake.col, (unsigned int)(r),                \
				   (unsigned int)(c));                         \
			return;                                                \
		}                                                              \
	} while (0)

#endif
