// SPDX-License-Identifier: MIT
/*
 * The terminal emulator (kernel/drivers/vt.c) against an in-memory
 * screen: what each sequence does to the cells, the cursor and the
 * colours. vt_hostile_test.c feeds it what no terminal should get.
 */
#include <kernel/console.h>
#include <kernel/ktest.h>
#include <kernel/vga.h>
#include <kernel/vt.h>
#include <lib/string.h>

#include "vt_fake.h"

/* Rows "r0".."r5" on a 6x10 screen, the cursor back home. */
static void numbered_rows(void)
{
	fake_start(6, 10);
	fake_feed("r0\nr1\nr2\nr3\nr4\nr5\033[H");
}

KTEST(vt_text_and_controls)
{
	fake_start(6, 10);
	fake_feed("ab\ncd");
	EXPECT_LINE(0, "ab");
	EXPECT_LINE(1, "cd");
	EXPECT_CURSOR(1, 2);
	fake_feed("\rX");
	EXPECT_LINE(1, "Xd");
	fake_feed("\b\b\bY"); /* backspace stops at the first column */
	EXPECT_LINE(1, "Yd");
	fake_feed("\tZ\a"); /* tab stops every 8 columns; BEL shows nothing */
	EXPECT_LINE(1, "Yd      Z");
	EXPECT_CURSOR(1, 9);
	fake_feed("\t\t"); /* no stop past the last column */
	EXPECT_CURSOR(1, 9);
	fake_feed("\x7f\x0e\x0f"); /* DEL, SO and SI show nothing either */
	EXPECT_LINE(1, "Yd      Z");
	KT_ASSERT_EQ(fake.bad, 0);
}

/* LF returns the carriage (new-line mode) until a program turns it off. */
KTEST(vt_newline_mode)
{
	fake_start(6, 10);
	fake_feed("ab\033[20lcd\nef\033[20h\ngh");
	EXPECT_LINE(0, "abcd");
	EXPECT_LINE(1, "    ef");
	EXPECT_LINE(2, "gh");
	fake_feed("\033D1\033E2"); /* IND: down; NEL: down and to the start */
	EXPECT_LINE(3, "  1");
	EXPECT_LINE(4, "2");
}

KTEST(vt_pending_wrap)
{
	fake_start(3, 5);
	fake_feed("abcde");
	EXPECT_CURSOR(0, 4); /* stays on the last column ... */
	KT_ASSERT(fake_vt.wrap_pending);
	fake_feed("f"); /* ... until the next character */
	EXPECT_LINE(0, "abcde");
	EXPECT_LINE(1, "f");
	EXPECT_CURSOR(1, 1);

	/* busybox's line editing ends a full line with \r\n: no blank line */
	fake_start(3, 5);
	fake_feed("abcde\r\nx");
	EXPECT_LINE(1, "x");

	/* a pending wrap on the last row scrolls when the character comes */
	fake_start(2, 3);
	fake_feed("abcdef");
	EXPECT_LINE(0, "abc");
	EXPECT_LINE(1, "def");
	fake_feed("g");
	EXPECT_LINE(0, "def");
	EXPECT_LINE(1, "g");

	/* backspace from a pending wrap goes back from the last column */
	fake_start(2, 5);
	fake_feed("abcde\bX");
	EXPECT_LINE(0, "abcXe");

	/* erasing at a pending wrap erases the last column */
	fake_start(2, 5);
	fake_feed("abcde\033[K");
	EXPECT_LINE(0, "abcd");
	EXPECT_CURSOR(0, 4);
	KT_ASSERT(!fake_vt.wrap_pending);
}

KTEST(vt_autowrap_off)
{
	fake_start(2, 3);
	fake_feed("\033[?7labcdef");
	EXPECT_LINE(0, "abf");
	EXPECT_LINE(1, "");
	EXPECT_CURSOR(0, 2);
	fake_feed("\033[?7h\rxyzw");
	EXPECT_LINE(0, "xyz");
	EXPECT_LINE(1, "w");
}

