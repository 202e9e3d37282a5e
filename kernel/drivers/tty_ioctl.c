// SPDX-License-Identifier: MIT
/*
 * The console's ioctls and its job control (Linux's tty_ioctl.c and
 * tty_jobctrl.c; docs/tty.md):
 *
 *   TCGETS, TCSETS, TCSETSW, TCSETSF   the settings (struct termios)
 *   TIOCGWINSZ, TIOCSWINSZ             the window size (SIGWINCH)
 *   FIONREAD, TIOCOUTQ, TCFLSH         the queues
 *   TCXONC, TCSBRK, TCSBRKP            flow control, tcdrain(3)
 *   TIOCSCTTY, TIOCNOTTY, TIOCGSID     the controlling terminal
 *   TIOCGPGRP, TIOCSPGRP               the foreground process group
 *
 * and -ENOTTY for any other request. The private call tty_foreground is
 * TIOCSPGRP by value, and 0 there means no foreground group.
 *
 * The console is the controlling terminal of one session at most,
 * console_tty.session. Each process of that session knows it has it
 * (has_tty, kept in its leader, as Linux keeps signal->tty): fork
 * passes it on, setsid and TIOCNOTTY drop it. The kernel gives the
 * console to every program it starts itself (task_run), as a getty
 * would: that program leads a new session and its group is the
 * foreground. A background process of the session that reads the
 * console gets SIGTTIN; one that writes with TOSTOP set, or changes the
 * settings or the foreground, SIGTTOU (tty_check_change).
 */
#include <kernel/file.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/tty.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

static struct tty *const tty = &console_tty;

/* --- the controlling terminal ------------------------------------------ */

static bool session_leader(const struct process *leader)
{
	return leader->sid == leader->pid;
}

bool tty_is_controlling(const struct process *p)
{
	const struct process *l = p->leader;

	return l->has_tty && tty->session && l->sid == tty->session;
}

int tty_foreground_of(const struct process *p)
{
	if (!tty_is_controlling(p))
		return -1;
	return tty->pgrp ? tty->pgrp : -1;
}

/* Every process of session @sid loses the terminal. */
static void session_clear_tty(int sid)
{
	struct process *p;

	for_each_process(p)
		if (p->leader == p && p->sid == sid)
			p->has_tty = false;
}

/* Linux's __proc_set_tty: the terminal is @leader's session's, and
 * @leader's group is in the foreground. */
static void proc_set_tty(struct process *leader)
{
	tty->session = leader->sid;
	tty->pgrp = leader->pgid;
	leader->has_tty = true;
}

void tty_set_controlling(struct process *p)
{
	if (tty->session)
		session_clear_tty(tty->session);
	if (p)
		proc_set_tty(p->leader);
	else
		tty->session = tty->pgrp = 0;
}

void tty_open_controlling(unsigned int flags)
{
	struct process *self = current->leader;

	if (!(flags & O_NOCTTY) && (flags & O_ACCMODE) != O_WRONLY &&
	    session_leader(self) && !self->has_tty && !tty->session)
		proc_set_tty(self);
}

/* TIOCSCTTY: a session leader without a terminal takes the console; if
 * another session has it, only with @arg 1 (Linux asks for
 * CAP_SYS_ADMIN, which everyone has here). */
static long set_controlling(uint64_t arg)
{
	struct process *self = current->leader;

	if (session_leader(self) && tty->session == self->sid)
		return 0;
	if (!session_leader(self) || self->has_tty)
		return -EPERM;
	if (tty->session) {
		if (arg != 1)
			return -EPERM;
		session_clear_tty(tty->session);
	}
	proc_set_tty(self);
	return 0;
}

/* TIOCNOTTY: the caller gives up its terminal; a session leader gives
 * it up for the whole session, and its foreground group gets SIGHUP and
 * SIGCONT (Linux's disassociate_ctty). */
static long drop_controlling(void)
{
	struct process *self = current->leader;

	if (!tty_is_controlling(self))
		return -ENOTTY;
	if (session_leader(self)) {
		int sid = tty->session;

		if (tty->pgrp) {
			kill_pgrp(tty->pgrp, SIGHUP);
			kill_pgrp(tty->pgrp, SIGCONT);
		}
		tty->session = tty->pgrp = 0;
		session_clear_tty(sid);
	}
	self->has_tty = false;
	return 0;
}

/* --- background process groups ---------------------------------------- */

static bool blocked_or_ignored(int sig)
{
	return (current->sigmask & SIG_BIT(sig)) ||
	       action_of(current, sig)->handler == SIG_IGN;
}

