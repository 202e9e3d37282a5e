// SPDX-License-Identifier: MIT
/*
 * m-termios: the terminal, as Linux has it, from a program whose fds 0,
 * 1 and 2 are its controlling terminal: the settings (TCGETS and
 * TCSETS*, byte for byte), canonical mode and its line editing, echo,
 * the four VMIN/VTIME cases, the input flags, the signal keys, flow
 * control, the queues, the window size and SIGWINCH, and job control
 * (the foreground group, SIGTTIN and SIGTTOU for a background one, EIO
 * for an orphaned one, TIOCSCTTY and TIOCNOTTY).
 *
 * It needs somebody at the keyboard: before each read it prints a line
 * "> NAME", and tests/ttydiff.py types what NAME calls for (the same
 * bytes on this kernel's serial port and into a pseudo-terminal on
 * Linux) and compares what the two terminals showed, echo included.
 * So a step sets the terminal up first and asks second: bytes are
 * processed (echoed, mapped) when they arrive, by the settings then.
 * Nothing printed depends on timing, except that a reader must have
 * been given the bytes typed: where no echo shows that, the program
 * sleeps a little before it looks (SETTLE_MS).
 *
 * "m-termios keys" is for this kernel only: raw mode, then every byte
 * read in hex, one read a line, until 'q' (the test presses keys on the
 * PS/2 keyboard and checks the escape sequences).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define SETTLE_MS 300

/* The kernel's struct termios (<asm/termbits.h>): what TCGETS writes. */
struct kernel_termios {
	unsigned int c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line, c_cc[19];
};

static struct termios fresh; /* the settings the terminal came with */
static volatile sig_atomic_t caught[NSIG];

static void count(int sig)
{
	caught[sig]++;
}

static void handle(int sig, int flags)
{
	struct sigaction sa = { .sa_handler = count, .sa_flags = flags };

	sigaction(sig, &sa, NULL);
}

static void ignore(int sig)
{
	signal(sig, SIG_IGN);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void ask(const char *name)
{
	printf("> %s\n", name);
}

static void apply(const struct termios *t)
{
	if (tcsetattr(0, TCSANOW, t))
		printf("tcsetattr: %s\n", errno_name(errno));
}

/* The fresh settings, canonical or not (then VMIN, VTIME), echo or not. */
static struct termios with(int canonical, int echo, int vmin, int vtime)
{
	struct termios t = fresh;

	if (!canonical)
		t.c_lflag &= ~ICANON;
	if (!echo)
		t.c_lflag &= ~ECHO;
	t.c_cc[VMIN] = (cc_t)vmin;
	t.c_cc[VTIME] = (cc_t)vtime;
	return t;
}

/* "read 6: "hello\n"", or "read -1: EINTR". */
static void show(const char *what, long n, const char *buf)
{
	printf("%s: read %ld", what, n);
	if (n < 0) {
		printf(": %s\n", errno_name(errno));
		return;
	}
	printf(": \"");
	for (long i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '\n')
			printf("\\n");
		else if (c == '\r')
			printf("\\r");
		else if (c < ' ' || c >= 0x7f)
			printf("\\x%02x", c);
		else
			printf("%c", c);
	}
	printf("\"\n");
}

static void read_show(const char *what, size_t count)
{
	char buf[256];
	long n = read(0, buf, count);

	show(what, n, buf);
}

/* --------------------------------------------------------- settings */

struct flag {
	unsigned int bit;
	const char *name;
};
/* clang-format off */
#define F(x) { x, #x }
/* clang-format on */

static void show_flags(const char *what, unsigned int value,
		       const struct flag *f, size_t n)
{
	printf("%s:", what);
	for (size_t i = 0; i < n; i++)
		if ((value & f[i].bit) == f[i].bit && f[i].bit)
			printf(" %s", f[i].name);
	printf("\n");
}