KTEST(vt_cursor_movement)
{
	fake_start(10, 20);
	fake_feed("\033[5;10H");
	EXPECT_CURSOR(4, 9);
	fake_feed("\033[2A");
	EXPECT_CURSOR(2, 9);
	fake_feed("\033[A\033[0A"); /* no parameter, or 0, is 1 */
	EXPECT_CURSOR(0, 9);
	fake_feed("\033[A");
	EXPECT_CURSOR(0, 9);
	fake_feed("\033[3B");
	EXPECT_CURSOR(3, 9);
	fake_feed("\033[100B");
	EXPECT_CURSOR(9, 9);
	fake_feed("\033[5C\033[C");
	EXPECT_CURSOR(9, 15);
	fake_feed("\033[100C");
	EXPECT_CURSOR(9, 19);
	fake_feed("\033[4D");
	EXPECT_CURSOR(9, 15);
	fake_feed("\033[100D");
	EXPECT_CURSOR(9, 0);
	fake_feed("\033[7G");
	EXPECT_CURSOR(9, 6);
	fake_feed("\033[3d");
	EXPECT_CURSOR(2, 6);
	fake_feed("\033[H");
	EXPECT_CURSOR(0, 0);
	fake_feed("\033[;5H");
	EXPECT_CURSOR(0, 4);
	fake_feed("\033[3;4f");
	EXPECT_CURSOR(2, 3);
	fake_feed("\033[2E");
	EXPECT_CURSOR(4, 0);
	fake_feed("\033[3C\033[F");
	EXPECT_CURSOR(3, 0);
	fake_feed("\033[99;99H");
	EXPECT_CURSOR(9, 19);
	fake_feed("\033[0;0H");
	EXPECT_CURSOR(0, 0);
	fake_feed("\033[2I");
	EXPECT_CURSOR(0, 16);
	fake_feed("\033[Z");
	EXPECT_CURSOR(0, 8);
	fake_feed("\033[3`\033[2a"); /* HPA, HPR */
	EXPECT_CURSOR(0, 4);
	fake_feed("\033[4e"); /* VPR */
	EXPECT_CURSOR(4, 4);
	KT_ASSERT_EQ(fake.bad, 0);
}

KTEST(vt_erase)
{
	fake_start(4, 6);
	fake_feed("abcdef\r\nghijkl\r\nmnopqr\r\nstuvwx");
	fake_feed("\033[1;3H\033[K");
	EXPECT_LINE(0, "ab");
	fake_feed("\033[2;3H\033[1K");
	EXPECT_LINE(1, "   jkl");
	fake_feed("\033[3;3H\033[2K");
	EXPECT_LINE(2, "");
	EXPECT_CURSOR(2, 2);
	fake_feed("\033[4;2H\033[2X");
	EXPECT_LINE(3, "s  vwx");
	fake_feed("\033[99X");
	EXPECT_LINE(3, "s");
	fake_feed("\033[3J"); /* the scrollback, which there is none of */
	EXPECT_LINE(0, "ab");
	fake_feed("\033[2;2H\033[J");
	EXPECT_LINE(0, "ab");
	EXPECT_LINE(1, "");
	EXPECT_LINE(3, "");
	fake_start(4, 6);
	fake_feed("abcdef\r\nghijkl\r\nmnopqr\033[2;3H\033[1J");
	EXPECT_LINE(0, "");
	EXPECT_LINE(1, "   jkl");
	EXPECT_LINE(2, "mnopqr");
	fake_feed("\033[2J");
	EXPECT_LINE(2, "");
	EXPECT_CURSOR(1, 2); /* erasing does not move the cursor */
	KT_ASSERT_EQ(fake.bad, 0);
}

