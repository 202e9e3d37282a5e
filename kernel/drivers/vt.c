// SPDX-License-Identifier: MIT
/*
 * The terminal emulator of the screen consoles: a VT100/xterm subset,
 * enough for busybox's line editing, clear, reset, vi, less, top and
 * watch. docs/console.md lists the sequences, draws the parser and says
 * what is left out.
 *
 * The parser is Paul Williams' state machine for DEC terminals
 * (https://vt100.net/emu/dec_ansi_parser), simplified: the states of
 * enum vt_state, with the DCS, SOS, PM and APC strings ignored alike.
 * Each byte makes exactly one transition, so an unknown or malformed
 * sequence is swallowed whole and never printed. Parameters saturate at
 * VT_PARAM_MAX, and every position is clamped to the grid before it
 * reaches the screen, so no byte stream can make the emulator draw
 * outside it (kernel/tests/vt_test.c feeds it random bytes).
 *
 * This file is the parser and the interface; vt_actions.c does what the
 * sequences ask.
 */
#include <kernel/console.h>
#include <lib/string.h>

#include "vt_internal.h"

/* ------------------------------------------------ control sequences */

static unsigned int nparams(const struct vt *vt)
{
	return vt->nparams < VT_MAX_PARAMS ? vt->nparams : VT_MAX_PARAMS;
}

/* Parameter @i, or @def where it is missing or 0. */
static unsigned int arg(const struct vt *vt, unsigned int i, unsigned int def)
{
	return i < nparams(vt) && vt->params[i] ? vt->params[i] : def;
}

/* DECSTBM: rows top..bottom, counted from 1; the cursor goes home. */
static void set_scroll_region(struct vt *vt)
{
	unsigned int top = arg(vt, 0, 1), bottom = arg(vt, 1, vt->rows);

	if (bottom > vt->rows)
		bottom = vt->rows;
	if (top >= bottom)
		return;
	vt->top = top - 1;
	vt->bottom = bottom;
	vt_move_to(vt, 0, 0);
}

/* 38;5;N or 38;2;R;G;B (48 for the background) at parameter @i: the
 * parameters it took; a malformed one ends the list. */
static unsigned int extended_colour(struct vt *vt, unsigned int i,
				    uint32_t *colour)
{
	const unsigned int *p = vt->params + i;
	unsigned int n = nparams(vt) - i;

	if (n >= 3 && p[1] == 5) {
		if (p[2] < 256)
			*colour = vt_colour_256(p[2]);
		return 2;
	}
	if (n >= 5 && p[1] == 2) {
		if (p[2] < 256 && p[3] < 256 && p[4] < 256)
			*colour = vt_nearest(p[2] << 16 | p[3] << 8 | p[4]);
		return 4;
	}
	return n;
}

/* SGR: select graphic rendition. */
static void sgr(struct vt *vt)
{
	struct vt_attrs *a = &vt->attrs;

	if (!nparams(vt))
		*a = vt_default_attrs;
	for (unsigned int i = 0; i < nparams(vt); i++) {
		unsigned int p = vt->params[i];

		if (p == 0)
			*a = vt_default_attrs;
		else if (p == 1)
			a->flags |= VT_BOLD;
		else if (p == 2)
			a->flags |= VT_DIM;
		else if (p == 4 || p == 21)
			a->flags |= VT_UNDERLINE;
		else if (p == 7)
			a->flags |= VT_REVERSE;
		else if (p == 8)
			a->flags |= VT_HIDDEN;
		else if (p == 22)
			a->flags &= ~(VT_BOLD | VT_DIM);
		else if (p == 24)
			a->flags &= ~VT_UNDERLINE;
		else if (p == 27)
			a->flags &= ~VT_REVERSE;
		else if (p == 28)
			a->flags &= ~VT_HIDDEN;
		else if (p >= 30 && p <= 37)
			a->fg = VT_COLOUR(p - 30);
		else if (p == 38)
			i += extended_colour(vt, i, &a->fg);
		else if (p == 39)
			a->fg = VT_DEFAULT;
		else if (p >= 40 && p <= 47)
			a->bg = VT_COLOUR(p - 40);
		else if (p == 48)
			i += extended_colour(vt, i, &a->bg);
		else if (p == 49)
			a->bg = VT_DEFAULT;
		else if (p >= 90 && p <= 97)
			a->fg = VT_COLOUR(p - 90 + 8);
		else if (p >= 100 && p <= 107)
			a->bg = VT_COLOUR(p - 100 + 8);
		/* italic, blink, strike-through, ...: not drawn */
	}
}

