// SPDX-License-Identifier: MIT
/*
 * The PS/2 keyboard (IRQ 1, data on port 0x60), scancode set 1, US
 * layout, turned into the bytes a terminal sends (docs/tty.md):
 *
 *   letters, digits, punctuation, Tab, Space   themselves (Shift, Caps Lock)
 *   Enter                                      \r (ICRNL makes it \n)
 *   Backspace                                  DEL, 127: VERASE
 *   Ctrl with a letter or @ [ \ ] ^ _          1-31 (ctrl-2, ctrl-Space: NUL)
 *   Alt with a key                             ESC, then the key's byte
 *   arrows, Home, End, Insert, Delete,         xterm's escape sequences:
 *   Page Up/Down, F1-F12                       ESC [ A, ESC [ 3 ~, ESC O P, ...
 *   SysRq (Alt+Print Screen), Print Screen     no byte: the kernel prints
 *                                              every process (proc_dump)
 *
 * A key's release is its press code with bit 7 set. 0xe0 starts a
 * two-byte code (the grey keys, the right Ctrl and Alt); 0xe1 a Pause
 * key's six. Keyboards also send 0xe0 0x2a and 0xe0 0xaa around some
 * grey keys ("fake shifts"), which must not count as Shift.
 */
#include <stdbool.h>

#include <kernel/io.h>
#include <kernel/proc.h>
#include <kernel/tty.h>

#define KBD_DATA 0x60
#define SC_RELEASE 0x80
#define SC_EXTENDED 0xe0
#define SC_PAUSE 0xe1 /* two more bytes follow, for press and release */
#define SC_LCTRL 0x1d
#define SC_LSHIFT 0x2a
#define SC_RSHIFT 0x36
#define SC_LALT 0x38
#define SC_CAPS 0x3a
#define SC_SYSRQ 0x54 /* Print Screen with Alt held */
#define SC_PRINT 0x37 /* after 0xe0: Print Screen */

static const char normal[0x3a] =
	"\0\0331234567890-=\177\tqwertyuiop[]\r\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 ";
static const char shifted[0x3a] =
	"\0\033!@#$%^&*()_+\177\tQWERTYUIOP{}\r\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 ";

/* The keys that send a sequence: after 0xe0, and the function keys. */
static const char *const extended_keys[0x80] = {
	[0x1c] = "\r",     [0x35] = "/",       [0x47] = "\033[H",
	[0x48] = "\033[A", [0x49] = "\033[5~", [0x4b] = "\033[D",
	[0x4d] = "\033[C", [0x4f] = "\033[F",  [0x50] = "\033[B",
	[0x51] = "\033[6~", [0x52] = "\033[2~", [0x53] = "\033[3~",
};
static const char *const function_keys[0x80] = {
	[0x3b] = "\033OP",   [0x3c] = "\033OQ",   [0x3d] = "\033OR",
	[0x3e] = "\033OS",   [0x3f] = "\033[15~", [0x40] = "\033[17~",
	[0x41] = "\033[18~", [0x42] = "\033[19~", [0x43] = "\033[20~",
	[0x44] = "\033[21~", [0x57] = "\033[23~", [0x58] = "\033[24~",
};

static bool shift, ctrl, alt, caps, extended;
static unsigned int pause_bytes; /* of a Pause key's sequence, to skip */

static void send(const char *s)
{
	while (*s)
		tty_input(*s++);
}

/* The byte an ordinary key makes, or -1 for none. */
static int key_byte(uint8_t code)
{
	int c = (unsigned char)(shift ? shifted[code] : normal[code]);

	if (!c)
		return -1;
	if (caps && c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	else if (caps && c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (!ctrl)
		return c;
	if ((c >= '@' && c <= '_') || (c >= 'a' && c <= 'z'))
		return CTRL(c); /* ^A-^Z, ^@ ^[ ^\ ^] ^^ ^_ */
	if (c == '2' || c == ' ')
		return 0;
	if (c == '6')
		return CTRL('^');
	if (c == '-')
		return CTRL('_');
	return c;
}

void keyboard_irq(void)
{
	uint8_t sc = inb(KBD_DATA);
	bool release = sc & SC_RELEASE, was_extended = extended;
	uint8_t code = sc & ~SC_RELEASE;
	int c;

	if (pause_bytes) {
		pause_bytes--;
		return;
	}
	if (sc == SC_EXTENDED || sc == SC_PAUSE) {
		extended = sc == SC_EXTENDED;
		pause_bytes = sc == SC_PAUSE ? 2 : 0;
		return;
	}
	extended = false;
	if (code == SC_LSHIFT || code == SC_RSHIFT) {
		if (!was_extended) /* not a fake shift */
			shift = !release;
		return;
	}
	if (code == SC_LCTRL) { /* left, or right after 0xe0 */
		ctrl = !release;
		return;
	}
	if (code == SC_LALT) { /* left, or right (AltGr) after 0xe0 */
		alt = !release;
		return;
	}
	if (release)
		return;
	if (code == SC_SYSRQ || (was_extended && code == SC_PRINT)) {
		proc_dump();
		return;
	}
	if (was_extended || function_keys[code]) {
		const char *seq =
			was_extended ? extended_keys[code] : function_keys[code];

		if (seq)
			send(seq);
		return;
	}
	if (code == SC_CAPS) {
		caps = !caps;
		return;
	}
	if (code >= sizeof(normal) || (c = key_byte(code)) < 0)
		return;
	if (alt)
		tty_input('\033'); /* Linux's default meta mode: an ESC first */
	tty_input((char)c);
}