static void show_cc(const struct termios *t)
{
	static const struct {
		int idx;
		const char *name;
	} cc[] = { { VINTR, "intr" },	    { VQUIT, "quit" },
		   { VERASE, "erase" },	    { VKILL, "kill" },
		   { VEOF, "eof" },	    { VTIME, "time" },
		   { VMIN, "min" },	    { VSWTC, "swtc" },
		   { VSTART, "start" },	    { VSTOP, "stop" },
		   { VSUSP, "susp" },	    { VEOL, "eol" },
		   { VREPRINT, "reprint" }, { VDISCARD, "discard" },
		   { VWERASE, "werase" },   { VLNEXT, "lnext" },
		   { VEOL2, "eol2" } };

	printf("c_cc:");
	for (size_t i = 0; i < sizeof(cc) / sizeof(cc[0]); i++)
		printf(" %s %d", cc[i].name, t->c_cc[cc[i].idx]);
	printf("\n");
}

/* What a fresh terminal has: the same on a Linux pty and this console
 * (c_cflag only in part: a pty, a serial line and a screen differ in
 * speed and HUPCL). */
static void defaults(void)
{
	static const struct flag iflags[] = {
		F(IGNBRK), F(BRKINT), F(IGNPAR), F(PARMRK),  F(INPCK),
		F(ISTRIP), F(INLCR),  F(IGNCR),	 F(ICRNL),   F(IUCLC),
		F(IXON),   F(IXANY),  F(IXOFF),	 F(IMAXBEL), F(IUTF8),
	};
	static const struct flag oflags[] = {
		F(OPOST), F(OLCUC),  F(ONLCR), F(OCRNL),
		F(ONOCR), F(ONLRET), F(OFILL), F(OFDEL),
	};
	static const struct flag lflags[] = {
		F(ISIG),   F(ICANON),  F(XCASE),   F(ECHO),
		F(ECHOE),  F(ECHOK),   F(ECHONL),  F(NOFLSH),
		F(TOSTOP), F(ECHOCTL), F(ECHOPRT), F(ECHOKE),
		F(FLUSHO), F(PENDIN),  F(IEXTEN),  F(EXTPROC),
	};
	static const struct flag cflags[] = { F(CS8), F(CREAD), F(PARENB),
					      F(CSTOPB) };
	unsigned char raw[64];
	struct kernel_termios k;

	CHECK(isatty(0) && isatty(1) && isatty(2), "fds 0, 1 and 2 are a tty");
	CHECK(tcgetattr(0, &fresh) == 0, "tcgetattr");
	show_flags("c_iflag", fresh.c_iflag, iflags,
		   sizeof(iflags) / sizeof(iflags[0]));
	show_flags("c_oflag", fresh.c_oflag, oflags,
		   sizeof(oflags) / sizeof(oflags[0]));
	show_flags("c_lflag", fresh.c_lflag, lflags,
		   sizeof(lflags) / sizeof(lflags[0]));
	show_flags("c_cflag (in part)", fresh.c_cflag, cflags,
		   sizeof(cflags) / sizeof(cflags[0]));
	show_cc(&fresh);
	/* The kernel's structure is 36 bytes, not the libc's 60. */
	memset(raw, 0xaa, sizeof(raw));
	CHECK(ioctl(0, TCGETS, raw) == 0 && raw[35] != 0xaa &&
		  raw[36] == 0xaa && raw[63] == 0xaa,
	      "TCGETS writes 36 bytes");
	memcpy(&k, raw, sizeof(k));
	CHECK(k.c_lflag == fresh.c_lflag && k.c_line == 0 &&
		  !memcmp(k.c_cc, fresh.c_cc, sizeof(k.c_cc)),
	      "c_line 0 (N_TTY), the same flags and c_cc as tcgetattr's");
}