/* SM and RM (CSI h, l) and DECSET and DECRST (CSI ? h, l). */
static void set_modes(struct vt *vt, bool set)
{
	for (unsigned int i = 0; i < nparams(vt); i++) {
		unsigned int mode = vt->params[i];

		if (vt->private_marker == 0) {
			if (mode == 4)
				vt->insert_mode = set;
			else if (mode == 20)
				vt->newline_mode = set;
		} else if (mode == 7) {
			vt->autowrap = set;
		} else if (mode == 25) {
			vt->cursor_visible = set;
		} else if (mode == 47 || mode == 1047 || mode == 1049) {
			vt_alternate_screen(vt, set, mode == 1049);
		} else if (mode == 1048) {
			if (set)
				vt_save_cursor(vt);
			else
				vt_restore_cursor(vt);
		}
	}
}

/* The sequences that move the cursor or change the screen's cells. */
static void csi_edit(struct vt *vt, uint8_t final)
{
	unsigned int n = arg(vt, 0, 1);
	struct vt_cell fill = vt_blank(vt);

	switch (final) {
	case '@': /* ICH */
	case 'P': /* DCH */
		vt->wrap_pending = false;
		vt_shift(vt, vt->row, vt->col, final == '@' ? n : -(long)n,
			    &fill);
		break;
	case 'A':
		vt_cursor_up(vt, n);
		break;
	case 'B':
	case 'e':
		vt_cursor_down(vt, n);
		break;
	case 'C':
	case 'a':
		vt_move_to(vt, vt->row, (long)vt->col + n);
		break;
	case 'D':
		vt_move_to(vt, vt->row, (long)vt->col - n);
		break;
	case 'E':
		vt_cursor_down(vt, n);
		vt->col = 0;
		break;
	case 'F':
		vt_cursor_up(vt, n);
		vt->col = 0;
		break;
	case 'G':
	case '`':
		vt_move_to(vt, vt->row, (long)n - 1);
		break;
	case 'H':
	case 'f':
		vt_move_to(vt, (long)n - 1, (long)arg(vt, 1, 1) - 1);
		break;
	case 'I':
		vt_tab(vt, n, true);
		break;
	case 'Z':
		vt_tab(vt, n, false);
		break;
	case 'J':
		vt_erase_display(vt, arg(vt, 0, 0));
		break;
	case 'K':
		vt_erase_line(vt, arg(vt, 0, 0));
		break;
	case 'L':
		vt_insert_lines(vt, n);
		break;
	case 'M':
		vt_insert_lines(vt, -(long)n);
		break;
	case 'S':
		vt_scroll(vt, vt->top, vt->bottom, n, &fill);
		break;
	case 'T': /* with 5 parameters, xterm's mouse tracking: not ours */
		if (nparams(vt) <= 1)
			vt_scroll(vt, vt->top, vt->bottom, -(long)n, &fill);
		break;
	case 'X': /* ECH */
		vt->wrap_pending = false;
		vt_clear(vt, vt->row, vt->col, vt->row + 1,
			   n > vt->cols - vt->col ? vt->cols : vt->col + n,
			   &fill);
		break;
	case 'b': /* REP: the last character again */
		for (unsigned long i = 0; vt->last_char &&
		     i < n && i < (unsigned long)vt->rows * vt->cols; i++)
			vt_print(vt, vt->last_char);
		break;
	case 'd':
		vt_move_to(vt, (long)n - 1, vt->col);
		break;
	}
}

static void csi_dispatch(struct vt *vt, uint8_t final)
{
	if (vt->intermediate) {
		if (vt->intermediate == '!' && final == 'p' &&
		    !vt->private_marker)
			vt_soft_reset(vt); /* DECSTR */
		return;
	}
	if (vt->private_marker == '>') {
		if (final == 'c' && !arg(vt, 0, 0))
			vt_reply(vt, "\033[>0;10;0c", 0, 0);
		return;
	}
	if (vt->private_marker == '?') {
		if (final == 'h' || final == 'l')
			set_modes(vt, final == 'h');
		else if (final == 'J' || final == 'K') /* DECSED, DECSEL */
			csi_edit(vt, final);
		else if (final == 'n' && arg(vt, 0, 0) == 6)
			vt_reply(vt, "\033[?%u;%uR", vt->row + 1, vt->col + 1);
		return;
	}
	if (vt->private_marker)
		return;
	switch (final) {
	case 'c': /* DA: a VT102, as Linux's console answers */
		if (!arg(vt, 0, 0))
			vt_reply(vt, "\033[?6c", 0, 0);
		break;
	case 'h':
	case 'l':
		set_modes(vt, final == 'h');
		break;
	case 'm':
		sgr(vt);
		break;
	case 'n': /* DSR: 5 status, 6 the cursor's position */
		if (arg(vt, 0, 0) == 5)
			vt_reply(vt, "\033[0n", 0, 0);
		else if (arg(vt, 0, 0) == 6)
			vt_reply(vt, "\033[%u;%uR", vt->row + 1, vt->col + 1);
		break;
	case 'r':
		set_scroll_region(vt);
		break;
	case 's':
		vt_save_cursor(vt);
		break;
	case 'u':
		vt_restore_cursor(vt);
		break;
	case 't': /* window operations: only 18, the size in characters */
		if (arg(vt, 0, 0) == 18)
			vt_reply(vt, "\033[8;%u;%ut", vt->rows, vt->cols);
		break;
	default:
		csi_edit(vt, final);
		break;
	}
}

