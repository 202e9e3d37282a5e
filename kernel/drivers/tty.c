// SPDX-License-Identifier: MIT
/*
 * The console's line discipline, after Linux's n_tty: what a byte typed
 * on the keyboard or sent down the serial line does, and what read(2)
 * on the console does, as the termios settings say (docs/tty.md has the
 * whole picture; write(2) and OPOST are kernel/drivers/tty_output.c's).
 *
 *   tty_input(c) -- ISTRIP, IUCLC, then special bytes:
 *       IXON    VSTOP, VSTART stop and restart output
 *       ISIG    VINTR, VQUIT, VSUSP signal the foreground group
 *       ICRNL, INLCR, IGNCR map or drop \r and \n
 *       ICANON  line editing: VERASE, VWERASE, VKILL, VLNEXT, VREPRINT;
 *               a line ends at \n, VEOL, VEOL2 or VEOF
 *     echo (ECHO, ECHOE, ECHOK, ECHOKE, ECHONL, ECHOCTL), through OPOST
 *   read(2)   canonical: one line at a time; otherwise VMIN and VTIME
 *
 * Input arrives in interrupt handlers (the keyboard and COM1); the
 * kernel runs with interrupts off otherwise, so nothing here needs a
 * lock. Readers sleep on &console_tty, writers of stopped output on
 * &console_tty.stopped.
 */
#include <kernel/console.h>
#include <kernel/file.h>
#include <kernel/proc.h>
#include <kernel/time.h>
#include <kernel/tty.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/poll.h>

#define MASK(pos) ((pos) & (TTY_BUF_SIZE - 1))
#define NS_PER_DECISECOND 100000000ull /* VTIME counts tenths of a second */

struct tty console_tty;
static struct tty *const tty = &console_tty;

#define I(flags) (tty->termios.c_iflag & (flags))
#define L(flags) (tty->termios.c_lflag & (flags))

/* What a fresh terminal has: Linux's tty_std_termios and INIT_C_CC
 * (drivers/tty/tty_io.c, include/linux/tty.h). */
static const struct termios default_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE |
		   IEXTEN,
	.c_line = N_TTY,
	.c_cc = {
		[VINTR] = CTRL('C'),    [VQUIT] = CTRL('\\'),
		[VERASE] = 0x7f,        [VKILL] = CTRL('U'),
		[VEOF] = CTRL('D'),     [VTIME] = 0,
		[VMIN] = 1,             [VSTART] = CTRL('Q'),
		[VSTOP] = CTRL('S'),    [VSUSP] = CTRL('Z'),
		[VREPRINT] = CTRL('R'), [VDISCARD] = CTRL('O'),
		[VWERASE] = CTRL('W'),  [VLNEXT] = CTRL('V'),
	},
};

/* Is @c the special character @idx? An entry of 0 is switched off. */
static bool is_cc(unsigned char c, int idx)
{
	return c != POSIX_VDISABLE && c == tty->termios.c_cc[idx];
}

static bool is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* Echo happens in the interrupt handler; tty_input flushes it. */
static struct tty_out echo_out = { .colour = WHITE };

static void echo_raw(unsigned char c)
{
	tty_out_post(&echo_out, c);
}

/* An echoed byte: with ECHOCTL a control character shows as ^X. */
static void echo_char(unsigned char c)
{
	if (L(ECHOCTL) && tty_is_cntrl(c) && c != '\t') {
		tty_out_byte(&echo_out, '^');
		tty_out_byte(&echo_out, c ^ 0100);
		tty->column += 2;
	} else {
		echo_raw(c);
	}
}

/* The first byte of a line is echoed: remember its column. */
static void echo_line_start(void)
{
	if (tty->canon_head == tty->read_head)
		tty->canon_column = tty->column;
}

static void echo_erase_one(void)
{
	echo_raw('\b');
	echo_raw(' ');
	echo_raw('\b');
}

/* ------------------------------------------------------------- input */

static size_t input_count(void)
{
	return tty->read_head - tty->read_tail;
}

/* Room for one more byte, but the last place is kept for a line end,
 * so that a full line can still be ended. There is no flow control
 * back to the keyboard or the UART: a byte with no room is dropped. */
static bool room(void)
{
	return input_count() < TTY_BUF_SIZE - 1;
}