KTEST(vt_insert_delete_chars)
{
	fake_start(2, 6);
	fake_feed("abcdef\033[1;2H\033[2@");
	EXPECT_LINE(0, "a  bcd");
	fake_feed("\033[P");
	EXPECT_LINE(0, "a bcd");
	fake_feed("\033[99P");
	EXPECT_LINE(0, "a");
	fake_feed("\rabcdef\033[1;6H\033[@");
	EXPECT_LINE(0, "abcde");
	fake_feed("\033[4hXY\033[4l"); /* insert mode */
	EXPECT_LINE(0, "abcdeX");
	fake_feed("\033[Habcdef\r\033[4hXY\033[4lZ");
	EXPECT_LINE(0, "XYZbcd");
	KT_ASSERT_EQ(fake.bad, 0);
}

KTEST(vt_scroll_region)
{
	numbered_rows();
	fake_feed("\033[2;5r"); /* rows 2-5 scroll; the cursor goes home */
	EXPECT_CURSOR(0, 0);
	fake_feed("\033[5;1H\n");
	EXPECT_LINE(0, "r0");
	EXPECT_LINE(1, "r2");
	EXPECT_LINE(3, "r4");
	EXPECT_LINE(4, "");
	EXPECT_LINE(5, "r5");
	fake_feed("\033[2;1H\033M"); /* reverse index at the top margin */
	EXPECT_LINE(1, "");
	EXPECT_LINE(2, "r2");
	EXPECT_LINE(4, "r4");
	EXPECT_LINE(5, "r5");
	fake_feed("\033[S");
	EXPECT_LINE(1, "r2");
	EXPECT_LINE(4, "");
	fake_feed("\033[2T");
	EXPECT_LINE(1, "");
	EXPECT_LINE(3, "r2");
	EXPECT_LINE(5, "r5");
	/* the cursor stops at the margins from inside, not from outside */
	fake_feed("\033[3;1H\033[9A");
	EXPECT_CURSOR(1, 0);
	fake_feed("\033[9B");
	EXPECT_CURSOR(4, 0);
	fake_feed("\033[6;1H\033[9A");
	EXPECT_CURSOR(1, 0);
	fake_feed("\033[1;1H\033[9A");
	EXPECT_CURSOR(0, 0);
	/* LF on the last row, below the region: no scroll */
	fake_feed("\033[6;1H\n\n");
	EXPECT_CURSOR(5, 0);
	EXPECT_LINE(5, "r5");
	fake_feed("\033[5;2r"); /* top below bottom: ignored */
	KT_ASSERT_EQ(fake_vt.top, 1);
	KT_ASSERT_EQ(fake_vt.bottom, 5);
	fake_feed("\033[r"); /* the whole screen again */
	KT_ASSERT_EQ(fake_vt.top, 0);
	KT_ASSERT_EQ(fake_vt.bottom, 6);
	fake_feed("\033[1;99r");
	KT_ASSERT_EQ(fake_vt.bottom, 6);
	KT_ASSERT_EQ(fake.bad, 0);
}

KTEST(vt_insert_delete_lines)
{
	numbered_rows();
	fake_feed("\033[2;5r\033[3;4H\033[L");
	EXPECT_CURSOR(2, 0);
	EXPECT_LINE(1, "r1");
	EXPECT_LINE(2, "");
	EXPECT_LINE(3, "r2");
	EXPECT_LINE(4, "r3");
	EXPECT_LINE(5, "r5"); /* r4 left the region */
	fake_feed("\033[2M");
	EXPECT_LINE(2, "r3");
	EXPECT_LINE(3, "");
	EXPECT_LINE(4, "");
	EXPECT_LINE(5, "r5");
	fake_feed("\033[1;1H\033[L"); /* outside the region: nothing */
	EXPECT_LINE(0, "r0");
	fake_feed("\033[2;1H\033[99L");
	EXPECT_LINE(1, "");
	EXPECT_LINE(4, "");
	EXPECT_LINE(5, "r5");
	KT_ASSERT_EQ(fake.bad, 0);
}