/* TCSETS, TCSETSW, TCSETSF keep every byte; bad pointers are EFAULT. */
static void set_and_get(void)
{
	struct kernel_termios k, back;
	struct winsize ws;

	CHECK(ioctl(0, TCGETS, &k) == 0, "TCGETS");
	k.c_iflag |= IGNPAR | IMAXBEL | IUTF8;
	k.c_oflag |= OCRNL | ONOCR;
	k.c_lflag |= NOFLSH | ECHOPRT;
	k.c_line = 0;
	k.c_cc[VEOL] = ';';
	k.c_cc[VEOL2] = 0xff;
	k.c_cc[VSWTC] = 7;
	k.c_cc[17] = 17;
	k.c_cc[18] = 18;
	CHECK(ioctl(0, TCSETS, &k) == 0 && ioctl(0, TCGETS, &back) == 0 &&
		  !memcmp(&k, &back, sizeof(k)),
	      "TCSETS then TCGETS: the same 36 bytes");
	k.c_cc[VEOL] = 0;
	CHECK(ioctl(0, TCSETSW, &k) == 0 && ioctl(0, TCGETS, &back) == 0 &&
		  back.c_cc[VEOL] == 0,
	      "TCSETSW");
	CHECK(tcsetattr(0, TCSAFLUSH, &fresh) == 0 &&
		  ioctl(0, TCGETS, &back) == 0 &&
		  back.c_lflag == fresh.c_lflag && back.c_cc[VEOL2] == 0,
	      "TCSETSF (tcsetattr TCSAFLUSH) back to the fresh settings");
	errno = 0;
	CHECK(ioctl(0, TCGETS, (void *)8) == -1 && errno == EFAULT,
	      "TCGETS to a bad pointer: %s", errno_name(errno));
	errno = 0;
	CHECK(ioctl(0, TCSETS, (void *)8) == -1 && errno == EFAULT,
	      "TCSETS from a bad pointer: %s", errno_name(errno));
	errno = 0;
	CHECK(ioctl(0, TIOCGWINSZ, (void *)8) == -1 && errno == EFAULT,
	      "TIOCGWINSZ to a bad pointer: %s", errno_name(errno));
	errno = 0;
	CHECK(ioctl(0, 0x54ff, &ws) == -1 && errno == ENOTTY,
	      "an unknown request: %s", errno_name(errno));
}

static void not_a_tty(void)
{
	struct termios t;
	struct winsize ws;
	int fds[2];

	if (pipe(fds))
		return;
	CHECK(!isatty(fds[0]) && errno == ENOTTY, "a pipe is no tty: %s",
	      errno_name(errno));
	errno = 0;
	CHECK(tcgetattr(fds[0], &t) == -1 && errno == ENOTTY,
	      "TCGETS on a pipe: %s", errno_name(errno));
	errno = 0;
	CHECK(ioctl(fds[1], TIOCGWINSZ, &ws) == -1 && errno == ENOTTY,
	      "TIOCGWINSZ on a pipe: %s", errno_name(errno));
	errno = 0;
	CHECK(tcgetpgrp(fds[0]) == -1 && errno == ENOTTY,
	      "TIOCGPGRP on a pipe: %s", errno_name(errno));
	close(fds[0]);
	close(fds[1]);
}

/* -------------------------------------------------- canonical mode */

static void canonical(void)
{
	struct termios t = fresh;

	ask("a line");
	read_show("a line", 100);
	ask("in parts");
	read_show("4 bytes of it", 4);
	read_show("the rest", 100);
	ask("two lines");
	read_show("the first", 100);
	read_show("the second", 100);
	ask("erase");
	read_show("erase", 100);
	ask("kill");
	read_show("kill", 100);
	ask("literal next");
	read_show("literal next", 100);
	ask("reprint");
	read_show("reprint", 100);
	ask("control characters");
	read_show("control characters", 100);
	ask("tab erase");
	read_show("tab erase", 100);
	ask("eof");
	read_show("eof on an empty line", 100);
	ask("eof after text");
	read_show("eof after text", 100);
	/* A read that ends just before a VEOF eats it (Linux's
	 * canon_skip_eof): the next one waits for more. */
	ask("eof after a partial read");
	read_show("2 bytes", 2);
	ask("and more");
	read_show("then", 100);
	t.c_cc[VEOL] = ';';
	apply(&t);
	ask("eol");
	read_show("up to eol", 100);
	read_show("the rest", 100);
	apply(&fresh);
}