int tty_check_change(int sig)
{
	struct process *self = current->leader;

	if (!tty_is_controlling(self) || !tty->pgrp || self->pgid == tty->pgrp)
		return 0;
	if (blocked_or_ignored(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (pgrp_orphaned(self->pgid))
		return -EIO;
	kill_pgrp(self->pgid, sig);
	return -ERESTARTSYS;
}

void tty_signal_foreground(int sig)
{
	if (tty->pgrp)
		kill_pgrp(tty->pgrp, sig);
}

/* TIOCSPGRP's checks after tty_check_change: Linux's tiocspgrp. */
static long set_foreground(int pgid)
{
	int err;

	if (pgid < 0)
		return -EINVAL;
	if (!tty_is_controlling(current))
		return -ENOTTY;
	err = pgrp_in_my_session(pgid);
	if (err)
		return err;
	tty->pgrp = pgid;
	return 0;
}

/**
 * sys_tty_foreground - tty_foreground(pgid): TIOCSPGRP by value, for the
 * project's shell before it had ioctl: @pgid becomes the console's
 * foreground group, or, for 0, no group does (ctrl-C and ctrl-Z then
 * signal nobody). -EINVAL (negative), -ESRCH (no such group), -EPERM
 * (another session's), -ENOTTY (the console is not the caller's
 * controlling terminal); SIGTTOU for a background caller.
 */
long sys_tty_foreground(struct pt_regs *regs)
{
	int pgid = (int)regs->rdi;
	long err = tty_check_change(SIGTTOU);

	if (err)
		return err == -EIO ? -ENOTTY : err;
	if (pgid == 0 && tty_is_controlling(current)) {
		tty->pgrp = 0;
		return 0;
	}
	return set_foreground(pgid);
}

/* --- the requests -------------------------------------------------------- */

static long put(uint64_t uaddr, const void *value, size_t size)
{
	return copy_to_user(uaddr, value, size) ? -EFAULT : 0;
}

static long put_int(uint64_t uaddr, int value)
{
	return put(uaddr, &value, sizeof(value));
}

/* TCSETS, TCSETSW, TCSETSF (Linux's set_termios). Output is written
 * when write(2) returns, so there is nothing to wait for. */
static long set_termios(unsigned int cmd, uint64_t arg)
{
	struct termios t;
	long err = tty_check_change(SIGTTOU);

	if (err)
		return err;
	if (copy_from_user(&t, arg, sizeof(t)))
		return -EFAULT;
	if (cmd == TCSETSF)
		tty_flush_input();
	tty_set_termios(&t);
	return 0;
}

/* TIOCSWINSZ: a new size is stored and SIGWINCH goes to the foreground
 * group; the same size again changes nothing (Linux's tty_do_resize). */
static long set_winsize(uint64_t arg)
{
	struct winsize ws;

	if (copy_from_user(&ws, arg, sizeof(ws)))
		return -EFAULT;
	if (memcmp(&ws, &tty->winsize, sizeof(ws))) {
		tty_signal_foreground(SIGWINCH);
		tty->winsize = ws;
	}
	return 0;
}

/* TCFLSH: TCIFLUSH drops the input; output is never queued. */
static long flush(uint64_t arg)
{
	long err = tty_check_change(SIGTTOU);

	if (err)
		return err;
	switch (arg) {
	case TCIFLUSH:
	case TCIOFLUSH:
		tty_flush_input();
		return 0;
	case TCOFLUSH:
		return 0;
	default:
		return -EINVAL;
	}
}

/**
 * tty_ioctl - ioctl(2) on the console's files (the table at the top);
 * -EFAULT for a pointer that cannot be read or written, -ENOTTY for a
 * request a terminal here does not know.
 */
long tty_ioctl(struct file *f, unsigned int cmd, uint64_t arg)
{
	long err;
	int pgid;

	(void)f;
	switch (cmd) {
	case TCGETS:
		return put(arg, &tty->termios, sizeof(tty->termios));
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(cmd, arg);
	case TIOCGWINSZ:
		return put(arg, &tty->winsize, sizeof(tty->winsize));
	case TIOCSWINSZ:
		return set_winsize(arg);
	case FIONREAD:
		return put_int(arg, (int)tty_input_count());
	case TIOCOUTQ:
		return put_int(arg, 0);
	case TCFLSH:
		return flush(arg);
	case TCXONC:
		err = tty_check_change(SIGTTOU);
		return err ? err : tty_flow(arg);
	case TCSBRK: /* tcdrain(3), and tcsendbreak(3) with arg 0 */
	case TCSBRKP:
		return tty_check_change(SIGTTOU);
	case TIOCSCTTY:
		return set_controlling(arg);
	case TIOCNOTTY:
		return drop_controlling();
	case TIOCGSID:
		if (!tty_is_controlling(current))
			return -ENOTTY;
		return put_int(arg, tty->session);
	case TIOCGPGRP:
		if (!tty_is_controlling(current))
			return -ENOTTY;
		return put_int(arg, tty->pgrp);
	case TIOCSPGRP:
		err = tty_check_change(SIGTTOU);
		if (err)
			return err == -EIO ? -ENOTTY : err;
		if (copy_from_user(&pgid, arg, sizeof(pgid)))
			return -EFAULT;
		return set_foreground(pgid);
	default:
		return -ENOTTY;
	}
}