static void put_input(unsigned char c)
{
	if (input_count() < TTY_BUF_SIZE)
		tty->buf[MASK(tty->read_head++)] = c;
}

static bool at_line_end(size_t pos)
{
	return tty->line_end[MASK(pos) / 8] >> (MASK(pos) % 8) & 1;
}

/* A VEOF at input position @pos: a line end with a NUL in its place. */
static bool at_eof(size_t pos)
{
	return at_line_end(pos) && tty->buf[MASK(pos)] == POSIX_VDISABLE;
}

static void mark_line_end(size_t pos, bool on)
{
	uint8_t bit = (uint8_t)(1u << (MASK(pos) % 8));

	if (on)
		tty->line_end[MASK(pos) / 8] |= bit;
	else
		tty->line_end[MASK(pos) / 8] &= (uint8_t)~bit;
}

/* Canonical mode: @c (0 for VEOF, which read(2) does not return) ends
 * the line; the line becomes readable. */
static void end_line(unsigned char c)
{
	if (input_count() >= TTY_BUF_SIZE)
		return;
	mark_line_end(tty->read_head, true);
	put_input(c);
	tty->canon_head = tty->read_head;
}

static void start_output(void)
{
	if (!tty->stopped || tty->tco_stopped)
		return;
	tty->stopped = false;
	wakeup(&tty->stopped);
}

/* VINTR, VQUIT, VSUSP with ISIG: the input goes (unless NOFLSH), the
 * foreground group gets the signal, the key is echoed. */
static void signal_char(int sig, unsigned char c)
{
	if (!L(NOFLSH))
		tty_flush_input();
	tty_signal_foreground(sig);
	if (I(IXON))
		start_output();
	if (L(ECHO))
		echo_char(c);
}

/* Back one column for an erased tab: as many as the tab took, counted
 * from the line's start or the tab before (Linux's ECHO_OP_ERASE_TAB). */
static void erase_tab(void)
{
	unsigned int cols = 0, n;
	bool after_tab = false;

	for (size_t pos = tty->read_head; pos != tty->canon_head;) {
		unsigned char c = tty->buf[MASK(--pos)];

		if (c == '\t') {
			after_tab = true;
			break;
		}
		if (tty_is_cntrl(c))
			cols += L(ECHOCTL) ? 2 : 0;
		else if (!tty_is_continuation(c))
			cols++;
	}
	if (!after_tab)
		cols += tty->canon_column;
	for (n = 8 - (cols & 7); n; n--) {
		tty_out_byte(&echo_out, '\b');
		if (tty->column)
			tty->column--;
	}
}

/*
 * VERASE, VWERASE and VKILL in canonical mode: take characters off the
 * end of the line being typed, and off the screen (ECHOE: "\b \b";
 * without it the erase key is echoed; VKILL without ECHOKE echoes the
 * kill key and, with ECHOK, a new line). A word is letters, digits and
 * '_', and VWERASE also takes what follows it (BSD's ALTWERASE, as in
 * Linux). Linux's eraser(); ECHOPRT is not done.
 */
static void erase(unsigned char key)
{
	enum { ERASE, WERASE, KILL } kind;
	unsigned int alnums = 0;

	if (tty->read_head == tty->canon_head)
		return;
	if (is_cc(key, VERASE)) {
		kind = ERASE;
	} else if (is_cc(key, VWERASE)) {
		kind = WERASE;
	} else {
		if (!L(ECHO)) {
			tty->read_head = tty->canon_head;
			return;
		}
		if (!L(ECHOK) || !L(ECHOKE) || !L(ECHOE)) {
			tty->read_head = tty->canon_head;
			echo_char(key);
			if (L(ECHOK))
				echo_raw('\n');
			return;
		}
		kind = KILL;
	}
	while (tty->read_head != tty->canon_head) {
		size_t head = tty->read_head;
		unsigned char c;

		do /* a whole UTF-8 character */
			c = tty->buf[MASK(--head)];
		while (tty_is_continuation(c) && head != tty->canon_head);
		if (tty_is_continuation(c))
			break;
		if (kind == WERASE) {
			if (is_alnum(c) || c == '_')
				alnums++;
			else if (alnums)
				break;
		}
		tty->read_head = head;
		if (L(ECHO)) {
			if (kind == ERASE && !L(ECHOE)) {
				echo_char(key);
			} else if (c == '\t') {
				erase_tab();
			} else {
				echo_erase_one();
				if (tty_is_cntrl(c) && L(ECHOCTL))
					echo_erase_one(); /* it showed as ^X */
			}
		}
		if (kind == ERASE)
			break;
	}
}

