// SPDX-License-Identifier: MIT
/*
 * The terminal emulator against what no terminal should get: unknown
 * and malformed sequences, huge parameters, sequences split anywhere
 * between writes, and random bytes. Nothing may be printed as garbage,
 * and nothing may reach the screen outside its grid (the fake screen
 * counts such operations in fake.bad).
 */
#include <kernel/console.h>
#include <kernel/ktest.h>
#include <kernel/vga.h>
#include <kernel/vt.h>
#include <lib/string.h>

#include "vt_fake.h"

KTEST(vt_unknown_sequences_swallowed)
{
	static const char *const swallowed[] = {
		"\033[?1000h", "\033[>4;1m", "\033[=5u", "\033[ q",
		"\033[1:2:3m", "\033]0;a title\a", "\033]2;title\033\\",
		"\033P1$r\033\\", "\033_apc\033\\", "\033^pm\033\\",
		"\033Xsos\033\\", "\033(0", "\033)B", "\033#3", "\033%G",
		"\033=", "\033>", "\033H", "\033[?2004h", "\033[4;1'z",
		"\033[?1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19r",
		"\033[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20m",
		"\033[?5W", "\033[<1;2;3M", "\033[12;12y", "\033[\xc3\xa9H",
		"\033\xc3", "\033[2 @", "\033[3;5;1;1;1$x", "\033[g",
		"\033[0q", "\033[?12l", "\033[6;9;10t", "\033[u\033[s",
	};

	fake_start(6, 40);
	for (size_t i = 0; i < sizeof(swallowed) / sizeof(swallowed[0]); i++) {
		fake_feed("\033[H\033[2J\033[ma");
		fake_feed(swallowed[i]);
		fake_feed("\033[Hb");
		if (strcmp(fake_line(0), "b") || strcmp(fake_line(1), "")) {
			ktest_fail(__FILE__, __LINE__, "case %zu: \"%s\"", i,
				   fake_line(0));
			return;
		}
	}
	/* CAN and SUB abandon a sequence; ESC starts a new one. */
	fake_feed("\r\033[12\030c\033[3\032d\033[12\033[2Cx\033]title\030e");
	EXPECT_LINE(0, "cd  xe");
	KT_ASSERT_EQ(fake.bad, 0);
}

/* Every sequence fed one byte per write gives what one write gives. */
KTEST(vt_sequences_split_across_writes)
{
	static const char text[] = "\033[3;4H\033[31mX\xc3\xa9\033]0;t\aY"
				   "\xe4\xb8\xad\033[1;2r\033[?25l\033[2@Z";
	static struct vt_cell whole[FAKE_MAX_ROWS][FAKE_MAX_COLS];

	fake_start(6, 10);
	fake_feed(text);
	memcpy(whole, fake.grid, sizeof(whole));
	fake_start(6, 10);
	for (size_t i = 0; i + 1 < sizeof(text); i++)
		fake_feed_n(text + i, 1);
	KT_ASSERT(!memcmp(whole, fake.grid, sizeof(whole)));
	EXPECT_LINE(2, "   X#Y#");
	EXPECT_LINE(0, "Z");
	KT_ASSERT_EQ(fake.grid[2][4].ch, 0xe9);
	KT_ASSERT_EQ(fake.grid[2][3].fg, VT_COLOUR(1));
	KT_ASSERT(!fake.visible);
	KT_ASSERT_EQ(fake_vt.bottom, 2);
}

KTEST(vt_huge_parameters)
{
	static const char *const moves[] = {
		"A", "B", "C", "D", "E", "F", "G", "d", "e", "a", "`", "I",
		"Z", "L", "M", "@", "P", "X", "S", "T", "b", "J", "K", "n",
		"r", "m", "h", "l", "c", "t", "s", "u", ";1H", ";1f",
	};
	static const char *const numbers[] = {
		"99999999999", "4294967297", "65536", "65535", "2147483648",
		"18446744073709551617", "0",
	};

	fake_start(6, 10);
	fake_feed("x");
	for (size_t n = 0; n < sizeof(numbers) / sizeof(numbers[0]); n++) {
		for (size_t m = 0; m < sizeof(moves) / sizeof(moves[0]); m++) {
			fake_feed("\033[");
			fake_feed(numbers[n]);
			fake_feed(moves[m]);
			fake_feed("\033[");
			fake_feed(numbers[n]);
			fake_feed(";");
			fake_feed(numbers[n]);
			fake_feed(moves[m]);
			KT_ASSERT(fake_vt.row < 6 && fake_vt.col < 10);
			KT_ASSERT(fake_vt.top < fake_vt.bottom &&
				  fake_vt.bottom <= 6);
		}
	}
	/* Saturated, not wrapped around: 2^32 + 1 is not 1. */
	fake_feed("\033[r\033[3;3H\033[4294967297A");
	EXPECT_CURSOR(0, 2);
	fake_feed("\033[99999999999;99999999999H");
	EXPECT_CURSOR(5, 9);
	/* A thousand parameters, and a thousand digits. */
	fake_feed("\033[");
	for (int i = 0; i < 1000; i++)
		fake_feed("1;");
	fake_feed("3H\033[");
	for (int i = 0; i < 1000; i++)
		fake_feed("9");
	fake_feed("D");
	EXPECT_CURSOR(0, 0);
	KT_ASSERT_EQ(fake.bad, 0);
}

