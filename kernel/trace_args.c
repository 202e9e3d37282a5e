// SPDX-License-Identifier: MIT
/*
 * The system call trace's arguments that live in user memory (strings,
 * argv, buffers, times, poll's arrays, select's sets, signal sets, a
 * wait status, pipe2's pair) and what poll and select found ready: each
 * read with copy_from_user, and shown as its address when it cannot be
 * read, as strace does. The line itself is kernel/trace.c's.
 */
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/trace.h>
#include <kernel/trace_names.h>
#include <kernel/trace_table.h>
#include <kernel/uaccess.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <uapi/poll.h>
#include <uapi/wait.h>

void tl_ptr(struct trace_line *l, uint64_t addr)
{
	if (addr)
		tl_printf(l, "%#lx", addr);
	else
		tl_puts(l, "NULL");
}

/* The string at @addr, its first TRACE_STRING_MAX bytes; its address if
 * any byte up to its end (or that limit) cannot be read. */
void tl_str(struct trace_line *l, uint64_t addr)
{
	char buf[TRACE_STRING_MAX];
	size_t i;
	char c = 1;

	if (!addr) {
		tl_ptr(l, addr);
		return;
	}
	/* One byte at a time: the string may end just before a hole. */
	for (i = 0; i <= TRACE_STRING_MAX && c; i++) {
		if (copy_from_user(&c, addr + i, 1)) {
			tl_ptr(l, addr);
			return;
		}
		if (i < TRACE_STRING_MAX)
			buf[i] = c;
	}
	/* Ended by its NUL at i - 1, or TRACE_STRING_MAX + 1 bytes without. */
	tl_quote(l, buf, c ? TRACE_STRING_MAX : i - 1, c != 0);
}

/* @count bytes at @addr, of which the first TRACE_STRING_MAX print. */
void tl_buf(struct trace_line *l, uint64_t addr, uint64_t count)
{
	char buf[TRACE_STRING_MAX];
	size_t n = count < TRACE_STRING_MAX ? count : TRACE_STRING_MAX;

	if (!addr || copy_from_user(buf, addr, n))
		tl_ptr(l, addr);
	else
		tl_quote(l, buf, n, count > n);
}

/* execve's argv: ["echo", "hi"], at most TRACE_STRING_MAX of them. */
void tl_argv(struct trace_line *l, uint64_t addr)
{
	uint64_t p = 0;
	unsigned int i;

	if (!addr || copy_from_user(&p, addr, 8)) {
		tl_ptr(l, addr);
		return;
	}
	tl_puts(l, "[");
	for (i = 0; p && i < TRACE_STRING_MAX; i++) {
		tl_puts(l, i ? ", " : "");
		tl_str(l, p);
		if (copy_from_user(&p, addr + 8 * (i + 1), 8)) {
			tl_printf(l, ", %#lx", addr + 8 * (i + 1));
			break;
		}
	}
	tl_puts(l, p && i == TRACE_STRING_MAX ? ", ...]" : "]");
}

void tl_timespec(struct trace_line *l, uint64_t addr)
{
	struct timespec ts;

	if (!addr || copy_from_user(&ts, addr, sizeof(ts)))
		tl_ptr(l, addr);
	else
		tl_printf(l, "{tv_sec=%ld, tv_nsec=%ld}", ts.tv_sec,
			  ts.tv_nsec);
}

void tl_timeval(struct trace_line *l, uint64_t addr)
{
	struct timeval tv;

	if (!addr || copy_from_user(&tv, addr, sizeof(tv)))
		tl_ptr(l, addr);
	else
		tl_printf(l, "{tv_sec=%ld, tv_usec=%ld}", tv.tv_sec, tv.tv_usec);
}

/*
 * poll's array: [{fd=3, events=POLLIN}, {fd=-1}], at most
 * TRACE_STRING_MAX entries. With @revents, the first @revents entries
 * whose revents is not 0, as poll left them: [{fd=3, revents=POLLIN}].
 */
void tl_pollfds(struct trace_line *l, uint64_t addr, uint64_t n,
			int64_t revents)
{
	struct pollfd p;
	unsigned int shown = 0;

	if (!addr || (n && copy_from_user(&p, addr, sizeof(p)))) {
		tl_ptr(l, addr);
		return;
	}
	tl_puts(l, "[");
	for (uint64_t i = 0; i < n; i++) {
		if (copy_from_user(&p, addr + i * sizeof(p), sizeof(p)))
			break;
		if (revents && !p.revents)
			continue;
		if (shown == TRACE_STRING_MAX) {
			tl_puts(l, ", ...");
			break;
		}
		tl_printf(l, "%s{fd=%d", shown++ ? ", " : "", p.fd);
		if (revents) {
			tl_puts(l, ", revents=");
			tl_named(l, A_POLL_EVENTS, (uint16_t)p.revents);
		} else if (p.fd >= 0) {
			tl_puts(l, ", events=");
			tl_named(l, A_POLL_EVENTS, (uint16_t)p.events);
		}
		tl_puts(l, "}");
		if (revents && shown == revents)
			break;
	}
	tl_puts(l, "]");
}

/* The fds of select's set at @addr, of @nfds bits: "3 4", after @label
 * if there is one. How many it printed. */
