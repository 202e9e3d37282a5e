// SPDX-License-Identifier: MIT
/*
 * The system call trace: one line per crossing, in strace's format, with
 * the entry the call came through.
 *
 *   [pid 1 sysenter] rt_sigreturn() = -38 ENOSYS
 *   [pid 1 int80] write(1, "demo: system call 15 returned -3"..., 58) = 58
 *   [pid 1 syscall] exit(0) = ?
 *   [pid 1] +++ exited with 0 +++
 *
 * How a call prints comes from its description (kernel/trace_table.c).
 * trace_syscall_enter formats the arguments the call reads, while they
 * are there to read (execve replaces the whole address space), into the
 * process's struct trace_call. trace_syscall_exit adds what the call
 * wrote (read's buffer, wait4's status), the result, and prints the whole
 * line, so a program's own output never lands in the middle of one.
 *
 * User memory is read only with copy_from_user: an argument that cannot
 * be read prints as its address, as strace does.
 */
#include <stdarg.h>

#include <kernel/cmdline.h>
#include <kernel/console.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/trace.h>
#include <kernel/trace_names.h>
#include <kernel/trace_table.h>
#include <kernel/uaccess.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/poll.h>
#include <uapi/wait.h>

#define TRACE_COLOUR INDIGO

bool syscall_trace_on;
/* trace=syscalls:NAME: only processes running NAME; empty for all. */
static char trace_only[sizeof(((struct process *)0)->name)];

/**
 * trace_set - switch the trace as trace=@value would
 * @value: "syscalls" (every process), "syscalls:NAME" (processes running
 *         the program NAME), or NULL for off
 *
 * Returns false, and changes nothing, for a value it does not know.
 */
/* Each process's calls go through the table the switch says. */
static void trace_switch(bool on)
{
	struct process *p;

	syscall_trace_on = on;
	for_each_process(p)
		p->syscall_table = syscall_table_for(p);
}

bool trace_set(const char *value)
{
	static const char prefix[] = "syscalls:";

	if (!value) {
		trace_switch(false);
		return true;
	}
	if (!strcmp(value, "syscalls"))
		trace_only[0] = '\0';
	else if (!strncmp(value, prefix, sizeof(prefix) - 1) &&
		 value[sizeof(prefix) - 1])
		strlcpy(trace_only, value + sizeof(prefix) - 1,
			sizeof(trace_only));
	else
		return false;
	trace_switch(true);
	return true;
}

/** trace_init - switch the trace on if the command line says trace=... */
void trace_init(const char *cmdline)
{
	char value[64];

	if (!cmdline_get(cmdline, "trace", value, sizeof(value)))
		return;
	if (trace_set(value))
		printk("trace: system calls of %s\n",
		       trace_only[0] ? trace_only : "every process");
	else
		color_printk(RED, BLACK,
			     "trace: unknown trace=%s (trace=syscalls or "
			     "trace=syscalls:NAME)\n", value);
}

static bool traced(const struct process *p)
{
	return p && (!trace_only[0] || !strcmp(p->name, trace_only));
}

/* ------------------------------------------------------ the line */

void tl_printf(struct trace_line *l, const char *fmt, ...)
{
	size_t room = l->size - l->len;
	va_list ap;
	int n;

	if (l->cut)
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->len, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room) {
		l->len = l->size - 1;
		l->cut = true;
	} else {
		l->len += (size_t)n;
	}
}

void tl_puts(struct trace_line *l, const char *s)
{
	tl_printf(l, "%s", s);
}

/* The letter of C's escape for @c (\n: 'n'), or 0. */
static char escape_letter(unsigned char c)
{
	switch (c) {
	case '\t':
		return 't';
	case '\n':
		return 'n';
	case '\v':
		return 'v';
	case '\f':
		return 'f';
	case '\r':
		return 'r';
	case '"':
	case '\\':
		return (char)c;
	default:
		return 0;
	}
}

/**
 * tl_quote - @n bytes at @s as strace shows a string
 *
 * In double quotes, with C's escapes for \t \n \v \f \r \" and \\, and
 * other bytes outside ' '..'~' in octal, as short as the next byte
 * allows ("\0" but "\0001"). At most TRACE_STRING_MAX bytes; "..." after
 * the closing quote says there was more.
 */
void tl_quote(struct trace_line *l, const char *s, size_t n, bool more)
{
	char out[4 * TRACE_STRING_MAX + 8];
	size_t o = 0;

	if (n > TRACE_STRING_MAX) {
		n = TRACE_STRING_MAX;
		more = true;
	}
	out[o++] = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool digit_next =
			i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7';

		if (escape_letter(c)) {
			out[o++] = '\\';
			out[o++] = escape_letter(c);
		} else if (c >= ' ' && c <= '~') {
			out[o++] = (char)c;
		} else {
			out[o++] = '\\';
			if (c >= 0100 || digit_next)
				out[o++] = (char)('0' + (c >> 6));
			if (c >= 010 || digit_next)
				out[o++] = (char)('0' + ((c >> 3) & 7));
			out[o++] = (char)('0' + (c & 7));
		}
	}
	out[o++] = '"';
	if (more) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
	tl_puts(l, out);
}