static void echo_flags(void)
{
	struct termios t = fresh;

	t.c_lflag &= ~ECHO;
	apply(&t);
	ask("no echo");
	read_show("no echo", 100);
	t.c_lflag |= ECHONL;
	apply(&t);
	ask("echonl");
	read_show("echonl", 100);
	t = fresh;
	t.c_lflag &= ~ECHOE;
	apply(&t);
	ask("no echoe");
	read_show("no echoe", 100);
	t = fresh;
	t.c_lflag &= ~ECHOKE;
	apply(&t);
	ask("echok without echoke");
	read_show("echok without echoke", 100);
	t = fresh;
	t.c_lflag &= ~ECHOCTL;
	apply(&t);
	ask("no echoctl");
	read_show("no echoctl", 100);
	t = with(0, 1, 3, 0);
	apply(&t);
	ask("echo, not canonical");
	read_show("echo, not canonical", 3);
	apply(&fresh);
}

/* ------------------------------------------------------ VMIN, VTIME */

static void vmin_vtime(void)
{
	struct termios t;
	long start, ms;
	int flags;

	t = with(0, 0, 1, 0);
	apply(&t);
	ask("min 1");
	read_show("min 1, 1 byte", 1);
	read_show("again", 1);
	read_show("again", 1);
	ask("min 1, one byte");
	read_show("min 1, ask 10", 10);

	t = with(0, 0, 0, 0);
	apply(&t);
	start = now_ms();
	read_show("min 0, time 0, nothing typed", 10);
	CHECK(now_ms() - start < 500, "it returned at once");

	t = with(0, 0, 0, 5);
	apply(&t);
	start = now_ms();
	read_show("min 0, time 5, nothing typed", 10);
	ms = now_ms() - start;
	CHECK(ms >= 400 && ms < 3000, "it returned after about 0.5 s");
	t = with(0, 0, 0, 50);
	apply(&t);
	ask("within 5 s");
	start = now_ms();
	read_show("min 0, time 50", 10);
	CHECK(now_ms() - start < 4000, "it returned with the byte");

	t = with(0, 0, 3, 0);
	apply(&t);
	ask("three, slowly");
	read_show("min 3, ask 10", 10);
	t = with(0, 0, 5, 0);
	apply(&t);
	ask("two of five");
	read_show("min 5, ask 2", 2);

	t = with(0, 0, 2, 3);
	apply(&t);
	ask("one, then silence");
	start = now_ms();
	read_show("min 2, time 3", 10);
	CHECK(now_ms() - start >= 200, "the inter-byte timer ran out");

	t = with(0, 0, 1, 0);
	apply(&t);
	flags = fcntl(0, F_GETFL);
	fcntl(0, F_SETFL, flags | O_NONBLOCK);
	read_show("min 1, O_NONBLOCK, nothing typed", 10);
	t = with(0, 0, 0, 0);
	apply(&t);
	read_show("min 0, time 0, O_NONBLOCK", 10);
	fcntl(0, F_SETFL, flags);
	apply(&fresh);
}

/* ------------------------------------------------------ input flags */

