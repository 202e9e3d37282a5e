/* SPDX-License-Identifier: MIT */
/*
 * Console output: printk and color_printk, as in the design this kernel
 * grew from (color_printk(RED, BLACK, "...")). Colours are 24-bit RGB so a
 * framebuffer console can use them as they are; text-only sinks map them
 * to the nearest of their 8 colours.
 *
 * Output goes to every registered console (struct console): COM1 always,
 * the VGA text screen when the boot left one, a framebuffer later. The
 * screens interpret the escape sequences in programs' output
 * (kernel/drivers/vt.c, docs/console.md); the kernel's own messages are
 * drawn as plain text in their colours, whatever a program left behind.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WHITE 0x00ffffff
#define BLACK 0x00000000
#define RED 0x00ff0000
#define ORANGE 0x00ff8000
#define YELLOW 0x00ffff00
#define GREEN 0x0000ff00
#define BLUE 0x000000ff
#define INDIGO 0x0000ffff
#define PURPLE 0x008000ff

struct console {
	const char *name;
	/* Write @len bytes of a program's output (the console file, the
	 * line discipline's echo), escape sequences and all, in the given
	 * colours. Must not allocate or fail. */
	void (*write)(struct console *con, const char *s, size_t len,
		      uint32_t fg, uint32_t bg);
	/* The same for the kernel's own messages (printk), which hold no
	 * escape sequences; NULL: write takes them too. */
	void (*write_kernel)(struct console *con, const char *s, size_t len,
			     uint32_t fg, uint32_t bg);
	unsigned int rows, cols; /* a text grid's size in cells; 0: a line */
	struct console *next;
};

void console_register(struct console *con);

/* The size of the first text-grid console (the screen): false when
 * there is none, only the serial line (the terminal's TIOCGWINSZ). */
bool console_text_size(unsigned int *rows, unsigned int *cols);

/* Whether output is at the start of a line (a program may leave it not). */
bool console_at_line_start(void);

/* A program's output to every console, unformatted. printk and
 * color_printk send the kernel's text through the consoles' write_kernel. */
void console_write(const char *s, size_t len, uint32_t fg, uint32_t bg);

/* For tests: also record everything printed into @buf (NUL-terminated,
 * truncated, NUL bytes written as spaces) until console_capture_end(),
 * which returns the length. */
void console_capture_begin(char *buf, size_t size);
size_t console_capture_end(void);

/* The largest message one printk call prints; longer output is cut. */
#define PRINTK_MAX 1024

int color_printk(uint32_t fg, uint32_t bg, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vcolor_printk(uint32_t fg, uint32_t bg, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Nearest basic colour: bit 0 red, 1 green, 2 blue (ANSI order), 3 bright. */
unsigned int rgb_to_basic_colour(uint32_t rgb);

void vga_console_init(uint64_t phys_addr, uint32_t width, uint32_t height);
struct boot_framebuffer;
_Bool fbcon_init(const struct boot_framebuffer *info);

#endif
