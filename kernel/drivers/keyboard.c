// SPDX-License-Identifier: MIT
/*
 * The PS/2 keyboard (IRQ 1, data on port 0x60), scancode set 1, US
 * layout: letters, digits, punctuation, Enter, Backspace, Tab, Space,
 * with Shift, Caps Lock and Ctrl. A key's release is its press code with
 * bit 7 set; 0xe0 starts a two-byte code (the right Ctrl, the arrows).
 */
#include <stdbool.h>

#include <kernel/io.h>
#include <kernel/tty.h>

#define KBD_DATA 0x60
#define SC_RELEASE 0x80
#define SC_EXTENDED 0xe0
#define SC_LCTRL 0x1d
#define SC_LSHIFT 0x2a
#define SC_RSHIFT 0x36
#define SC_CAPS 0x3a

static const char normal[0x3a] =
	"\0\0331234567890-=\b\tqwertyuiop[]\n\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 ";
static const char shifted[0x3a] =
	"\0\033!@#$%^&*()_+\b\tQWERTYUIOP{}\n\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 ";

static bool shift, ctrl, caps, extended;

void keyboard_irq(void)
{
	uint8_t sc = inb(KBD_DATA);
	bool release = sc & SC_RELEASE;
	uint8_t code = sc & ~SC_RELEASE;
	char c;

	if (sc == SC_EXTENDED) {
		extended = true;
		return;
	}
	if (code == SC_LSHIFT || code == SC_RSHIFT) {
		shift = !release;
		extended = false;
		return;
	}
	if (code == SC_LCTRL) { /* left, or right after 0xe0 */
		ctrl = !release;
		extended = false;
		return;
	}
	if (release || extended || code >= sizeof(normal)) {
		if (code == SC_CAPS && !release)
			caps = !caps;
		extended = false;
		return;
	}
	c = shift ? shifted[code] : normal[code];
	if (caps && c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	else if (caps && c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (ctrl && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
		c = CTRL(c);
	else if (ctrl && c == '\\')
		c = TTY_DUMP_KEY; /* ctrl-\ */
	if (c)
		tty_input(c);
}