KTEST(vt_save_restore_cursor)
{
	fake_start(6, 10);
	fake_feed("\033[3;4H\033[31m\0337\033[H\033[0m\0338x");
	EXPECT_CURSOR(2, 4);
	KT_ASSERT_EQ(fake.grid[2][3].ch, 'x');
	KT_ASSERT_EQ(fake.grid[2][3].fg, VT_COLOUR(1)); /* with the colour */
	fake_feed("\033[5;6H\033[s\033[H\033[u");
	EXPECT_CURSOR(4, 5);
	fake_feed("\033c\0338"); /* nothing saved: home */
	EXPECT_CURSOR(0, 0);
	fake_feed("\033[6;10H\0337\033[?1048h\033[H\033[?1048l");
	EXPECT_CURSOR(5, 9);
}

/* Colours: the cell's fg and bg after each SGR. */
KTEST(vt_sgr)
{
	static const struct {
		const char *sgr;
		uint32_t fg, bg, flags;
	} cases[] = {
		{ "", WHITE, BLACK, 0 },
		{ "31", VT_COLOUR(1), BLACK, 0 },
		{ "1;31", VT_COLOUR(9), BLACK, 0 },
		{ "1;91", VT_COLOUR(9), BLACK, 0 },
		{ "31;1;22", VT_COLOUR(1), BLACK, 0 },
		{ "7", BLACK, WHITE, 0 },
		{ "34;47;7", VT_COLOUR(7), VT_COLOUR(4), 0 },
		{ "7;27", WHITE, BLACK, 0 },
		{ "94", VT_COLOUR(12), BLACK, 0 },
		{ "42", WHITE, VT_COLOUR(2), 0 },
		{ "42;49", WHITE, BLACK, 0 },
		{ "31;39", WHITE, BLACK, 0 },
		{ "103", WHITE, VT_COLOUR(11), 0 },
		{ "38;5;196", VT_COLOUR(1), BLACK, 0 },
		{ "38;5;9", VT_COLOUR(9), BLACK, 0 },
		{ "38;5;244", VT_COLOUR(7), BLACK, 0 },
		{ "38;5;232", VT_COLOUR(0), BLACK, 0 },
		{ "48;5;21", WHITE, VT_COLOUR(4), 0 },
		{ "38;2;0;0;255", VT_COLOUR(4), BLACK, 0 },
		{ "38;2;255;255;80", VT_COLOUR(11), BLACK, 0 },
		{ "48;2;0;170;0;1", WHITE, VT_COLOUR(2), 0 },
		{ "38;2;300;0;0", WHITE, BLACK, 0 }, /* out of range: ignored */
		{ "38;5", WHITE, BLACK, 0 },    /* cut short: ignored */
		{ "38;7;31", WHITE, BLACK, 0 }, /* unknown: the rest too */
		{ "4", WHITE, BLACK, VT_UNDERLINE },
		{ "4;24", WHITE, BLACK, 0 },
		{ "2", VT_COLOUR(7), BLACK, 0 },
		{ "2;22", WHITE, BLACK, 0 },
		{ "8", BLACK, BLACK, 0 },
		{ "8;28", WHITE, BLACK, 0 },
		{ "31;0", WHITE, BLACK, 0 },
		{ "3;5;9;23;25;29", WHITE, BLACK, 0 }, /* not drawn */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct vt_cell *c = &fake.grid[0][0];

		fake_start(2, 4);
		fake_feed("\033[");
		fake_feed(cases[i].sgr);
		fake_feed("mx");
		if (c->ch != 'x' || c->fg != cases[i].fg ||
		    c->bg != cases[i].bg || c->flags != cases[i].flags) {
			ktest_fail(__FILE__, __LINE__,
				   "SGR %s: fg %#x bg %#x flags %#x, not %#x "
				   "%#x %#x", cases[i].sgr, c->fg, c->bg,
				   c->flags, cases[i].fg, cases[i].bg,
				   cases[i].flags);
			return;
		}
	}
}