/* ------------------------------------------------------------ parsing */

static void esc_dispatch(struct vt *vt, uint8_t final)
{
	if (vt->intermediate == '#' && final == '8') {
		/* DECALN: the screen full of E, margins reset, cursor home */
		struct vt_attrs attrs = vt->attrs;
		struct vt_cell e;

		vt->attrs = vt_default_attrs;
		e = vt_pen(vt, 'E');
		vt->attrs = attrs;
		vt->top = 0;
		vt->bottom = vt->rows;
		for (unsigned int r = 0; r < vt->rows; r++)
			for (unsigned int c = 0; c < vt->cols; c++)
				vt->screen->put(vt->screen, r, c, &e);
		vt_move_to(vt, 0, 0);
		return;
	}
	if (vt->intermediate) /* character sets and the like */
		return;
	switch (final) {
	case '7':
		vt_save_cursor(vt);
		break;
	case '8':
		vt_restore_cursor(vt);
		break;
	case 'c':
		vt_full_reset(vt);
		break;
	case 'D': /* IND */
	case 'E': /* NEL */ {
		struct vt_cell fill = vt_blank(vt);

		if (final == 'E')
			vt->col = 0;
		vt_line_feed(vt, false, &fill);
		break;
	}
	case 'M':
		vt_reverse_index(vt);
		break;
	case 'Z': /* DECID: as CSI c */
		vt_reply(vt, "\033[?6c", 0, 0);
		break;
	default: /* HTS, keypad modes, ST, ...: nothing to do */
		break;
	}
}

static void csi_enter(struct vt *vt)
{
	vt->state = VT_CSI_ENTRY;
	vt->nparams = 0;
	memset(vt->params, 0, sizeof(vt->params));
	vt->private_marker = 0;
	vt->intermediate = 0;
}

/* A digit or a ';': parameters past VT_MAX_PARAMS are dropped. */
static void csi_param(struct vt *vt, uint8_t b)
{
	if (vt->nparams == 0)
		vt->nparams = 1;
	if (b == ';') {
		if (vt->nparams <= VT_MAX_PARAMS)
			vt->nparams++;
	} else if (vt->nparams <= VT_MAX_PARAMS) {
		unsigned int *p = &vt->params[vt->nparams - 1];

		*p = *p * 10 + (b - '0');
		if (*p > VT_PARAM_MAX)
			*p = VT_PARAM_MAX;
	}
	vt->state = VT_CSI_PARAM;
}