/* An ordinary byte: echoed and queued (Linux's n_tty_receive_char). */
static void receive_char(unsigned char c)
{
	if (tty->stopped && I(IXON) && I(IXANY))
		start_output();
	if (!room())
		return;
	if (L(ECHO)) {
		echo_line_start();
		echo_char(c);
	}
	if (c == 0xff && I(PARMRK))
		put_input(c); /* PARMRK doubles a real 0xff */
	put_input(c);
}

/* Bytes that are special under the current settings: Linux's char_map.
 * A NUL byte never is. */
static bool is_special(unsigned char c)
{
	if ((c == '\r' && I(IGNCR | ICRNL)) || (c == '\n' && I(INLCR)))
		return true;
	if (I(IXON) && (is_cc(c, VSTART) || is_cc(c, VSTOP)))
		return true;
	if (L(ISIG) && (is_cc(c, VINTR) || is_cc(c, VQUIT) || is_cc(c, VSUSP)))
		return true;
	if (!L(ICANON))
		return false;
	if (c == '\n' || is_cc(c, VERASE) || is_cc(c, VKILL) ||
	    is_cc(c, VEOF) || is_cc(c, VEOL))
		return true;
	return L(IEXTEN) &&
	       (is_cc(c, VWERASE) || is_cc(c, VLNEXT) || is_cc(c, VEOL2) ||
		(L(ECHO) && is_cc(c, VREPRINT)));
}

/* Canonical mode's keys (Linux's n_tty_receive_char_special, its
 * second half); false: @c is an ordinary byte after all. */
static bool receive_canonical(unsigned char c)
{
	if (is_cc(c, VERASE) || is_cc(c, VKILL) ||
	    (is_cc(c, VWERASE) && L(IEXTEN))) {
		erase(c);
	} else if (is_cc(c, VLNEXT) && L(IEXTEN)) {
		tty->lnext = true;
		if (L(ECHO) && L(ECHOCTL)) {
			echo_raw('^');
			echo_raw('\b');
		}
	} else if (is_cc(c, VREPRINT) && L(ECHO) && L(IEXTEN)) {
		echo_char(c);
		echo_raw('\n');
		for (size_t pos = tty->canon_head; pos != tty->read_head; pos++)
			echo_char(tty->buf[MASK(pos)]);
	} else if (c == '\n') {
		if (L(ECHO | ECHONL))
			echo_raw('\n');
		end_line(c);
	} else if (is_cc(c, VEOF)) {
		end_line(POSIX_VDISABLE); /* not echoed, not read */
	} else if (is_cc(c, VEOL) || (is_cc(c, VEOL2) && L(IEXTEN))) {
		if (L(ECHO)) {
			echo_line_start();
			echo_char(c);
		}
		if (c == 0xff && I(PARMRK))
			put_input(c);
		end_line(c);
	} else {
		return false;
	}
	return true;
}

static void receive_special(unsigned char c)
{
	if (I(IXON) && is_cc(c, VSTART)) {
		start_output();
		return;
	}
	if (I(IXON) && is_cc(c, VSTOP)) {
		tty->stopped = true;
		return;
	}
	if (L(ISIG)) {
		int sig = is_cc(c, VINTR)   ? SIGINT
			  : is_cc(c, VQUIT) ? SIGQUIT
			  : is_cc(c, VSUSP) ? SIGTSTP
					    : 0;

		if (sig) {
			signal_char(sig, c);
			return;
		}
	}
	if (tty->stopped && I(IXON) && I(IXANY))
		start_output();
	if (c == '\r') {
		if (I(IGNCR))
			return;
		if (I(ICRNL))
			c = '\n';
	} else if (c == '\n' && I(INLCR)) {
		c = '\r';
	}
	if (L(ICANON) && receive_canonical(c))
		return;
	if (!room())
		return;
	if (L(ECHO)) {
		if (c == '\n') {
			echo_raw('\n');
		} else {
			echo_line_start();
			echo_char(c);
		}
	}
	if (c == 0xff && I(PARMRK))
		put_input(c);
	put_input(c);
}