/* The write's colours fill in where SGR says "default": stderr's orange. */
KTEST(vt_write_colours_are_the_default)
{
	static const char text[] = "a\033[32mb\033[39mc\033[7md";

	fake_start(2, 8);
	vt_write(&fake_vt, text, sizeof(text) - 1, ORANGE, BLACK);
	KT_ASSERT_EQ(fake.grid[0][0].fg, ORANGE);
	KT_ASSERT_EQ(fake.grid[0][1].fg, VT_COLOUR(2));
	KT_ASSERT_EQ(fake.grid[0][2].fg, ORANGE);
	KT_ASSERT_EQ(fake.grid[0][3].fg, BLACK);
	KT_ASSERT_EQ(fake.grid[0][3].bg, ORANGE);
	/* erasing uses the background but not reverse video */
	fake_feed("\033[44m\033[K");
	KT_ASSERT_EQ(fake.grid[0][4].bg, VT_COLOUR(4));
	KT_ASSERT_EQ(fake.grid[0][4].fg, WHITE);
}

KTEST(vt_replies)
{
	char buf[VT_REPLY_MAX + 1];
	struct vt *console;
	size_t n;

	fake_start(6, 10);
	fake_feed("\033[3;5H\033[6n\033[5n\033[c\033[0c\033[>c\033[18t");
	n = vt_read_reply(&fake_vt, buf, sizeof(buf) - 1);
	buf[n] = '\0';
	KT_ASSERT(!strcmp(buf, "\033[3;5R\033[0n\033[?6c\033[?6c"
			       "\033[>0;10;0c\033[8;6;10t"));
	KT_ASSERT_EQ(vt_read_reply(&fake_vt, buf, sizeof(buf)), 0);
	fake_feed("\033[?6n\033Z\033[1c\033[7n");
	n = vt_read_reply(&fake_vt, buf, sizeof(buf) - 1);
	buf[n] = '\0';
	KT_ASSERT(!strcmp(buf, "\033[?3;5R\033[?6c"));

	/* A full queue drops whole answers; reading takes a part. */
	for (int i = 0; i < 100; i++)
		fake_feed("\033[6n");
	KT_ASSERT_EQ(fake_vt.reply_len, VT_REPLY_MAX / 6 * 6);
	KT_ASSERT_EQ(vt_read_reply(&fake_vt, buf, 4), 4);
	KT_ASSERT(!memcmp(buf, "\033[3;", 4));
	KT_ASSERT_EQ(vt_read_reply(&fake_vt, buf, 2), 2);
	KT_ASSERT(!memcmp(buf, "5R", 2));

	/* vt_report reads the console's vt */
	console = vt_set_console(&fake_vt);
	n = vt_report(buf, sizeof(buf));
	vt_set_console(console);
	KT_ASSERT_EQ(n, VT_REPLY_MAX / 6 * 6 - 6);
	KT_ASSERT_EQ(fake_vt.reply_len, 0);
}

KTEST(vt_cursor_visibility)
{
	fake_start(2, 4);
	KT_ASSERT(fake.visible);
	fake_feed("\033[?25l");
	KT_ASSERT(!fake.visible);
	fake_feed("\033[?25h");
	KT_ASSERT(fake.visible);
	fake_feed("\033[?25l\033c");
	KT_ASSERT(fake.visible);
}

/* There is no second screen: entering and leaving clear this one. */
KTEST(vt_alternate_screen)
{
	fake_start(4, 10);
	fake_feed("hello\033[2;3H\033[?1049h");
	EXPECT_LINE(0, "");
	EXPECT_CURSOR(1, 2);
	fake_feed("\033[Hvi\033[4;1Hstatus\033[?1049h"); /* again: nothing */
	EXPECT_LINE(0, "vi");
	fake_feed("\033[?1049l");
	EXPECT_LINE(0, "");
	EXPECT_LINE(3, "");
	EXPECT_CURSOR(1, 2);
	fake_feed("x\033[?47hy");
	EXPECT_LINE(1, "   y");
	EXPECT_CURSOR(1, 4);
	fake_feed("\033[?47l\033[?1047h");
	EXPECT_LINE(1, "");
}