static void input_flags(void)
{
	struct termios t = with(0, 0, 1, 0);

	apply(&t);
	ask("icrnl");
	read_show("icrnl", 1);
	t.c_iflag &= ~ICRNL;
	apply(&t);
	ask("no icrnl");
	read_show("no icrnl", 1);
	t.c_iflag |= INLCR;
	apply(&t);
	ask("inlcr");
	read_show("inlcr", 1);
	t.c_iflag = (t.c_iflag & ~INLCR) | IGNCR;
	t.c_cc[VMIN] = 2;
	apply(&t);
	ask("igncr");
	read_show("igncr", 10);
	t.c_iflag = fresh.c_iflag | ISTRIP;
	t.c_cc[VMIN] = 1;
	apply(&t);
	ask("istrip");
	read_show("istrip", 10);
	t.c_iflag = fresh.c_iflag | IUCLC;
	t.c_cc[VMIN] = 3;
	apply(&t);
	ask("iuclc");
	read_show("iuclc", 10);
	t = with(0, 0, 3, 0);
	t.c_lflag &= ~ISIG;
	apply(&t);
	ask("no isig");
	read_show("no isig", 10);
	t = with(0, 0, 3, 0);
	apply(&t);
	ask("ixon");
	read_show("ixon", 10);
	t.c_iflag &= ~IXON;
	t.c_cc[VMIN] = 2;
	apply(&t);
	ask("no ixon");
	read_show("no ixon", 10);
	CHECK(tcflow(0, TCOON) == 0, "tcflow TCOON");
	errno = 0;
	CHECK(tcflow(0, 99) == -1 && errno == EINVAL, "tcflow 99: %s",
	      errno_name(errno));
	CHECK(tcdrain(0) == 0, "tcdrain");
	apply(&fresh);
}

/* ----------------------------------------------------- signal keys */

static void signal_keys(void)
{
	struct termios t = fresh;
	static const struct {
		int sig;
		const char *name, *key;
	} keys[] = { { SIGINT, "SIGINT", "intr" },
		     { SIGQUIT, "SIGQUIT", "quit" },
		     { SIGTSTP, "SIGTSTP", "susp" } };
	char prompt[64];

	for (unsigned int i = 0; i < 3; i++) {
		handle(keys[i].sig, 0);
		snprintf(prompt, sizeof(prompt), "%s key", keys[i].key);
		ask(prompt);
		read_show(prompt, 100);
		sleep_ms(50); /* the echo of the key comes first on Linux too */
		CHECK(caught[keys[i].sig] == 1, "%s reached the handler",
		      keys[i].name);
		ask("after it");
		read_show("the line typed before the key is gone", 100);
		signal(keys[i].sig, SIG_DFL);
	}
	t.c_lflag |= NOFLSH;
	apply(&t);
	handle(SIGINT, 0);
	ask("intr key, noflsh");
	read_show("intr key, noflsh", 100);
	sleep_ms(50);
	ask("after it");
	read_show("the line typed before the key is kept", 100);
	apply(&fresh);
	handle(SIGINT, SA_RESTART);
	ask("intr key, SA_RESTART");
	read_show("restarted", 100);
	CHECK(caught[SIGINT] == 3, "the handler ran");
	signal(SIGINT, SIG_DFL);
}

/* ---------------------------------------------------------- queues */

static void queues(void)
{
	struct termios t = with(0, 0, 1, 0);
	int n = -1;

	apply(&t);
	ask("queue");
	read_show("the first byte", 1);
	sleep_ms(SETTLE_MS);
	CHECK(ioctl(0, FIONREAD, &n) == 0 && n == 5, "FIONREAD: %d", n);
	CHECK(tcflush(0, TCIFLUSH) == 0 && ioctl(0, FIONREAD, &n) == 0 &&
		  n == 0,
	      "after TCIFLUSH: %d", n);
	ask("queue again");
	read_show("the first byte", 1);
	sleep_ms(SETTLE_MS);
	CHECK(tcsetattr(0, TCSAFLUSH, &t) == 0 && ioctl(0, FIONREAD, &n) == 0 &&
		  n == 0,
	      "after TCSETSF: %d", n);
	CHECK(ioctl(0, TIOCOUTQ, &n) == 0 && n == 0, "TIOCOUTQ: %d", n);
	errno = 0;
	CHECK(tcflush(0, 7) == -1 && errno == EINVAL, "TCFLSH 7: %s",
	      errno_name(errno));
	apply(&fresh);
	ask("queue, canonical");
	sleep_ms(SETTLE_MS);
	CHECK(ioctl(0, FIONREAD, &n) == 0 && n == 4,
	      "FIONREAD counts the whole lines: %d", n);
	read_show("a line", 100);
	ask("finish it");
	read_show("the next", 100);
	/* Into canonical mode with bytes waiting: they read as a line. */
	apply(&t);
	ask("then canonical");
	read_show("one byte", 1);
	sleep_ms(SETTLE_MS);
	apply(&fresh);
	read_show("the rest, as a line", 100);
}

