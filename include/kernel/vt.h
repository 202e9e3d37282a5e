/* SPDX-License-Identifier: MIT */
/*
 * The terminal emulator of the screen consoles (kernel/drivers/vt.c): a
 * VT100/xterm subset, written once for the framebuffer console and the
 * VGA text screen. docs/console.md lists what it understands.
 *
 * A program's bytes go through vt_write(), which parses escape sequences
 * and drives a struct vt_screen: a grid of cells that a driver draws
 * (kernel/drivers/fbcon.c, vga.c) or a test keeps in memory
 * (kernel/tests/vt_test.c). The kernel's own messages go through
 * vt_kernel_write(), which draws plain text in the message's colours
 * whatever state a program left the terminal in.
 */
#ifndef KERNEL_VT_H
#define KERNEL_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A colour is 0xRRGGBB, or with VT_INDEXED one of the 16 ANSI colours
 * (0-7 black, red, green, yellow, blue, magenta, cyan, white; 8-15 their
 * bright forms). Programs choose indexed colours; the kernel and the
 * console file's colours (color_printk's fg and bg) are RGB.
 */
#define VT_INDEXED 0x01000000u
#define VT_COLOUR(i) (VT_INDEXED | (i))

/* Where SGR left a colour alone: the write's own colour (struct vt_attrs). */
#define VT_DEFAULT 0x02000000u

/* Cell flags a screen draws itself. */
#define VT_UNDERLINE 0x1u
/* Flags of struct vt_attrs that vt.c turns into colours. */
#define VT_BOLD 0x2u
#define VT_DIM 0x4u
#define VT_REVERSE 0x8u
#define VT_HIDDEN 0x10u

#define VT_REPLACEMENT 0xfffd /* U+FFFD: what a broken UTF-8 sequence shows */

struct vt_cell {
	uint32_t ch;     /* a Unicode code point */
	uint32_t fg, bg; /* reverse, bold, dim and hidden already applied */
	uint32_t flags;  /* VT_UNDERLINE */
};

/*
 * What a screen offers the emulator. Rows and columns count from 0; a
 * range [top, bottom) or [left, right) excludes its end. The emulator
 * only ever passes coordinates inside the grid, and ranges that are not
 * empty.
 */
struct vt_screen {
	unsigned int cols, rows;
	/* Draw @c in one cell. */
	void (*put)(struct vt_screen *s, unsigned int row, unsigned int col,
		    const struct vt_cell *c);
	/* Fill the rectangle with @blank. */
	void (*clear)(struct vt_screen *s, unsigned int top, unsigned int left,
		      unsigned int bottom, unsigned int right,
		      const struct vt_cell *blank);
	/* Move rows [top, bottom) up by @n (down by -n), 0 < |n| < bottom -
	 * top; the rows that uncovers become @blank. */
	void (*scroll)(struct vt_screen *s, unsigned int top,
		       unsigned int bottom, int n, const struct vt_cell *blank);
	/* Move cells [col, cols) of @row right by @n (left by -n), 0 < |n| <
	 * cols - col; cells pushed past the edge are lost, the cells
	 * uncovered become @blank. */
	void (*shift)(struct vt_screen *s, unsigned int row, unsigned int col,
		      int n, const struct vt_cell *blank);
	/* Where the cursor is, and whether it is shown. */
	void (*cursor)(struct vt_screen *s, unsigned int row, unsigned int col,
		       bool visible);
};

#define VT_MAX_PARAMS 16
#define VT_PARAM_MAX 65535 /* larger numbers are clamped to this */
#define VT_REPLY_MAX 64

/* Graphic rendition (SGR) as a program set it. */
struct vt_attrs {
	uint32_t fg, bg; /* VT_COLOUR(i), or VT_DEFAULT: the write's colour */
	uint32_t flags;  /* VT_BOLD, VT_DIM, VT_UNDERLINE, VT_REVERSE, ... */
};

struct vt_saved {
	unsigned int row, col;
	struct vt_attrs attrs;
};

enum vt_state {
	VT_GROUND,
	VT_ESCAPE,
	VT_ESCAPE_INTERMEDIATE,
	VT_CSI_ENTRY,
	VT_CSI_PARAM,
	VT_CSI_INTERMEDIATE,
	VT_CSI_IGNORE,
	VT_OSC_STRING, /* ESC ] ... ended by BEL or ST */
	VT_STRING,     /* ESC P, X, ^, _ ... (DCS, SOS, PM, APC) ended by ST */
};

/* A UTF-8 decoder: the code point so far, its least valid value, and
 * how many continuation bytes are missing. */
struct vt_utf8 {
	uint32_t cp, min;
	unsigned int need;
};

struct vt {
	struct vt_screen *screen;
	unsigned int rows, cols;

	/* The cursor. At the last column after a character was drawn there
	 * it stays, with wrap_pending set: the next character goes to the
	 * next line, a CR or a cursor movement does not (xterm). */
	unsigned int row, col;
	bool wrap_pending;
	struct vt_attrs attrs;
	uint32_t default_fg, default_bg; /* the colours of this write */
	struct vt_saved saved;           /* ESC 7, CSI s, ?1049h */
	unsigned int top, bottom;        /* the scroll region, [top, bottom) */
	bool autowrap;                   /* ?7 */
	bool cursor_visible;             /* ?25 */
	bool newline_mode;               /* LNM (20): LF returns the carriage */
	bool insert_mode;                /* IRM (4) */
	bool alternate;                  /* ?1049, ?1047, ?47 */
	uint32_t last_char;              /* for REP (CSI b) */

	/* The parser (Paul Williams' DEC parser, simplified). */
	enum vt_state state;
	unsigned int params[VT_MAX_PARAMS];
	unsigned int nparams;
	char private_marker; /* '?', '>', '<', '=' or 0 */
	char intermediate;   /* the first of 0x20-0x2f, or 0 */

	struct vt_utf8 utf8;

	/* Answers to CSI 6 n and CSI c, for the input side (vt_report). */
	char reply[VT_REPLY_MAX];
	size_t reply_len;
};

/* Start on @screen: reset everything and clear it. */
void vt_init(struct vt *vt, struct vt_screen *screen);

/* A program's bytes; @fg and @bg are the colours where SGR says
 * "default" (the console file's: white for fd 1, orange for fd 2). */
void vt_write(struct vt *vt, const char *s, size_t len, uint32_t fg,
	      uint32_t bg);

/* The kernel's own text: \n, \r, \t, \b and characters only, drawn in
 * @fg on @bg, wrapping and scrolling the whole screen; the program's
 * parser state, attributes and scroll region stay as they were. */
void vt_kernel_write(struct vt *vt, const char *s, size_t len, uint32_t fg,
		     uint32_t bg);

/* Take up to @size bytes of the answers @vt queued. */
size_t vt_read_reply(struct vt *vt, char *buf, size_t size);

/*
 * vt_report - the screen console's answers to a program's queries
 *
 * CSI 6 n (where is the cursor) and CSI c (what terminal is this) are
 * answered with bytes a terminal would type: the input side must feed
 * them into the line discipline as if typed, after each write to the
 * console. Returns how many bytes it copied to @buf.
 */
size_t vt_report(char *buf, size_t size);
/* Make @vt the one whose answers vt_report returns (the screen
 * console's); returns the one before. */
struct vt *vt_set_console(struct vt *vt);

/* For screens: @colour as 0xRRGGBB, and as an ANSI index 0-15 (bit 0
 * red, bit 1 green, bit 2 blue, bit 3 bright). */
uint32_t vt_rgb(uint32_t colour);
unsigned int vt_basic(uint32_t colour);

#endif