/* xorshift64: the same bytes every run, so a failure can be replayed. */
static uint64_t next_random(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Random bytes, or random pieces of sequences (which reach more of the
 * parser's states), then CAN and ESC c: the screen must come back. */
static bool random_run(uint64_t seed, bool pieces, unsigned int rows,
		       unsigned int cols)
{
	static const char *const piece[] = {
		"\033", "[", ";", "?", ">", "!", " ", "0", "1", "2", "5", "9",
		"99", "A", "B", "C", "D", "H", "J", "K", "L", "M", "P", "S",
		"T", "X", "@", "b", "d", "h", "l", "m", "r", "s", "u", "n",
		"c", "7", "8", "E", "]", "P", "\\", "\a", "\n", "\r", "\b",
		"\t", "\030", "\xc3", "\xa9", "\xe4\xb8", "\xad", "\xf0", "x",
		"25", "1049", "38;5;", "48;2;", "4", "7", "\x7f", "\xff",
	};
	static char buf[10000];
	char blank_line[FAKE_MAX_COLS + 1] = "";

	fake_start(rows, cols);
	for (size_t i = 0; i < sizeof(buf); i++) {
		uint64_t r = next_random(&seed);

		if (pieces) {
			size_t pieces_n = sizeof(piece) / sizeof(piece[0]);
			const char *p = piece[r % pieces_n];
			size_t n = strlen(p);

			if (i + n > sizeof(buf))
				n = sizeof(buf) - i;
			memcpy(buf + i, p, n);
			i += n - 1;
		} else {
			buf[i] = (char)r;
		}
	}
	/* In writes of random sizes, as a program's output comes. */
	for (size_t i = 0; i < sizeof(buf);) {
		size_t n = 1 + next_random(&seed) % 64;

		if (n > sizeof(buf) - i)
			n = sizeof(buf) - i;
		fake_feed_n(buf + i, n);
		i += n;
		if (fake_vt.row >= rows || fake_vt.col >= cols ||
		    fake_vt.top >= fake_vt.bottom || fake_vt.bottom > rows ||
		    fake_vt.reply_len > VT_REPLY_MAX)
			return false;
	}
	fake_feed("\030\033c");
	for (unsigned int r = 0; r < rows; r++)
		if (strcmp(fake_line(r), blank_line))
			return false;
	return fake.bad == 0 && fake_vt.row == 0 && fake_vt.col == 0 &&
	       fake.visible;
}

KTEST(vt_random_bytes)
{
	for (uint64_t seed = 1; seed <= 8; seed++) {
		bool pieces = seed & 1;
		unsigned int rows = seed & 2 ? 25 : 6;
		unsigned int cols = seed & 4 ? 80 : 10;

		if (!random_run(seed * 0x9e3779b97f4a7c15ull, pieces, rows,
				cols)) {
			ktest_fail(__FILE__, __LINE__,
				   "seed %lu (%s, %ux%u): cursor %u,%u, "
				   "region %u-%u, %lu bad operations",
				   (unsigned long)seed,
				   pieces ? "pieces" : "bytes", rows, cols,
				   fake_vt.row, fake_vt.col, fake_vt.top,
				   fake_vt.bottom, fake.bad);
			return;
		}
	}
}

/* The VGA screen's operations do what the fake's do: the same random
 * sequences leave the same characters and colours in both, checked
 * after every piece. */
static bool vga_matches(const uint16_t *cells, unsigned int *row,
			unsigned int *col)
{
	for (*row = 0; *row < 6; (*row)++)
		for (*col = 0; *col < 10; (*col)++) {
			const struct vt_cell *f = &fake.grid[*row][*col];
			uint16_t want = (uint16_t)(vga_attribute(f) << 8 |
						   vga_cp437(f->ch));

			if (cells[*row * 10 + *col] != want)
				return false;
		}
	return true;
}

KTEST(vt_vga_matches_the_fake)
{
	static uint16_t cells[6 * 10];
	static struct vga_screen v;
	static struct vt vt;
	static const char *const piece[] = {
		"\033[", ";", "1", "3", "A", "B", "C", "D", "H", "J", "K", "L",
		"M", "P", "S", "T", "X", "@", "r", "m", "31", "44", "7", "0",
		"\033M", "\033D", "\n", "\r", "\b", "\t", "x", "y", "\xc3\xa9",
		"\xe2\x94\x80", "abcdefghij",
	};
	uint64_t seed = 0x1234567;
	unsigned int row, col;

	fake_start(6, 10);
	vga_screen_init(&v, cells, 10, 6, false);
	vt_init(&vt, &v.screen);
	for (int i = 0; i < 5000; i++) {
		const char *p = piece[next_random(&seed) %
				      (sizeof(piece) / sizeof(piece[0]))];

		fake_feed(p);
		vt_write(&vt, p, strlen(p), WHITE, BLACK);
		if (!vga_matches(cells, &row, &col)) {
			ktest_fail(__FILE__, __LINE__,
				   "piece %d: cell %u,%u is %#x", i, row, col,
				   cells[row * 10 + col]);
			return;
		}
	}
	KT_ASSERT_EQ(fake.bad, 0);
}
