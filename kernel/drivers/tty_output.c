// SPDX-License-Identifier: MIT
/*
 * The console's output side (docs/tty.md): write(2), and the output
 * processing (OPOST) that it and the echo of kernel/drivers/tty.c go
 * through on their way to every console, keeping the column that
 * erasing a tab needs. Output is written before write(2) returns:
 * there is no output queue, so nothing waits to drain, except while
 * output is stopped (VSTOP, TCOOFF).
 */
#include <kernel/console.h>
#include <kernel/file.h>
#include <kernel/proc.h>
#include <kernel/tty.h>
#include <kernel/uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

static struct tty *const tty = &console_tty;

#define O(flags) (tty->termios.c_oflag & (flags))
#define L(flags) (tty->termios.c_lflag & (flags))

void tty_out_flush(struct tty_out *o)
{
	if (o->len)
		console_write(o->bytes, o->len, o->colour, BLACK);
	o->len = 0;
}

void tty_out_byte(struct tty_out *o, unsigned char c)
{
	if (o->len == sizeof(o->bytes))
		tty_out_flush(o);
	o->bytes[o->len++] = (char)c;
}

/*
 * One byte through OPOST, as Linux's do_output_char, keeping the column
 * (for erasing a tab). The consoles start a new line at \n, carriage
 * return included: that is ONLCR, and without ONLCR they do it all the
 * same (docs/tty.md).
 */
void tty_out_post(struct tty_out *o, unsigned char c)
{
	unsigned int spaces;

	if (!O(OPOST)) {
		tty_out_byte(o, c);
		return;
	}
	switch (c) {
	case '\n':
		tty->column = tty->canon_column = 0;
		break;
	case '\r':
		if (O(ONOCR) && tty->column == 0)
			return;
		if (O(OCRNL))
			c = '\n';
		tty->column = tty->canon_column = 0;
		break;
	case '\t':
		spaces = 8 - (tty->column & 7);
		tty->column += spaces;
		if ((tty->termios.c_oflag & TABDLY) == XTABS) {
			while (spaces--)
				tty_out_byte(o, ' ');
			return;
		}
		break;
	case '\b':
		if (tty->column)
			tty->column--;
		break;
	default:
		if (tty_is_cntrl(c))
			break;
		if (O(OLCUC) && c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (!tty_is_continuation(c))
			tty->column++;
	}
	tty_out_byte(o, c);
}

/*
 * write(2) on the console: through OPOST to every console, in the
 * file's colour. With TOSTOP a background process gets SIGTTOU first;
 * while output is stopped (VSTOP, TCOOFF) the writer waits.
 */
long tty_write(struct file *f, uint64_t ubuf, size_t n)
{
	struct tty_out out = { .colour = (uint32_t)(uintptr_t)f->private };
	char chunk[256];
	size_t done = 0;

	if (L(TOSTOP)) {
		long err = tty_check_change(SIGTTOU);

		if (err)
			return err;
	}
	while (done < n) {
		size_t c = n - done < sizeof(chunk) ? n - done : sizeof(chunk);
		size_t left;

		if (tty->stopped) {
			if (f->flags & O_NONBLOCK)
				return done ? (long)done : -EAGAIN;
			if (signal_pending(current))
				return done ? (long)done : -ERESTARTSYS;
			sleep_on(&tty->stopped);
			continue;
		}
		left = copy_from_user(chunk, ubuf + done, c);
		for (size_t i = 0; i < c - left; i++)
			tty_out_post(&out, (unsigned char)chunk[i]);
		tty_out_flush(&out);
		done += c - left;
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}