/**
 * tty_input - one byte from the keyboard or the serial line, in an
 * interrupt handler: processed as the settings say, echoed, queued for
 * read(2), whose sleepers it wakes
 */
void tty_input(char ch)
{
	unsigned char c = (unsigned char)ch;

	if (I(ISTRIP))
		c &= 0x7f;
	if (I(IUCLC) && L(IEXTEN) && c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (tty->lnext) {
		tty->lnext = false;
		receive_char(c);
	} else if (is_special(c)) {
		receive_special(c);
	} else {
		receive_char(c);
	}
	tty_out_flush(&echo_out);
	wakeup(tty);
	poll_wake(); /* and pollers (kernel/fs/poll.c) */
}

/* ------------------------------------------------------ the settings */

void tty_set_termios(const struct termios *t)
{
	bool was_canonical = L(ICANON), had_ixon = I(IXON);

	tty->termios = *t;
	/* Linux's n_tty_set_termios: into non-canonical mode, everything
	 * typed is readable; into canonical mode, what is there already
	 * reads as one line. */
	if (was_canonical != !!L(ICANON)) {
		memset(tty->line_end, 0, sizeof(tty->line_end));
		if (!L(ICANON) || !input_count()) {
			tty->canon_head = tty->read_tail;
		} else {
			mark_line_end(tty->read_head - 1, true);
			tty->canon_head = tty->read_head;
		}
		tty->lnext = false;
	}
	if (had_ixon && !I(IXON))
		start_output();
	wakeup(tty);
	poll_wake();
}

void tty_flush_input(void)
{
	tty->read_head = tty->canon_head = tty->read_tail = 0;
	memset(tty->line_end, 0, sizeof(tty->line_end));
}

/* FIONREAD: in canonical mode the completed lines, less their VEOFs. */
size_t tty_input_count(void)
{
	size_t n;

	if (!L(ICANON))
		return input_count();
	n = tty->canon_head - tty->read_tail;
	for (size_t pos = tty->read_tail; pos != tty->canon_head; pos++)
		if (at_eof(pos))
			n--;
	return n;
}

/**
 * tty_flow - tcflow(3), the TCXONC ioctl: TCOOFF stops output until
 * TCOON (VSTART does not restart it); TCIOFF and TCION would send VSTOP
 * and VSTART to the terminal, which here has no flow control to obey
 * them. -EINVAL for another @action.
 */
int tty_flow(unsigned long action)
{
	switch (action) {
	case TCOOFF:
		tty->tco_stopped = tty->stopped = true;
		return 0;
	case TCOON:
		tty->tco_stopped = false;
		start_output();
		return 0;
	case TCIOFF:
	case TCION:
		return 0;
	default:
		return -EINVAL;
	}
}

void tty_reset(void)
{
	unsigned int rows = 0, cols = 0;

	memset(tty, 0, sizeof(*tty));
	tty->termios = default_termios;
	/* The screen's size in cells; with only the serial line, 0 by 0,
	 * as Linux's serial ports say. */
	console_text_size(&rows, &cols);
	tty->winsize.ws_row = (unsigned short)rows;
	tty->winsize.ws_col = (unsigned short)cols;
}

/* ------------------------------------------------------------- read */

/* Is there input read(2) may take? With @poll, as poll(2) judges it:
 * VMIN bytes when VMIN alone rules (Linux's input_available_p). */
static bool input_available(bool poll)
{
	unsigned int vmin = tty->termios.c_cc[VMIN];

	if (L(ICANON))
		return tty->canon_head != tty->read_tail;
	if (poll && vmin && !tty->termios.c_cc[VTIME])
		return input_count() >= vmin;
	return input_count() >= 1;
}

bool tty_readable(void)
{
	return input_available(true);
}

/* Copy @n input bytes from position @from to @ubuf: bytes not copied. */
static size_t copy_input(uint64_t ubuf, size_t from, size_t n)
{
	size_t first = TTY_BUF_SIZE - MASK(from), left;

	if (first > n)
		first = n;
	left = copy_to_user(ubuf, tty->buf + MASK(from), first);
	if (left || first == n)
		return left + (n - first);
	return copy_to_user(ubuf + first, tty->buf, n - first);
}

/* Canonical mode: up to @count bytes of the next line, its end
 * included (unless that is a VEOF): Linux's canon_copy_from_read_buf.
 * A line longer than @count is read on by the next call; but a VEOF
 * right where @count ran out goes now, or that next call would return
 * 0, end of file, for a line that had text (Linux's canon_skip_eof). */
static long copy_line(uint64_t ubuf, size_t count)
{
	size_t avail = tty->canon_head - tty->read_tail, len = 0, give;
	bool found = false;

	if (count > avail)
		count = avail;
	for (; len < count; len++)
		if (at_line_end(tty->read_tail + len)) {
			found = true;
			break;
		}
	give = len;
	if (found && !at_eof(tty->read_tail + len))
		give++;
	if (copy_input(ubuf, tty->read_tail, give))
		return -EFAULT;
	if (!found && tty->read_tail + len != tty->canon_head &&
	    at_eof(tty->read_tail + len))
		found = true; /* skipped, not read */
	if (found)
		mark_line_end(tty->read_tail + len, false);
	tty->read_tail += len + found;
	return (long)give;
}

/* Non-canonical mode: what there is, up to @count bytes. */
static long copy_raw(uint64_t ubuf, size_t count)
{
	size_t n = input_count() < count ? input_count() : count;
	size_t done = n - copy_input(ubuf, tty->read_tail, n);

	tty->read_tail += done;
	return done || !n ? (long)done : -EFAULT;
}

/*
 * read(2) on the console (Linux's n_tty_read). Canonical mode: one line
 * (or part of one). Otherwise VMIN and VTIME decide, as POSIX says:
 *
 *   VMIN 0, VTIME 0   what is there, maybe nothing: 0 at once
 *   VMIN 0, VTIME t   the first byte to come within t tenths of a
 *                     second, else 0
 *   VMIN m, VTIME 0   wait for m bytes (or the count asked, if less)
 *   VMIN m, VTIME t   wait for a first byte, then for m, but after
 *                     each byte no longer than t for the next
 *
 * A background process of the terminal's session gets SIGTTIN first.
 */
static long tty_read(struct file *f, uint64_t ubuf, size_t count)
{
	uint64_t deadline = 0, interval = 0; /* ns; 0: none */
	size_t minimum = 0, done = 0;
	bool wait = true;
	long ret = tty_check_change(SIGTTIN);

	if (ret)
		return ret;
	if (!L(ICANON)) {
		unsigned int vmin = tty->termios.c_cc[VMIN];
		unsigned int vtime = tty->termios.c_cc[VTIME];

		minimum = vmin ? vmin : 1;
		if (vmin)
			interval = vtime * NS_PER_DECISECOND;
		else if (vtime)
			deadline = clock_monotonic_ns() +
				   vtime * NS_PER_DECISECOND;
		else
			wait = false;
	}
	while (done < count) {
		long n;

		if (!input_available(false)) {
			if (!wait)
				break;
			if (f->flags & O_NONBLOCK) {
				ret = -EAGAIN;
				break;
			}
			if (signal_pending(current)) {
				ret = -ERESTARTSYS;
				break;
			}
			if (!deadline)
				sleep_on(tty);
			else if (clock_monotonic_ns() < deadline)
				sleep_on_until(tty, deadline);
			else
				wait = false; /* one more look, then go */
			continue;
		}
		n = L(ICANON) ? copy_line(ubuf + done, count - done)
			      : copy_raw(ubuf + done, count - done);
		if (n < 0) {
			ret = n;
			break;
		}
		done += (size_t)n;
		if (L(ICANON) || done >= minimum)
			break;
		if (interval)
			deadline = clock_monotonic_ns() + interval;
	}
	return done ? (long)done : ret;
}

/* poll(2): readable when read would not sleep; always writable. */
static unsigned int tty_poll(struct file *f)
{
	(void)f;
	return POLLOUT | POLLWRNORM | (tty_readable() ? POLLIN | POLLRDNORM : 0);
}

const struct file_ops tty_file_ops = {
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
};