/* ----------------------------------------------------- window size */

static void window_size(void)
{
	struct winsize set = { 33, 101, 7, 9 }, got;

	handle(SIGWINCH, SA_RESTART);
	CHECK(ioctl(0, TIOCSWINSZ, &set) == 0, "TIOCSWINSZ");
	CHECK(ioctl(0, TIOCGWINSZ, &got) == 0 && got.ws_row == 33 &&
		  got.ws_col == 101 && got.ws_xpixel == 7 && got.ws_ypixel == 9,
	      "TIOCGWINSZ: %d rows, %d columns, %d x %d pixels", got.ws_row,
	      got.ws_col, got.ws_xpixel, got.ws_ypixel);
	CHECK(caught[SIGWINCH] == 1, "SIGWINCH to the foreground group: %d",
	      caught[SIGWINCH]);
	CHECK(ioctl(0, TIOCSWINSZ, &set) == 0 && caught[SIGWINCH] == 1,
	      "the same size again: no SIGWINCH");
	set.ws_row = 24;
	CHECK(ioctl(0, TIOCSWINSZ, &set) == 0 && caught[SIGWINCH] == 2,
	      "another: SIGWINCH");
	signal(SIGWINCH, SIG_DFL);
}

/* ----------------------------------------------------- job control */

/* Fork a child that runs @fn in a process group of its own (the
 * background) and returns its wait status (WUNTRACED); a stopped child
 * is killed and reaped after. */
static int in_background(int (*fn)(void), int *stopsig)
{
	int status, pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		_exit(fn());
	}
	setpgid(pid, pid);
	waitpid(pid, &status, WUNTRACED);
	*stopsig = WIFSTOPPED(status) ? WSTOPSIG(status) : 0;
	if (WIFSTOPPED(status)) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	return status;
}

static int bg_read(void)
{
	char c;

	return read(0, &c, 1) < 0 ? errno : 0;
}

static int bg_read_ignored(void)
{
	ignore(SIGTTIN);
	return bg_read();
}

static int bg_read_blocked(void)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGTTIN);
	sigprocmask(SIG_BLOCK, &s, NULL);
	return bg_read();
}

static int bg_write(void)
{
	return write(1, "a background write\n", 19) == 19 ? 0 : errno;
}

static int bg_write_ignored(void)
{
	ignore(SIGTTOU);
	return bg_write();
}

static int bg_tcsetattr(void)
{
	return tcsetattr(0, TCSANOW, &fresh) ? errno : 0;
}

static int bg_tcsetattr_ignored(void)
{
	ignore(SIGTTOU);
	return bg_tcsetattr();
}

static int bg_tcgetpgrp(void)
{
	return tcgetpgrp(0) == getppid() ? 0 : 1; /* the parent's group */
}

static void report(const char *what, int (*fn)(void))
{
	int stopsig, status = in_background(fn, &stopsig);

	if (stopsig)
		printf("%s: stopped by %s\n", what,
		       stopsig == SIGTTIN   ? "SIGTTIN"
		       : stopsig == SIGTTOU ? "SIGTTOU"
					    : "another signal");
	else if (WIFEXITED(status))
		printf("%s: %s\n", what, errno_name(WEXITSTATUS(status)));
	else
		printf("%s: %s\n", what, how_ended(status));
}