/* One byte of a program's output. */
static void vt_byte(struct vt *vt, uint8_t b)
{
	uint32_t cp;

	if (vt->utf8.need && (b & 0xc0) != 0x80) {
		vt->utf8.need = 0;
		vt_print(vt, VT_REPLACEMENT); /* a sequence cut short */
	}
	if (b == 0x18 || b == 0x1a) { /* CAN, SUB: abandon any sequence */
		vt->state = VT_GROUND;
		return;
	}
	if (b == 0x1b) { /* ESC: a new sequence, or ST's first byte */
		vt->state = VT_ESCAPE;
		vt->intermediate = 0;
		return;
	}
	switch (vt->state) {
	case VT_GROUND:
		if (b < 0x20)
			vt_execute(vt, b);
		else if (b != 0x7f && vt_utf8_decode(&vt->utf8, b, &cp))
			vt_print(vt, cp);
		return;
	case VT_ESCAPE:
	case VT_ESCAPE_INTERMEDIATE:
		if (b < 0x20) {
			vt_execute(vt, b);
		} else if (b < 0x30) {
			if (!vt->intermediate)
				vt->intermediate = (char)b;
			vt->state = VT_ESCAPE_INTERMEDIATE;
		} else if (vt->state == VT_ESCAPE && b == '[') {
			csi_enter(vt);
		} else if (vt->state == VT_ESCAPE && b == ']') {
			vt->state = VT_OSC_STRING;
		} else if (vt->state == VT_ESCAPE &&
			   (b == 'P' || b == 'X' || b == '^' || b == '_')) {
			vt->state = VT_STRING;
		} else if (b < 0x7f) {
			vt->state = VT_GROUND;
			esc_dispatch(vt, b);
		} else if (b > 0x7f) {
			vt->state = VT_GROUND; /* not a sequence: dropped */
		}
		return;
	case VT_CSI_ENTRY:
	case VT_CSI_PARAM:
	case VT_CSI_INTERMEDIATE:
		if (b < 0x20) {
			vt_execute(vt, b);
		} else if (b < 0x30) {
			if (!vt->intermediate)
				vt->intermediate = (char)b;
			vt->state = VT_CSI_INTERMEDIATE;
		} else if (b < 0x40 && vt->state == VT_CSI_INTERMEDIATE) {
			vt->state = VT_CSI_IGNORE;
		} else if ((b >= '0' && b <= '9') || b == ';') {
			csi_param(vt, b);
		} else if (b >= 0x3c && b <= 0x3f &&
			   vt->state == VT_CSI_ENTRY) {
			vt->private_marker = (char)b;
			vt->state = VT_CSI_PARAM;
		} else if (b < 0x40 || b > 0x7e) {
			/* ':' sub-parameters, a late private marker, a byte
			 * past ASCII: not understood, swallowed to the end */
			if (b != 0x7f)
				vt->state = VT_CSI_IGNORE;
		} else {
			vt->state = VT_GROUND;
			csi_dispatch(vt, b);
		}
		return;
	case VT_CSI_IGNORE:
		if (b < 0x20)
			vt_execute(vt, b);
		else if (b >= 0x40 && b <= 0x7e)
			vt->state = VT_GROUND;
		return;
	case VT_OSC_STRING:
		if (b == '\a') /* xterm ends OSC with BEL as well as ST */
			vt->state = VT_GROUND;
		return;
	case VT_STRING:
		return;
	}
}

/* ------------------------------------------------------------ the API */

/**
 * vt_init - start the emulator on a screen and clear it
 * @screen: its size and operations; a screen of no cells gets nothing
 */
void vt_init(struct vt *vt, struct vt_screen *screen)
{
	memset(vt, 0, sizeof(*vt));
	if (!screen->rows || !screen->cols)
		return;
	vt->screen = screen;
	vt->rows = screen->rows;
	vt->cols = screen->cols;
	vt->default_fg = WHITE;
	vt->default_bg = BLACK;
	vt_full_reset(vt);
	vt_show_cursor(vt);
}

/**
 * vt_write - a program's output: text and escape sequences
 * @fg: @bg: the colours where the program's SGR says "default"
 *
 * The parser's state carries over to the next call: a sequence may be
 * split anywhere between writes.
 */
void vt_write(struct vt *vt, const char *s, size_t len, uint32_t fg,
	      uint32_t bg)
{
	if (!vt->screen)
		return;
	vt->default_fg = fg;
	vt->default_bg = bg;
	for (size_t i = 0; i < len; i++)
		vt_byte(vt, (uint8_t)s[i]);
	vt_show_cursor(vt);
}

/**
 * vt_kernel_write - the kernel's own text, in its own colours
 *
 * Only \n (a new line), \r, \t and \b act; other controls, escape
 * sequences included, are dropped. The text goes where the cursor is,
 * always wraps and scrolls the whole screen, and leaves the program's
 * parser state, rendition and scroll region alone: a message printed
 * in the middle of a program's escape sequence, or after a program
 * left reverse video on, reads as it should.
 */
void vt_kernel_write(struct vt *vt, const char *s, size_t len, uint32_t fg,
		     uint32_t bg)
{
	struct vt_cell c = { ' ', fg, bg, 0 };
	struct vt_utf8 u = { 0, 0, 0 };
	uint32_t cp;

	if (!vt->screen)
		return;
	for (size_t i = 0; i < len; i++) {
		uint8_t b = (uint8_t)s[i];

		if (u.need && (b & 0xc0) != 0x80) {
			u.need = 0;
			c.ch = VT_REPLACEMENT;
			vt_put_char(vt, &c, true);
		}
		if (b == '\n') {
			c.ch = ' ';
			vt->col = 0;
			vt_line_feed(vt, true, &c);
		} else if (b == '\r') {
			vt_move_to(vt, vt->row, 0);
		} else if (b == '\t') {
			vt_tab(vt, 1, true);
		} else if (b == '\b') {
			vt_move_to(vt, vt->row, (long)vt->col - 1);
		} else if (b >= 0x20 && b != 0x7f &&
			   vt_utf8_decode(&u, b, &cp) &&
			   !(cp >= 0x80 && cp < 0xa0)) {
			c.ch = cp;
			vt_put_char(vt, &c, true);
		}
	}
	if (u.need) {
		c.ch = VT_REPLACEMENT;
		vt_put_char(vt, &c, true);
	}
	vt_show_cursor(vt);
}