KTEST(vt_reset)
{
	fake_start(4, 6);
	fake_feed("abc\033[2;3r\033[7;31m\033[?25l\033[?7l\033[4h\033[20l"
		  "\033c");
	EXPECT_LINE(0, "");
	EXPECT_CURSOR(0, 0);
	KT_ASSERT(fake.visible);
	KT_ASSERT(fake_vt.autowrap && !fake_vt.insert_mode &&
		  fake_vt.newline_mode);
	KT_ASSERT_EQ(fake_vt.top, 0);
	KT_ASSERT_EQ(fake_vt.bottom, 4);
	fake_feed("x");
	KT_ASSERT_EQ(fake.grid[0][0].fg, WHITE);
	KT_ASSERT_EQ(fake.grid[0][0].bg, BLACK);
	/* busybox's reset, and DECSTR's soft reset */
	fake_feed("\033c\033(B\033[m\033[J\033[?25h");
	EXPECT_LINE(0, "");
	fake_feed("\033[7m\033[?25l\033[2;3r\033[3;1H\033[!pz");
	KT_ASSERT(fake.visible);
	EXPECT_LINE(2, "z"); /* the cursor stays */
	KT_ASSERT_EQ(fake.grid[2][0].bg, BLACK);
	KT_ASSERT_EQ(fake_vt.bottom, 4);
	fake_feed("\033#8"); /* DECALN: the screen full of E */
	EXPECT_LINE(3, "EEEEEE");
	EXPECT_CURSOR(0, 0);
}

KTEST(vt_utf8)
{
	static const struct {
		const char *in, *out; /* out: code points as text, '#' other */
		uint32_t first;       /* the first cell's code point */
	} cases[] = {
		{ "\xc3\xa9.", "#.", 0xe9 },
		{ "\xe2\x82\xac.", "#.", 0x20ac },
		{ "\xe4\xb8\xad.", "# .", 0x4e2d },     /* wide: two cells */
		{ "\xf0\x9f\x98\x80.", "# .", 0x1f600 }, /* an emoji, wide */
		{ "\xff.", "#.", VT_REPLACEMENT },
		{ "\xc0\xaf.", "##.", VT_REPLACEMENT },  /* overlong '/' */
		{ "\xe0\x80\xaf.", "#.", VT_REPLACEMENT },
		{ "\xed\xa0\x80.", "#.", VT_REPLACEMENT }, /* a surrogate */
		{ "\xf4\x90\x80\x80.", "#.", VT_REPLACEMENT }, /* > U+10FFFF */
		{ "\xe2\x82.", "#.", VT_REPLACEMENT },   /* cut short */
		{ "\x80\xbf.", "##.", VT_REPLACEMENT }, /* stray bytes */
		{ "e\xcc\x81.", "e.", 'e' },            /* combining: dropped */
		{ "\xc2\2331m.", "1m.", '1' },          /* C1 CSI: not one */
		{ "\xc2\xa0.", "#.", 0xa0 },
		{ "\xe2\x82\033[31m.", "#.", VT_REPLACEMENT },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fake_start(2, 10);
		fake_feed(cases[i].in);
		if (strcmp(fake_line(0), cases[i].out) ||
		    fake.grid[0][0].ch != cases[i].first) {
			ktest_fail(__FILE__, __LINE__,
				   "case %zu: \"%s\", first %#x", i,
				   fake_line(0), fake.grid[0][0].ch);
			return;
		}
	}
	/* A wide character at the last column goes to the next line. */
	fake_start(2, 5);
	fake_feed("abcd\xe4\xb8\xad");
	EXPECT_LINE(0, "abcd");
	EXPECT_LINE(1, "#");
	EXPECT_CURSOR(1, 2);
	KT_ASSERT_EQ(fake.bad, 0);
}

