// SPDX-License-Identifier: MIT
/*
 * The line discipline of the console, in canonical mode: characters are
 * echoed and collected into a line that can be edited; read(0) gets a
 * line once Enter completes it.
 *
 *   Backspace, DEL   erase the last character
 *   Enter            complete the line (read gets it, '\n' included)
 *   ctrl-D           end of input: complete the line as it is, or, on
 *                    an empty line, make the next read return 0
 *   ctrl-C           discard the line; SIGINT to the foreground group
 *   ctrl-Z           discard the line; SIGTSTP to the foreground group
 *   ctrl-\           print every process and where it is (proc_dump),
 *                    for a look at a program that hangs
 *
 * The foreground process group is the one the shell names with the
 * private call tty_foreground (a job it runs in a group of its own); 0,
 * the start, is none, and then ctrl-C and ctrl-Z only discard the line.
 * Issue 10 replaces the call with a controlling terminal and
 * TIOCSPGRP, which take the same checks.
 *
 * Input arrives in interrupt handlers (the keyboard and COM1); the kernel
 * runs with interrupts off otherwise, so nothing here needs a lock.
 */
#include <kernel/console.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/tty.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/poll.h>

#define LINE_MAX 256
#define READY_MAX 1024

static char line[LINE_MAX];
static size_t line_len;
static char ready[READY_MAX]; /* completed input, not yet read */
static size_t ready_len;
static unsigned int eofs;      /* pending ctrl-Ds on an empty line */
static int foreground;         /* the group ctrl-C and ctrl-Z signal; 0: none */

static void echo(const char *s, size_t n)
{
	console_write(s, n, WHITE, BLACK);
}

/* Input for read: wake its readers, and pollers (kernel/fs/poll.c). */
static void input_ready(void)
{
	wakeup(&ready_len);
	poll_wake();
}

static void complete_line(void)
{
	size_t n = line_len;

	if (n > READY_MAX - ready_len)
		n = READY_MAX - ready_len; /* nobody reads: drop the excess */
	memcpy(ready + ready_len, line, n);
	ready_len += n;
	line_len = 0;
	input_ready();
}

void tty_input(char c)
{
	switch (c) {
	case TTY_DUMP_KEY:
		proc_dump();
		return;
	case '\r':
	case '\n':
		echo("\n", 1);
		if (line_len < LINE_MAX)
			line[line_len++] = '\n';
		complete_line();
		return;
	case '\b':
	case 0x7f:
		if (line_len) {
			line_len--;
			echo("\b \b", 3);
		}
		return;
	case CTRL('C'):
	case CTRL('Z'):
		echo(c == CTRL('C') ? "^C\n" : "^Z\n", 3);
		line_len = 0;
		if (foreground)
			kill_pgrp(foreground, c == CTRL('C') ? SIGINT : SIGTSTP);
		return;
	case CTRL('D'):
		if (line_len)
			complete_line();
		else {
			eofs++;
			input_ready();
		}
		return;
	}
	if ((unsigned char)c < ' ' && c != '\t')
		return; /* other control characters are ignored */
	if (line_len < LINE_MAX - 1) {
		line[line_len++] = c;
		echo(&c, 1);
	}
}

void tty_reset(void)
{
	line_len = ready_len = 0;
	eofs = 0;
	foreground = 0;
}

/**
 * tty_read - read(2) from the console: sleeps until a line is complete
 * (or ctrl-D), then copies at most @count bytes of it to user address
 * @buf, never more than one line. 0 means end of input.
 */
long tty_read(uint64_t buf, size_t count)
{
	size_t n = 0;

	while (!ready_len && !eofs) {
		if (signal_pending(current))
			return -ERESTARTSYS;
		sleep_on(&ready_len);
	}
	if (!ready_len) {
		eofs--;
		return 0;
	}
	while (n < count && n < ready_len && (n == 0 || ready[n - 1] != '\n'))
		n++;
	if (copy_to_user(buf, ready, n))
		return -EFAULT;
	memmove(ready, ready + n, ready_len - n);
	ready_len -= n;
	return (long)n;
}

unsigned int tty_poll(void)
{
	unsigned int mask = POLLOUT | POLLWRNORM;

	if (ready_len || eofs)
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

/**
 * sys_tty_foreground - tty_foreground(pgid): name the process group that
 * ctrl-C and ctrl-Z signal, a group of the caller's session, or 0 for
 * none. -EINVAL (negative), -ESRCH (no such group), -EPERM (another
 * session's).
 */
long sys_tty_foreground(struct pt_regs *regs)
{
	int pgid = (int)regs->rdi;

	if (pgid != 0) {
		int err = pgrp_in_my_session(pgid);

		if (err)
			return err;
	}
	foreground = pgid;
	return 0;
}