/* ------------------------------------------------------ one call */

static bool is_error(int64_t ret)
{
	return ret < 0 && ret >= -MAX_ERRNO;
}

/*
 * Argument @i of @tc, of kind @kind. For an output, @done says whether
 * the call returned, and @ret is then its result: what it stored prints
 * only after a success, its address otherwise.
 */
static void put_arg(struct trace_line *l, const struct trace_call *tc,
		    unsigned int i, uint8_t kind, bool done, int64_t ret)
{
	uint64_t v = tc->args[i];
	bool ok = done && !is_error(ret);

	switch (kind) {
	case A_INT:
	case A_FD:
		tl_printf(l, "%d", (int)v);
		break;
	case A_LONG:
		tl_printf(l, "%ld", (long)v);
		break;
	case A_ULONG:
		tl_printf(l, "%lu", v);
		break;
	case A_HEX:
		tl_printf(l, "%#lx", v);
		break;
	case A_PTR:
		tl_ptr(l, v);
		break;
	case A_DIRFD:
		if ((int)v == TRACE_AT_FDCWD)
			tl_puts(l, "AT_FDCWD");
		else
			tl_printf(l, "%d", (int)v);
		break;
	case A_MODE:
	case A_OPEN_MODE:
		tl_printf(l, "%#lo", v);
		break;
	case A_STR:
		tl_str(l, v);
		break;
	case A_ARGV:
		tl_argv(l, v);
		break;
	case A_BUF_IN:
		tl_buf(l, v, i < 5 ? tc->args[i + 1] : 0);
		break;
	case A_TIMESPEC:
		tl_timespec(l, v);
		break;
	case A_TIMEVAL:
		tl_timeval(l, v);
		break;
	case A_POLLFDS:
		tl_pollfds(l, v, i < 5 ? (unsigned int)tc->args[i + 1] : 0, 0);
		break;
	case A_FDSET:
		tl_fdset(l, v, (int)tc->args[0]);
		break;
	case A_SIGSET:
		tl_sigset(l, v);
		break;
	case A_SIGSET_PACK:
		tl_sigset_pack(l, v);
		break;
	case A_BUF_OUT:
		ok ? tl_buf(l, v, (uint64_t)ret) : tl_ptr(l, v);
		break;
	case A_STR_OUT:
		ok ? tl_str(l, v) : tl_ptr(l, v);
		break;
	case A_PIPEFD:
		ok ? tl_pipefd(l, v) : tl_ptr(l, v);
		break;
	case A_WSTATUS:
		done && ret > 0 ? tl_wstatus(l, v) : tl_ptr(l, v);
		break;
	case A_TIMESPEC_OUT:
		ok ? tl_timespec(l, v) : tl_ptr(l, v);
		break;
	default:
		tl_named(l, kind, v);
		break;
	}
}

/* Arguments from @from on, up to the first output unless @outputs;
 * returns the index of the first one not printed. */
static unsigned int put_args(struct trace_line *l, const struct trace_call *tc,
			     const struct trace_desc *d, unsigned int from,
			     bool outputs, bool done, int64_t ret)
{
	unsigned int i;

	for (i = from; i < 6 && d->args[i] != A_END; i++) {
		if (!outputs && d->args[i] >= A_FIRST_OUT)
			break;
		/* As strace: open's mode only when open uses it. */
		if (d->args[i] == A_OPEN_MODE && i &&
		    !(tc->args[i - 1] & TRACE_OPEN_MODE_FLAGS))
			continue;
		tl_puts(l, i ? ", " : "");
		put_arg(l, tc, i, d->args[i], done, ret);
	}
	return i;
}

static const char *entry_name(unsigned int entry)
{
	switch (entry) {
	case ENTRY_SYSCALL:
		return "syscall";
	case ENTRY_SYSENTER:
		return "sysenter";
	case ENTRY_INT80:
		return "int80";
	default:
		return "?";
	}
}

/*
 * The rest of @tc's line: the outputs and the result ("?" if the call
 * did not return); then print the line, on a line of its own even after
 * program output that did not end one. The rest is built apart, so that
 * arguments too long for the text still leave the result visible.
 */
static void finish(struct trace_call *tc, bool done, int64_t ret)
{
	char rest[8 * TRACE_STRING_MAX];
	struct trace_line l = { rest, 0, sizeof(rest), false };
	struct trace_desc d;

	trace_describe(tc->nr, &d);
	put_args(&l, tc, &d, tc->next_arg, true, done, ret);
	tl_puts(&l, ") = ");
	if (!done)
		tl_puts(&l, "?");
	else if (is_error(ret) && trace_errno_name((uint64_t)-ret))
		tl_printf(&l, "%ld %s", ret, trace_errno_name((uint64_t)-ret));
	else if (d.ret == R_HEX)
		tl_printf(&l, "%#lx", ret);
	else if (d.ret == R_OCT)
		tl_printf(&l, "%#lo", ret);
	else
		tl_printf(&l, "%ld", ret);
	if (done && !is_error(ret) && (d.ret == R_POLL || d.ret == R_SELECT))
		tl_ready(&l, tc, &d, ret);
	color_printk(TRACE_COLOUR, BLACK, "%s[pid %d %s] %s%s%s\n",
		     console_at_line_start() ? "" : "\n", current->pid,
		     entry_name(tc->entry), tc->text, tc->cut ? "..." : "",
		     rest);
	tc->pending = false;
}

