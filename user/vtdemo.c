// SPDX-License-Identifier: MIT
/*
 * vtdemo: draw a screen with escape sequences, as full-screen programs
 * (busybox's vi, less, top) do, to show what the console's terminal
 * emulator understands (docs/console.md). Each line of the screen is
 * drawn by one trick and says what it should look like; the screen
 * test (tests/run.py) reads it back from QEMU's framebuffer.
 *
 *   vtdemo        draw, then leave the cursor on the last line
 *   vtdemo hold   draw, hide the cursor and wait for ctrl-C
 */
#include <stdbool.h>

#include "user.h"

#define ESC "\033"
#define CSI ESC "["

static void out(const char *s)
{
	if (write(1, s, strlen(s)) < 0)
		exit(1);
}

int main(int argc, char **argv)
{
	bool hold = argc > 1 && !strcmp(argv[1], "hold");

	/* busybox's clear, then a title in reverse video */
	out(CSI "H" CSI "J");
	out(CSI "7m vtdemo: escape sequences on the console " CSI "m");

	/* absolute moves: CUP, then CHA */
	out(CSI "3;1Hcursor:" CSI "20Grow 3, column 20");

	/* erase the end of a line, delete, insert and erase characters */
	out(CSI "4;1Herase line: ok XXXXXXXX" CSI "8D" CSI "K");
	out(CSI "5;1Hdelete chars: abXXcd" CSI "4D" CSI "2P");
	out(CSI "6;1Hinsert chars: abcd" CSI "2D" CSI "2@--");
	out(CSI "7;1Herase chars: 0123456789" CSI "7D" CSI "3X");

	/* colours: the 8 basic ones, bold (bright), 256 and true colour */
	out(CSI "8;1Hcolours: " CSI "31mred " CSI "32mgreen " CSI "34mblue "
		CSI "1;33mbright-yellow " CSI "22;38;5;196mred256 "
		CSI "38;2;0;0;255mblue24 " CSI "39mdefault" CSI "m");

	/* UTF-8: Latin-1, box drawing, and wide characters the font lacks */
	out(CSI "9;1HUTF-8: caf\xc3\xa9 \xe2\x94\x8c\xe2\x94\x80\xe2\x94\x90"
		" \xe4\xb8\xad\xe6\x96\x87|");

	/* a scroll region (DECSTBM): four lines into three rows */
	out(CSI "14;1Hbelow the region");
	out(CSI "11;13r" CSI "11;1Hscroll 1\nscroll 2\nscroll 3\nscroll 4"
		CSI "r");

	/* insert and delete lines */
	out(CSI "15;1Hline X" CSI "16;1Hline Y" CSI "15;1H" CSI "L"
		"inserted" CSI "17;1H" CSI "M");

	/* save and restore the cursor (DECSC, DECRC) */
	out(CSI "19;1Hsave" ESC "7" CSI "20;30Helsewhere" ESC "8"
		"d and restored");

	/* the last column: the wrap waits for the next character */
	out(CSI "22;1H" CSI "999CW" "X wrapped");

	out(CSI "24;1Hvtdemo: done\n");
	if (!hold)
		return 0;
	out(CSI "?25l");
	for (;;)
		msleep(1000000);
}
