/* SPDX-License-Identifier: MIT */
/*
 * Inside the system call trace: how a call is described
 * (kernel/trace_table.c) and the line it is printed into
 * (kernel/trace.c). <kernel/trace.h> is the trace's outside.
 */
#ifndef KERNEL_TRACE_TABLE_H
#define KERNEL_TRACE_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How a result prints. 0: the call is not described. */
enum trace_ret {
	R_UNDESCRIBED,
	R_DEC,      /* decimal */
	R_HEX,      /* an address: mmap, brk */
	R_OCT,      /* a mode: umask */
	R_NORETURN, /* exit, exit_group: "= ?", printed at entry */
	R_POLL,     /* decimal, then "(Timeout)" or the revents (poll, ppoll) */
	R_SELECT,   /* decimal, then "(Timeout)" or the sets (select, pselect6) */
};

/* How an argument prints. */
enum trace_arg {
	A_END,     /* no more arguments */
	A_INT,     /* an int: the low 32 bits, signed */
	A_LONG,    /* signed decimal */
	A_ULONG,   /* unsigned decimal: sizes and counts */
	A_HEX,     /* 0x... */
	A_PTR,     /* an address: NULL or 0x... */
	A_FD,      /* a file descriptor */
	A_DIRFD,   /* AT_FDCWD or a file descriptor */
	A_MODE,    /* permission bits, in octal */
	A_OPEN_MODE, /* open's mode: shown only with O_CREAT or O_TMPFILE */
	A_STR,     /* a NUL-terminated string in user memory */
	A_ARGV,    /* a NULL-terminated array of strings */
	A_BUF_IN,  /* bytes the call reads; the next argument counts them */
	A_TIMESPEC, /* a struct timespec the call reads */
	A_TIMEVAL,  /* a struct timeval the call reads */
	A_POLLFDS,  /* poll's array; the next argument counts it */
	A_FDSET,    /* select's set of argument 0's count of fds: [3 4] */
	A_SIGSET,   /* a sigset_t: [USR1 ALRM] */
	A_SIGSET_PACK, /* pselect6's {sigmask=[...], sigsetsize=8} */
	/* Named values, from the lists of <kernel/trace_names.h>. */
	A_FIRST_NAMED,
	A_OPEN_FLAGS = A_FIRST_NAMED,
	A_FD_FLAGS,
	A_AT_FLAGS,
	A_ACCESS_MODE,
	A_WHENCE,
	A_FCNTL_CMD,
	A_IOCTL_CMD,
	A_MMAP_PROT,
	A_MMAP_FLAGS,
	A_MREMAP_FLAGS,
	A_MADVISE,
	A_CLONE_FLAGS,
	A_WAIT_OPTIONS,
	A_SIGNAL,
	A_SIGPROCMASK_HOW,
	A_RLIMIT,
	A_ARCH_PRCTL,
	A_FUTEX_OP,
	A_CLOCKID,
	A_TIMER_FLAGS,
	A_GRND_FLAGS,
	A_POLL_EVENTS,
	/* Outputs: known only once the call has returned. */
	A_FIRST_OUT,
	A_BUF_OUT = A_FIRST_OUT, /* bytes, as many as the call returned */
	A_STR_OUT,      /* a string the call stored (getcwd) */
	A_PIPEFD,       /* the two descriptors pipe stored */
	A_WSTATUS,      /* the status word wait4 stored */
	A_TIMESPEC_OUT, /* a struct timespec the call stored */
};

/* One call: its name, how its result and its arguments print. */
struct trace_desc {
	const char *name;     /* NULL: a number Linux does not have */
	uint8_t ret;          /* enum trace_ret */
	uint8_t args[6];      /* enum trace_arg, A_END after the last */
};

/* Describe call @nr (Linux's, or one of the kernel's private ones). */
void trace_describe(uint64_t nr, struct trace_desc *d);

/* A line being built; it never overflows, and says if it was cut. */
struct trace_line {
	char *buf;
	size_t len, size;
	bool cut;
};

void tl_puts(struct trace_line *l, const char *s);
__attribute__((format(printf, 2, 3))) void
tl_printf(struct trace_line *l, const char *fmt, ...);

/* Bytes as strace quotes them: "a\tb\n", cut after TRACE_STRING_MAX
 * with "..." after the quote when @more. */
#define TRACE_STRING_MAX 32
void tl_quote(struct trace_line *l, const char *s, size_t n, bool more);
/* A named value (@kind from A_FIRST_NAMED on): "O_WRONLY|O_CREAT". */
void tl_named(struct trace_line *l, enum trace_arg kind, uint64_t v);
/* Arguments in user memory, as strace shows them (kernel/trace_args.c):
 * each read with copy_from_user, its address if it cannot be. */
struct trace_call;
struct trace_desc;
void tl_ptr(struct trace_line *l, uint64_t addr);
void tl_str(struct trace_line *l, uint64_t addr);
void tl_buf(struct trace_line *l, uint64_t addr, uint64_t count);
void tl_argv(struct trace_line *l, uint64_t addr);
void tl_timespec(struct trace_line *l, uint64_t addr);
void tl_timeval(struct trace_line *l, uint64_t addr);
void tl_pollfds(struct trace_line *l, uint64_t addr, uint64_t n, int64_t revents);
void tl_fdset(struct trace_line *l, uint64_t addr, int nfds);
void tl_sigset(struct trace_line *l, uint64_t addr);
void tl_sigset_pack(struct trace_line *l, uint64_t addr);
void tl_ready(struct trace_line *l, const struct trace_call *tc, const struct trace_desc *d, int64_t ret);
void tl_wstatus(struct trace_line *l, uint64_t addr);
void tl_pipefd(struct trace_line *l, uint64_t addr);

/* "EPERM" ... for 1..133, or NULL. */
const char *trace_errno_name(uint64_t e);
/* "SIGHUP" ... for 1..31, or NULL. */
const char *trace_signal_name(uint64_t sig);

#endif