/**
 * trace_syscall_enter - a traced process enters a system call
 * @regs: its frame, with the number in RAX and the arguments in place
 *
 * Formats the name and the arguments the call reads. exit and
 * exit_group print their line now, with "= ?": they never come back.
 */
void trace_syscall_enter(const struct pt_regs *regs)
{
	struct trace_call *tc;
	struct trace_line l;
	struct trace_desc d;

	if (!traced(current))
		return;
	tc = &current->trace;
	tc->nr = regs->rax;
	tc->args[0] = regs->rdi;
	tc->args[1] = regs->rsi;
	tc->args[2] = regs->rdx;
	tc->args[3] = regs->r10;
	tc->args[4] = regs->r8;
	tc->args[5] = regs->r9;
	tc->entry = (uint16_t)regs->vector;

	l = (struct trace_line){ tc->text, 0, sizeof(tc->text), false };
	trace_describe(tc->nr, &d);
	if (d.name)
		tl_printf(&l, "%s(", d.name);
	else
		tl_printf(&l, "syscall_%#lx(", tc->nr);
	tc->next_arg = (uint8_t)put_args(&l, tc, &d, 0, false, false, 0);
	tc->len = (uint16_t)l.len;
	tc->cut = l.cut;
	tc->pending = true;
	if (d.ret == R_NORETURN)
		finish(tc, false, 0);
}

/** trace_syscall_exit - the call returns: regs->rax is its result */
void trace_syscall_exit(const struct pt_regs *regs)
{
	if (current && current->trace.pending)
		finish(&current->trace, true, (int64_t)regs->rax);
}

/**
 * trace_process_exit - the current process ends (from proc_exit)
 *
 * A call it was in never returns: its line prints now, with "= ?".
 * Then strace's last line for a process: "+++ exited with 0 +++", or
 * "+++ killed by SIGSEGV +++" ("+++ killed by SIGSEGV (core dumped) +++").
 */
void trace_process_exit(int wait_status)
{
	const char *sig;

	if (!current)
		return;
	if (current->trace.pending)
		finish(&current->trace, false, 0);
	if (!traced(current))
		return;
	sig = trace_signal_name((unsigned int)WTERMSIG(wait_status));
	if (WIFEXITED(wait_status))
		color_printk(TRACE_COLOUR, BLACK,
			     "[pid %d] +++ exited with %d +++\n", current->pid,
			     WEXITSTATUS(wait_status));
	else
		color_printk(TRACE_COLOUR, BLACK,
			     "[pid %d] +++ killed by %s%s +++\n", current->pid,
			     sig ? sig : "?",
			     WCOREDUMP(wait_status) ? " (core dumped)" : "");
}

/**
 * trace_signal - a signal is being delivered to the current process, as
 * strace shows it:
 * "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x1234} ---"
 * (si_pid for signals that a process sent).
 */
void trace_signal(const struct kernel_siginfo *info)
{
	const char *sig = trace_signal_name((unsigned int)info->si_signo);
	char code[16];
	const char *c;

	if (!current || !traced(current))
		return;
	switch (info->si_code) {
	case SI_USER:
		c = "SI_USER";
		break;
	case SI_KERNEL:
		c = "SI_KERNEL";
		break;
	case SI_TKILL:
		c = "SI_TKILL";
		break;
	default:
		if (info->si_signo == SIGSEGV && info->si_code == SEGV_MAPERR)
			c = "SEGV_MAPERR";
		else if (info->si_signo == SIGSEGV &&
			 info->si_code == SEGV_ACCERR)
			c = "SEGV_ACCERR";
		else {
			snprintf(code, sizeof(code), "%d", info->si_code);
			c = code;
		}
	}
	if (info->si_code == SI_USER || info->si_code == SI_TKILL)
		color_printk(TRACE_COLOUR, BLACK,
			     "[pid %d] --- %s {si_signo=%s, si_code=%s, "
			     "si_pid=%d, si_uid=0} ---\n",
			     current->pid, sig ? sig : "?", sig ? sig : "?", c,
			     info->kill.pid);
	else
		color_printk(TRACE_COLOUR, BLACK,
			     "[pid %d] --- %s {si_signo=%s, si_code=%s, "
			     "si_addr=%#lx} ---\n",
			     current->pid, sig ? sig : "?", sig ? sig : "?", c,
			     info->fault.addr);
}
