// SPDX-License-Identifier: MIT
/*
 * COM1, a 16550 UART at 115200 baud, 8N1, polled.
 *
 * Each byte waits for the transmit-holding-register-empty bit (LSR bit 5)
 * first: QEMU accepts bytes without it, real UARTs and Bochs do not.
 * The serial console turns color_printk's colours into ANSI escapes.
 */
#include <stdbool.h>

#include <kernel/console.h>
#include <kernel/io.h>
#include <kernel/proc.h>
#include <kernel/serial.h>
#include <kernel/tty.h>

void serial_init(void)
{
	outb(COM1_BASE + UART_IER, 0);
	outb(COM1_BASE + UART_LCR, UART_LCR_DLAB);
	outb(COM1_BASE + UART_DATA, UART_DIVISOR_115200 & 0xff);
	outb(COM1_BASE + UART_IER, UART_DIVISOR_115200 >> 8);
	outb(COM1_BASE + UART_LCR, UART_LCR_8N1);
	outb(COM1_BASE + UART_FCR, UART_FCR_ENABLE_CLEAR);
	outb(COM1_BASE + UART_MCR, UART_MCR_DTR_RTS_OUT2);
}

static void serial_putc(char c)
{
	while (!(inb(COM1_BASE + UART_LSR) & UART_LSR_THRE))
		;
	outb(COM1_BASE + UART_DATA, (uint8_t)c);
}

/* Wait until the UART has sent everything (transmitter empty). */
void serial_drain(void)
{
	while (!(inb(COM1_BASE + UART_LSR) & UART_LSR_TEMT))
		;
}

/* Raw bytes, with \n expanded to \r\n for terminals. */
void serial_write(const char *s, unsigned long len)
{
	for (unsigned long i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

static void serial_puts(const char *s)
{
	while (*s)
		serial_putc(*s++);
}

/* ESC [ 3x ; 4x m, with bold for bright foregrounds; reset for defaults. */
static void serial_console_write(struct console *con, const char *s,
				 size_t len, uint32_t fg, uint32_t bg)
{
	bool coloured = fg != WHITE || bg != BLACK;

	(void)con;
	if (coloured) {
		unsigned int f = rgb_to_basic_colour(fg);
		unsigned int b = rgb_to_basic_colour(bg);
		char esc[] = "\033[0;30;40m";

		esc[2] = (f & 8) ? '1' : '0';
		esc[5] = (char)('0' + (f & 7));
		esc[8] = (char)('0' + (b & 7));
		serial_puts(esc);
	}
	/* Reset before a final newline so the colour ends with the text. */
	if (coloured && len && s[len - 1] == '\n') {
		serial_write(s, len - 1);
		serial_puts("\033[0m");
		serial_write("\n", 1);
	} else {
		serial_write(s, len);
		if (coloured)
			serial_puts("\033[0m");
	}
}

static struct console serial_console = {
	.name = "serial",
	.write = serial_console_write,
};

void serial_console_init(void)
{
	serial_init();
	console_register(&serial_console);
}

/* COM1 input: an interrupt whenever a byte has arrived, and for a
 * break, which with the FIFO on would otherwise wait for the next byte. */
void serial_enable_input(void)
{
	outb(COM1_BASE + UART_IER, UART_IER_RX_AVAILABLE | UART_IER_LINE_STATUS);
}

/*
 * Bytes as the terminal at the other end sends them (\r for Enter, DEL
 * for Backspace: the line discipline maps them). A break on the line
 * arrives as a NUL byte with LSR's BI bit; it is the serial line's
 * SysRq, as on Linux: it prints every process (proc_dump), and the
 * NUL is dropped.
 */
void serial_irq(void)
{
	uint8_t lsr;

	while ((lsr = inb(COM1_BASE + UART_LSR)) & UART_LSR_DATA_READY) {
		char c = (char)inb(COM1_BASE + UART_DATA);

		if (lsr & UART_LSR_BREAK)
			proc_dump();
		else
			tty_input(c);
	}
}