static int child_ioctls(void)
{
	int pgid, r = 0;

	/* Not a session leader: no TIOCSCTTY. */
	if (ioctl(0, TIOCSCTTY, 0) != -1 || errno != EPERM)
		r |= 1;
	/* Giving the terminal up is for oneself. */
	if (ioctl(0, TIOCNOTTY) != 0)
		r |= 2;
	if (ioctl(0, TIOCGPGRP, &pgid) != -1 || errno != ENOTTY)
		r |= 4;
	if (ioctl(0, TIOCNOTTY) != -1 || errno != ENOTTY)
		r |= 8;
	return r;
}

static int new_session_ioctls(void)
{
	int pgid, r = 0;

	setsid();
	if (ioctl(0, TIOCGPGRP, &pgid) != -1 || errno != ENOTTY)
		r |= 1;
	if (tcgetsid(0) != -1 || errno != ENOTTY)
		r |= 2;
	if (ioctl(0, TIOCSCTTY, 0) != -1 || errno != EPERM)
		r |= 4; /* it is another session's */
	if (ioctl(0, TIOCNOTTY) != -1 || errno != ENOTTY)
		r |= 8;
	if (tcsetpgrp(0, getpid()) != -1 || errno != ENOTTY)
		r |= 16;
	return r;
}

static void foreground_group(void)
{
	int status, pid, fds[2];
	char c;

	CHECK(tcgetpgrp(0) == getpgrp(), "tcgetpgrp is our group");
	CHECK(tcgetsid(0) == getsid(0) && getsid(0) == getpid(),
	      "tcgetsid is our session, which we lead");
	CHECK(tcsetpgrp(0, getpgrp()) == 0, "tcsetpgrp to our group");
	errno = 0;
	CHECK(tcsetpgrp(0, -1) == -1 && errno == EINVAL, "to -1: %s",
	      errno_name(errno));
	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, &status, 0);
	errno = 0;
	CHECK(tcsetpgrp(0, pid) == -1 && errno == ESRCH,
	      "to a group that is gone: %s", errno_name(errno));
	if (pipe(fds))
		return;
	pid = fork();
	if (pid == 0) {
		setsid();
		write(fds[1], "s", 1);
		pause();
		_exit(0);
	}
	read(fds[0], &c, 1);
	errno = 0;
	CHECK(tcsetpgrp(0, pid) == -1 && errno == EPERM,
	      "to another session's group: %s", errno_name(errno));
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	close(fds[0]);
	close(fds[1]);

	pid = fork();
	if (pid == 0)
		_exit(child_ioctls());
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "a child: TIOCSCTTY EPERM, TIOCNOTTY leaves it without one "
	      "(%#x)",
	      status);
	CHECK(tcgetpgrp(0) == getpgrp(), "we keep ours");
	pid = fork();
	if (pid == 0)
		_exit(new_session_ioctls());
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "a new session has no terminal: ENOTTY, TIOCSCTTY EPERM (%#x)",
	      status);
}

static void background(void)
{
	struct termios t = fresh;

	report("a background read", bg_read);
	report("a background read, SIGTTIN ignored", bg_read_ignored);
	report("a background read, SIGTTIN blocked", bg_read_blocked);
	report("a background write", bg_write);
	report("a background tcsetattr", bg_tcsetattr);
	report("a background tcsetattr, SIGTTOU ignored", bg_tcsetattr_ignored);
	report("a background tcgetpgrp", bg_tcgetpgrp);
	t.c_lflag |= TOSTOP;
	apply(&t);
	report("a background write with TOSTOP", bg_write);
	report("a background write with TOSTOP, SIGTTOU ignored",
	       bg_write_ignored);
	apply(&fresh);
}

/* A reader stopped in the background, brought to the foreground and
 * continued, reads on: its read(2) was restarted. */