/* The kernel's text: its own colours, whatever the program left. */
KTEST(vt_kernel_text)
{
	static const char msg[] = "msg\n";

	fake_start(4, 10);
	fake_feed("\033[7;31m\033[3"); /* reverse red, half a sequence */
	vt_kernel_write(&fake_vt, msg, sizeof(msg) - 1, RED, BLACK);
	EXPECT_LINE(0, "msg");
	KT_ASSERT_EQ(fake.grid[0][0].fg, RED);
	KT_ASSERT_EQ(fake.grid[0][0].bg, BLACK);
	EXPECT_CURSOR(1, 0);
	fake_feed("Cx"); /* the sequence goes on: CSI 3 C */
	KT_ASSERT_EQ(fake.grid[1][3].ch, 'x');
	KT_ASSERT_EQ(fake.grid[1][3].bg, VT_COLOUR(1));
	/* A program's scroll region does not hold the kernel's lines. */
	fake_feed("\033[1;2r\033[4;1H");
	vt_kernel_write(&fake_vt, "a\nb\n", 4, WHITE, BLACK);
	EXPECT_LINE(0, "");
	EXPECT_LINE(1, "a");
	EXPECT_LINE(2, "b");
	EXPECT_CURSOR(3, 0);
	/* Escape sequences are not the kernel's: their ESC is dropped. */
	vt_kernel_write(&fake_vt, "\033[Kz\xc3\xa9", 6, WHITE, BLACK);
	EXPECT_LINE(3, "[Kz#");
	KT_ASSERT_EQ(fake.grid[3][3].ch, 0xe9);
	KT_ASSERT_EQ(fake.bad, 0);
}

/* The VGA screen's operations over plain memory: characters in CP437,
 * colours in attribute bytes. */
KTEST(vt_vga_screen)
{
	static uint16_t cells[4 * 6];
	static struct vga_screen v;
	static struct vt vt;
	static const char text[] = "\033[31;44mA\033[m\xc3\xa9\xe4\xb8\xad"
				   "\033[7mR\033[m\r\n2\r\n3\r\n4";

	vga_screen_init(&v, cells, 6, 4, false);
	vt_init(&vt, &v.screen);
	vt_write(&vt, text, sizeof(text) - 1, WHITE, BLACK);
	KT_ASSERT_EQ(cells[0], 0x1400 | 'A'); /* blue on red: VGA bits */
	KT_ASSERT_EQ(cells[1], 0x0f82);       /* é, bright white */
	KT_ASSERT_EQ(cells[2], 0x0ffe);       /* no CJK: a box */
	KT_ASSERT_EQ(cells[3], 0x0f00 | ' ');
	KT_ASSERT_EQ(cells[4], 0xf000 | 'R'); /* reverse video */
	vt_write(&vt, "\n5", 2, WHITE, BLACK); /* scrolls */
	KT_ASSERT_EQ(cells[0], 0x0f00 | '2');
	KT_ASSERT_EQ(cells[3 * 6], 0x0f00 | '5');
	vt_write(&vt, "\033[H\033M", 5, WHITE, BLACK); /* scrolls down */
	KT_ASSERT_EQ(cells[0], 0x0f20);
	KT_ASSERT_EQ(cells[6], 0x0f00 | '2');
	vt_write(&vt, "\033[2;1H\033[2@", 10, WHITE, BLACK);
	KT_ASSERT_EQ(cells[6], 0x0f20);
	KT_ASSERT_EQ(cells[6 + 2], 0x0f00 | '2');
	vt_write(&vt, "\033[P", 3, WHITE, BLACK);
	KT_ASSERT_EQ(cells[6 + 1], 0x0f00 | '2');
	KT_ASSERT_EQ(cells[6 + 2], 0x0f20);
	KT_ASSERT_EQ(vga_cp437(0x2500), 0xc4);
	KT_ASSERT_EQ(vga_cp437(VT_REPLACEMENT), 0xfe);
}