static int put_fd_bits(struct trace_line *l, uint64_t addr, int nfds,
		       const char *label)
{
	int n = nfds < FD_MAX ? nfds : FD_MAX, printed = 0;
	uint64_t word;

	for (int w = 0; w * 64 < n; w++) {
		if (copy_from_user(&word, addr + 8ul * (unsigned int)w, 8))
			break;
		for (; word; word &= word - 1) {
			int fd = w * 64 + __builtin_ctzll(word);

			if (fd >= n)
				break;
			tl_printf(l, "%s%d", printed++ ? " " : label, fd);
		}
	}
	return printed;
}

/* select's set: [3 4], or its address. */
void tl_fdset(struct trace_line *l, uint64_t addr, int nfds)
{
	uint64_t word;

	if (!addr || nfds < 0 || (nfds && copy_from_user(&word, addr, 8))) {
		tl_ptr(l, addr);
		return;
	}
	tl_puts(l, "[");
	put_fd_bits(l, addr, nfds, "");
	tl_puts(l, "]");
}

/* A signal set as strace writes it: [INT USR1], or ~[...] of the
 * signals missing when at least half are there. */
static void put_sigset_value(struct trace_line *l, uint64_t set)
{
	const char *sep = "";
	unsigned int count = 0;
	bool inverted;

	for (uint64_t v = set; v; v &= v - 1) /* no libgcc for popcount */
		count++;
	inverted = count >= 32;
	if (inverted)
		set = ~set;
	tl_puts(l, inverted ? "~[" : "[");
	for (; set; set &= set - 1) {
		unsigned int sig = (unsigned int)__builtin_ctzll(set) + 1;
		const char *name = trace_signal_name(sig);

		if (name)
			tl_printf(l, "%s%s", sep, name + 3); /* no "SIG" */
		else if (sig == 32)
			tl_printf(l, "%sRTMIN", sep);
		else
			tl_printf(l, "%sRT_%u", sep, sig - 32);
		sep = " ";
	}
	tl_puts(l, "]");
}

void tl_sigset(struct trace_line *l, uint64_t addr)
{
	uint64_t set;

	if (!addr || copy_from_user(&set, addr, sizeof(set)))
		tl_ptr(l, addr);
	else
		put_sigset_value(l, set);
}

/* pselect6's sixth argument: {sigmask=[USR1], sigsetsize=8}. */
void tl_sigset_pack(struct trace_line *l, uint64_t addr)
{
	struct pselect6_sigmask pack;

	if (!addr || copy_from_user(&pack, addr, sizeof(pack))) {
		tl_ptr(l, addr);
		return;
	}
	tl_puts(l, "{sigmask=");
	tl_sigset(l, (uint64_t)pack.ss);
	tl_printf(l, ", sigsetsize=%lu}", pack.ss_len);
}

/*
 * After the result of poll, ppoll, select and pselect6, as strace: "
 * (Timeout)", or what is ready and the time left, if the call has a
 * timeout to write it to: " ([{fd=3, revents=POLLIN}], left {...})",
 * " (in [3], out [4], left {...})".
 */
void tl_ready(struct trace_line *l, const struct trace_call *tc,
		      const struct trace_desc *d, int64_t ret)
{
	static const char *const set_names[] = { "in", "out", "except" };
	const char *sep = "";
	uint64_t left;

	if (ret == 0) {
		tl_puts(l, " (Timeout)");
		return;
	}
	tl_puts(l, " (");
	if (d->ret == R_POLL) {
		tl_pollfds(l, tc->args[0], (unsigned int)tc->args[1], ret);
		sep = ", ";
		left = tc->nr == LINUX_NR_ppoll ? tc->args[2] : 0;
	} else {
		for (int k = 0; k < 3; k++) {
			char label[16];

			snprintf(label, sizeof(label), "%s%s [", sep,
				 set_names[k]);
			if (tc->args[1 + k] &&
			    put_fd_bits(l, tc->args[1 + k], (int)tc->args[0],
					label)) {
				tl_puts(l, "]");
				sep = ", ";
			}
		}
		left = tc->args[4];
	}
	if (left) {
		tl_printf(l, "%sleft ", sep);
		if (tc->nr == LINUX_NR_select)
			tl_timeval(l, left);
		else
			tl_timespec(l, left);
	}
	tl_puts(l, ")");
}

/* wait4's status word, as strace decodes it. */
void tl_wstatus(struct trace_line *l, uint64_t addr)
{
	const char *sig;
	int s;

	if (!addr || copy_from_user(&s, addr, sizeof(s))) {
		tl_ptr(l, addr);
		return;
	}
	sig = trace_signal_name((unsigned int)WTERMSIG(s));
	if (WIFEXITED(s))
		tl_printf(l, "[{WIFEXITED(s) && WEXITSTATUS(s) == %d}]",
			  WEXITSTATUS(s));
	else if (WIFSIGNALED(s) && sig)
		tl_printf(l, "[{WIFSIGNALED(s) && WTERMSIG(s) == %s}]", sig);
	else
		tl_printf(l, "[%#x]", s);
}

void tl_pipefd(struct trace_line *l, uint64_t addr)
{
	int fd[2];

	if (!addr || copy_from_user(fd, addr, sizeof(fd)))
		tl_ptr(l, addr);
	else
		tl_printf(l, "[%d, %d]", fd[0], fd[1]);
}

