// SPDX-License-Identifier: MIT
/*
 * printk and color_printk: format once, hand the text to every console.
 */
#include <stdbool.h>

#include <kernel/console.h>
#include <lib/printf.h>
#include <lib/string.h>

static struct console *consoles;

/*
 * Everything printed so far, so that a console that starts late (the
 * screen, once paging is up) can show the boot from its beginning.
 */
#define LOG_SIZE 8192
static char log[LOG_SIZE];
static size_t log_len;

/** console_register - add a console; it shows the log, then all output */
void console_register(struct console *con)
{
	struct console **p = &consoles;

	while (*p)
		p = &(*p)->next;
	con->next = NULL;
	*p = con;
	/* Only the kernel has written before any screen starts. */
	(con->write_kernel ? con->write_kernel : con->write)(con, log, log_len,
							      WHITE, BLACK);
}

bool console_text_size(unsigned int *rows, unsigned int *cols)
{
	for (const struct console *c = consoles; c; c = c->next)
		if (c->rows && c->cols) {
			*rows = c->rows;
			*cols = c->cols;
			return true;
		}
	return false;
}

/**
 * rgb_to_basic_colour - nearest basic colour for a text-only sink
 *
 * Returns bit 0 red, bit 1 green, bit 2 blue (the ANSI order) and bit 3
 * "bright". A channel counts as on from 0x80; any channel at 0xc0 or more
 * makes the colour bright, so WHITE is bright white and RED bright red.
 */
unsigned int rgb_to_basic_colour(uint32_t rgb)
{
	unsigned int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
	unsigned int c = 0;

	if (r >= 0x80)
		c |= 1;
	if (g >= 0x80)
		c |= 2;
	if (b >= 0x80)
		c |= 4;
	if (r >= 0xc0 || g >= 0xc0 || b >= 0xc0)
		c |= 8;
	return c;
}

static char *capture_buf;
static size_t capture_size, capture_len;

void console_capture_begin(char *buf, size_t size)
{
	capture_buf = buf;
	capture_size = size;
	capture_len = 0;
	if (size)
		buf[0] = '\0';
}

size_t console_capture_end(void)
{
	capture_buf = NULL;
	return capture_len;
}

static bool at_line_start = true;

/** console_at_line_start - whether the last character written was '\n' */
bool console_at_line_start(void)
{
	return at_line_start;
}

static void write_all(const char *s, size_t len, uint32_t fg, uint32_t bg,
		      bool kernel)
{
	if (len)
		at_line_start = s[len - 1] == '\n';
	for (struct console *con = consoles; con; con = con->next) {
		if (kernel && con->write_kernel)
			con->write_kernel(con, s, len, fg, bg);
		else
			con->write(con, s, len, fg, bg);
	}
	if (log_len + len <= LOG_SIZE) { /* the boot log: its start only */
		memcpy(log + log_len, s, len);
		log_len += len;
	}
	if (capture_buf) {
		size_t room = capture_size - 1 - capture_len;
		size_t n = len < room ? len : room;

		/* Programs may write NUL bytes; keep the capture one string. */
		for (size_t i = 0; i < n; i++)
			capture_buf[capture_len + i] = s[i] ? s[i] : ' ';
		capture_len += n;
		capture_buf[capture_len] = '\0';
	}
}

void console_write(const char *s, size_t len, uint32_t fg, uint32_t bg)
{
	write_all(s, len, fg, bg, false);
}

int vcolor_printk(uint32_t fg, uint32_t bg, const char *fmt, va_list ap)
{
	char buf[PRINTK_MAX];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	write_all(buf, strnlen(buf, sizeof(buf)), fg, bg, true);
	return n;
}

/**
 * color_printk - print in colour, as in color_printk(RED, BLACK, "...")
 * @fg: foreground colour, 0xRRGGBB (WHITE, RED, ... in <kernel/console.h>)
 * @bg: background colour
 *
 * Returns the length of the formatted message (before any truncation
 * to PRINTK_MAX - 1 bytes).
 */
int color_printk(uint32_t fg, uint32_t bg, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vcolor_printk(fg, bg, fmt, ap);
	va_end(ap);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vcolor_printk(WHITE, BLACK, fmt, ap);
	va_end(ap);
	return n;
}
