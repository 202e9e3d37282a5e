/* SPDX-License-Identifier: MIT */
/*
 * The console as a terminal (docs/tty.md): keystrokes from the PS/2
 * keyboard and bytes from COM1 go through one line discipline
 * (kernel/drivers/tty.c) to read(2) on the console's files; write(2)
 * and the output processing are kernel/drivers/tty_output.c's, the
 * ioctls, termios, window size and job control
 * kernel/drivers/tty_ioctl.c's.
 *
 * There is one terminal, the console, and so one struct tty. Its input
 * is a ring of TTY_BUF_SIZE bytes; the positions below count up for
 * ever and are taken modulo the size (Linux's n_tty does the same):
 *
 *     read_tail          canon_head              read_head
 *        |  lines read(2) may take |  the line being typed  |
 *
 * In non-canonical mode canon_head is not used: everything from
 * read_tail to read_head may be read.
 */
#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <uapi/termios.h>

#define IRQ_TIMER 0
#define IRQ_KEYBOARD 1
#define IRQ_COM1 4

#define CTRL(c) ((c) & 0x1f)

#define TTY_BUF_SIZE 4096 /* Linux's N_TTY_BUF_SIZE; a power of two */

struct process;

struct tty {
	struct termios termios;
	struct winsize winsize;
	int session;      /* whose controlling terminal (sid); 0: none */
	int pgrp;         /* the foreground process group; 0: none */
	bool stopped;     /* output stopped: VSTOP (IXON) or TCOOFF */
	bool tco_stopped; /* by TCOOFF, which only TCOON undoes */
	unsigned char buf[TTY_BUF_SIZE];
	uint8_t line_end[TTY_BUF_SIZE / 8]; /* canonical: a line ends at */
	size_t read_tail, canon_head, read_head;
	bool lnext;                /* VLNEXT came: take the next byte as is */
	unsigned int column;       /* where output is, to erase tabs */
	unsigned int canon_column; /* the column the line began at */
};

/* The console's terminal. Outside kernel/drivers/tty*.c, use the
 * functions below. */
extern struct tty console_tty;

/*
 * The console's files (fds 0, 1 and 2 of the first process; /dev/console
 * and /dev/tty when there are files). struct file's private is the
 * colour output is drawn in (uint32_t RGB, <kernel/console.h>): WHITE
 * for a plain open.
 */
struct file;
extern const struct file_ops tty_file_ops;

/* --- the line discipline (kernel/drivers/tty.c) --- */

/* One byte of input, from an interrupt handler (or a test). */
void tty_input(char c);
/* Would read(2) on the console return without sleeping now? (What
 * poll's POLLIN means; a reader sleeps on &console_tty.) */
bool tty_readable(void);
/* Back to a fresh terminal: Linux's default termios, no input, no
 * session, the screen's size. At boot, and by tests. */
void tty_reset(void);
/* Take new settings (the switch between canonical and non-canonical
 * mode rearranges the input, as Linux's n_tty_set_termios does). */
void tty_set_termios(const struct termios *t);
/* Throw away the input not yet read (TCFLSH, TCSETSF, a signal key). */
void tty_flush_input(void);
/* The bytes read(2) could take now (FIONREAD). */
size_t tty_input_count(void);
/* tcflow(3): TCOOFF, TCOON, TCIOFF, TCION; 0 or -EINVAL. */
int tty_flow(unsigned long action);

/* --- output (kernel/drivers/tty_output.c) --- */

/* Output collects here and goes to every console in one colour. */
struct tty_out {
	char bytes[256];
	size_t len;
	uint32_t colour;
};

void tty_out_byte(struct tty_out *o, unsigned char c);
/* One byte through OPOST (if set), as Linux's do_output_char. */
void tty_out_post(struct tty_out *o, unsigned char c);
void tty_out_flush(struct tty_out *o);
long tty_write(struct file *f, uint64_t ubuf, size_t n);

/* ASCII's control characters. (Linux's ctype also counts 128-159, so
 * its ECHOCTL shows those bytes of UTF-8 text as ^ and a letter; here
 * they echo as they are.) */
static inline bool tty_is_cntrl(unsigned char c)
{
	return c < ' ' || c == 0x7f;
}

/* With IUTF8, a UTF-8 continuation byte: part of the character before
 * it, which takes no column of its own and is erased with it. */
static inline bool tty_is_continuation(unsigned char c)
{
	return (console_tty.termios.c_iflag & IUTF8) && (c & 0xc0) == 0x80;
}

/* --- ioctls and job control (kernel/drivers/tty_ioctl.c) --- */

long tty_ioctl(struct file *f, unsigned int cmd, uint64_t arg);
/*
 * May the caller read (@sig SIGTTIN) or write or change the settings
 * (SIGTTOU) now? 0; or, for a process of a background group of the
 * terminal's session, the group gets @sig and -ERESTARTSYS (or -EIO
 * when it cannot be stopped: @sig ignored or blocked for SIGTTIN, the
 * group orphaned). Linux's __tty_check_change.
 */
int tty_check_change(int sig);
/* @sig to the foreground process group, if there is one (the signal
 * keys, SIGWINCH). */
void tty_signal_foreground(int sig);
/* The kernel starts @p (a session leader) on the console: it becomes
 * the session's controlling terminal, @p's group its foreground. NULL:
 * the console is nobody's terminal (the kernel starts /sbin/init). */
void tty_set_controlling(struct process *p);
/* Is the console @p's controlling terminal? (/dev/tty opens it.) */
bool tty_is_controlling(const struct process *p);
/* The foreground process group of @p's controlling terminal, or -1 if
 * it has none (/proc/PID/stat's tpgid). */
int tty_foreground_of(const struct process *p);
/* A process opened the console: a session leader without a terminal
 * gets it unless @flags has O_NOCTTY (Linux's tty_open_proc_set_tty). */
void tty_open_controlling(unsigned int flags);

/* --- the input devices --- */
void keyboard_irq(void);
void serial_irq(void);
void serial_enable_input(void);

#endif