static void fg_job(void)
{
	int status, pid = fork();

	if (pid == 0) {
		char buf[64];
		long n;

		setpgid(0, 0);
		n = read(0, buf, sizeof(buf));
		show("the job", n, buf);
		_exit(0);
	}
	setpgid(pid, pid);
	waitpid(pid, &status, WUNTRACED);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTIN,
	      "the job stopped by SIGTTIN");
	ignore(SIGTTOU);
	tcsetpgrp(0, pid);
	kill(-pid, SIGCONT);
	ask("the job");
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "it read in the foreground, and ended");
	CHECK(tcsetpgrp(0, getpgrp()) == 0,
	      "the foreground back, from the background (SIGTTOU ignored)");
	signal(SIGTTOU, SIG_DFL);
}

/* A group whose parent has gone is orphaned: its read is EIO. */
static void orphaned(void)
{
	int fds[2], status, pid;
	unsigned char err = 0;

	if (pipe(fds))
		return;
	pid = fork();
	if (pid == 0) {
		int parent = getpid();

		if (fork() == 0) {
			setpgid(0, 0);
			while (getppid() == parent)
				sleep_ms(10);
			err = (unsigned char)bg_read();
			write(fds[1], &err, 1);
			_exit(0);
		}
		_exit(0);
	}
	waitpid(pid, &status, 0);
	read(fds[0], &err, 1);
	printf("an orphaned group's read: %s\n", errno_name(err));
	close(fds[0]);
	close(fds[1]);
}

/* The session leader gives its terminal up and takes it back. */
static void notty_and_back(void)
{
	int pgid;

	ignore(SIGHUP); /* TIOCNOTTY sends the foreground SIGHUP, SIGCONT */
	CHECK(ioctl(0, TIOCNOTTY) == 0, "TIOCNOTTY");
	errno = 0;
	CHECK(ioctl(0, TIOCGPGRP, &pgid) == -1 && errno == ENOTTY,
	      "then TIOCGPGRP: %s", errno_name(errno));
	CHECK(isatty(0), "still a tty");
	CHECK(ioctl(0, TIOCSCTTY, 0) == 0, "TIOCSCTTY takes it back");
	CHECK(tcgetpgrp(0) == getpgrp() && tcgetsid(0) == getpid(),
	      "our group in the foreground again");
	signal(SIGHUP, SIG_DFL);
}

/* ---------------------------------------------------------- keys */

static int keys(void)
{
	struct termios t;
	struct winsize ws;
	unsigned char buf[64];
	long n;

	tcgetattr(0, &t);
	if (ioctl(0, TIOCGWINSZ, &ws) == 0)
		printf("winsize: %d rows, %d columns\n", ws.ws_row, ws.ws_col);
	t.c_lflag &= ~(ICANON | ECHO | ISIG);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	tcsetattr(0, TCSANOW, &t);
	printf("keys: ready\n");
	while ((n = read(0, buf, sizeof(buf))) > 0) {
		printf("keys:");
		for (long i = 0; i < n; i++)
			printf(" %02x", buf[i]);
		printf("\n");
		if (buf[n - 1] == 'q')
			break;
	}
	tcgetattr(0, &t);
	t.c_lflag |= ICANON | ECHO | ISIG;
	tcsetattr(0, TCSANOW, &t);
	return 0;
}

int main(int argc, char **argv)
{
	static const int job_signals[] = { SIGHUP,  SIGINT,  SIGQUIT, SIGTSTP,
					   SIGTTIN, SIGTTOU, SIGWINCH };
	sigset_t none;

	check_start();
	/* Whatever the runner ignored or blocked, the defaults. */
	for (unsigned int i = 0; i < sizeof(job_signals) / sizeof(int); i++)
		signal(job_signals[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (argc > 1 && !strcmp(argv[1], "keys"))
		return keys();
	defaults();
	set_and_get();
	not_a_tty();
	canonical();
	echo_flags();
	vmin_vtime();
	input_flags();
	signal_keys();
	queues();
	window_size();
	foreground_group();
	background();
	fg_job();
	orphaned();
	notty_and_back();
	return check_finish("m-termios");
}
