// SPDX-License-Identifier: MIT
/*
 * What the system call trace knows about each call: Linux's names (from
 * include/uapi/linux_syscalls.h), a description of the calls that
 * programs built with musl, glibc and busybox make, and the names of
 * flag and enumerated values (include/kernel/trace_names.h).
 *
 * A description is one row: the call, how its result prints, and how
 * each argument prints, in Linux's order (man 2 <call>). A Linux call
 * without a row prints its name and six raw arguments in hex.
 */
#include <stddef.h>

#include <kernel/syscall.h>
#include <kernel/trace.h>
#include <kernel/trace_names.h>
#include <kernel/trace_table.h>
#include <uapi/errno.h>

/* LINUX_NR_read = 0, ...: <kernel/syscall.h> */
static const char *const linux_names[] = {
#define LINUX_SYSCALL(nr, name) [nr] = #name,
#include <uapi/linux_syscalls.h>
#undef LINUX_SYSCALL
};

#define NR_LINUX (sizeof(linux_names) / sizeof(linux_names[0]))

/**
 * linux_syscall_name - Linux's x86-64 name of system call @nr
 *
 * Returns "read" for 0, "rt_sigreturn" for 15, ... and NULL for a number
 * Linux does not have (335-423, and everything past the last).
 */
const char *linux_syscall_name(uint64_t nr)
{
	return nr < NR_LINUX ? linux_names[nr] : NULL;
}

/* One row: [0] the result (enum trace_ret), [1..6] the arguments. */
#define D(name, ...) [LINUX_NR_##name] = { __VA_ARGS__ }

static const uint8_t linux_descs[NR_LINUX][7] = {
	/* files */
	D(read, R_DEC, A_FD, A_BUF_OUT, A_ULONG),
	D(write, R_DEC, A_FD, A_BUF_IN, A_ULONG),
	D(open, R_DEC, A_STR, A_OPEN_FLAGS, A_OPEN_MODE),
	D(openat, R_DEC, A_DIRFD, A_STR, A_OPEN_FLAGS, A_OPEN_MODE),
	D(creat, R_DEC, A_STR, A_MODE),
	D(close, R_DEC, A_FD),
	D(stat, R_DEC, A_STR, A_PTR),
	D(lstat, R_DEC, A_STR, A_PTR),
	D(fstat, R_DEC, A_FD, A_PTR),
	D(newfstatat, R_DEC, A_DIRFD, A_STR, A_PTR, A_AT_FLAGS),
	D(statx, R_DEC, A_DIRFD, A_STR, A_AT_FLAGS, A_HEX, A_PTR),
	D(statfs, R_DEC, A_STR, A_PTR),
	D(fstatfs, R_DEC, A_FD, A_PTR),
	D(lseek, R_DEC, A_FD, A_LONG, A_WHENCE),
	D(pread64, R_DEC, A_FD, A_BUF_OUT, A_ULONG, A_LONG),
	D(pwrite64, R_DEC, A_FD, A_BUF_IN, A_ULONG, A_LONG),
	D(readv, R_DEC, A_FD, A_PTR, A_INT),
	D(writev, R_DEC, A_FD, A_PTR, A_INT),
	D(sendfile, R_DEC, A_FD, A_FD, A_PTR, A_ULONG),
	D(ioctl, R_DEC, A_FD, A_IOCTL_CMD, A_HEX),
	D(fcntl, R_DEC, A_FD, A_FCNTL_CMD, A_HEX),
	D(dup, R_DEC, A_FD),
	D(dup2, R_DEC, A_FD, A_FD),
	D(dup3, R_DEC, A_FD, A_FD, A_FD_FLAGS),
	D(pipe, R_DEC, A_PIPEFD),
	D(pipe2, R_DEC, A_PIPEFD, A_FD_FLAGS),
	D(poll, R_POLL, A_POLLFDS, A_ULONG, A_INT),
	D(ppoll, R_POLL, A_POLLFDS, A_ULONG, A_TIMESPEC, A_SIGSET, A_ULONG),
	D(select, R_SELECT, A_INT, A_FDSET, A_FDSET, A_FDSET, A_TIMEVAL),
	D(pselect6, R_SELECT, A_INT, A_FDSET, A_FDSET, A_FDSET, A_TIMESPEC,
	  A_SIGSET_PACK),
	D(access, R_DEC, A_STR, A_ACCESS_MODE),
	D(faccessat, R_DEC, A_DIRFD, A_STR, A_ACCESS_MODE),
	D(faccessat2, R_DEC, A_DIRFD, A_STR, A_ACCESS_MODE, A_AT_FLAGS),
	D(getdents64, R_DEC, A_FD, A_PTR, A_ULONG),
	D(getcwd, R_DEC, A_STR_OUT, A_ULONG),
	D(chdir, R_DEC, A_STR),
	D(fchdir, R_DEC, A_FD),
	D(rename, R_DEC, A_STR, A_STR),
	D(renameat, R_DEC, A_DIRFD, A_STR, A_DIRFD, A_STR),
	D(renameat2, R_DEC, A_DIRFD, A_STR, A_DIRFD, A_STR, A_HEX),
	D(mkdir, R_DEC, A_STR, A_MODE),
	D(mkdirat, R_DEC, A_DIRFD, A_STR, A_MODE),
	D(mknod, R_DEC, A_STR, A_MODE, A_HEX),
	D(mknodat, R_DEC, A_DIRFD, A_STR, A_MODE, A_HEX),
	D(rmdir, R_DEC, A_STR),
	D(unlink, R_DEC, A_STR),
	D(unlinkat, R_DEC, A_DIRFD, A_STR, A_AT_FLAGS),
	D(link, R_DEC, A_STR, A_STR),
	D(linkat, R_DEC, A_DIRFD, A_STR, A_DIRFD, A_STR, A_AT_FLAGS),
	D(symlink, R_DEC, A_STR, A_STR),
	D(symlinkat, R_DEC, A_STR, A_DIRFD, A_STR),
	D(readlink, R_DEC, A_STR, A_BUF_OUT, A_ULONG),
	D(readlinkat, R_DEC, A_DIRFD, A_STR, A_BUF_OUT, A_ULONG),
	D(chmod, R_DEC, A_STR, A_MODE),
	D(fchmod, R_DEC, A_FD, A_MODE),
	D(fchmodat, R_DEC, A_DIRFD, A_STR, A_MODE),
	D(chown, R_DEC, A_STR, A_INT, A_INT),
	D(fchown, R_DEC, A_FD, A_INT, A_INT),
	D(umask, R_OCT, A_MODE),
	D(fsync, R_DEC, A_FD),
	D(ftruncate, R_DEC, A_FD, A_LONG),
	D(sync, R_DEC),
	/* memory */
	D(brk, R_HEX, A_PTR),
	D(mmap, R_HEX, A_PTR, A_ULONG, A_MMAP_PROT, A_MMAP_FLAGS, A_FD, A_HEX),
	D(munmap, R_DEC, A_PTR, A_ULONG),
	D(mprotect, R_DEC, A_PTR, A_ULONG, A_MMAP_PROT),
	D(mremap, R_HEX, A_PTR, A_ULONG, A_ULONG, A_MREMAP_FLAGS, A_PTR),
	D(madvise, R_DEC, A_PTR, A_ULONG, A_MADVISE),
	D(msync, R_DEC, A_PTR, A_ULONG, A_HEX),
	/* processes */
	D(getpid, R_DEC),
	D(getppid, R_DEC),
	D(gettid, R_DEC),
	D(fork, R_DEC),
	D(vfork, R_DEC),
	D(clone, R_DEC, A_CLONE_FLAGS, A_PTR, A_PTR, A_PTR, A_HEX),
	D(clone3, R_DEC, A_PTR, A_ULONG),
	D(execve, R_DEC, A_STR, A_ARGV, A_PTR),
	D(execveat, R_DEC, A_DIRFD, A_STR, A_ARGV, A_PTR, A_AT_FLAGS),
	D(exit, R_NORETURN, A_INT),
	D(exit_group, R_NORETURN, A_INT),
	D(wait4, R_DEC, A_INT, A_WSTATUS, A_WAIT_OPTIONS, A_PTR),
	D(kill, R_DEC, A_INT, A_SIGNAL),
	D(tkill, R_DEC, A_INT, A_SIGNAL),
	D(tgkill, R_DEC, A_INT, A_INT, A_SIGNAL),
	D(uname, R_DEC, A_PTR),
	D(sysinfo, R_DEC, A_PTR),
	D(prctl, R_DEC, A_INT, A_HEX, A_HEX, A_HEX, A_HEX),
	D(arch_prctl, R_DEC, A_ARCH_PRCTL, A_HEX),
	D(getrlimit, R_DEC, A_RLIMIT, A_PTR),
	D(setrlimit, R_DEC, A_RLIMIT, A_PTR),
	D(prlimit64, R_DEC, A_INT, A_RLIMIT, A_PTR, A_PTR),
	D(getrusage, R_DEC, A_INT, A_PTR),
	D(getuid, R_DEC),
	D(geteuid, R_DEC),
	D(getgid, R_DEC),
	D(getegid, R_DEC),
	D(setuid, R_DEC, A_INT),
	D(setgid, R_DEC, A_INT),
	D(setpgid, R_DEC, A_INT, A_INT),
	D(getpgid, R_DEC, A_INT),
	D(getpgrp, R_DEC),
	D(getsid, R_DEC, A_INT),
	D(setsid, R_DEC),
	D(sched_yield, R_DEC),
	D(sched_getaffinity, R_DEC, A_INT, A_ULONG, A_PTR),
	D(sched_setaffinity, R_DEC, A_INT, A_ULONG, A_PTR),
	D(getrandom, R_DEC, A_BUF_OUT, A_ULONG, A_GRND_FLAGS),
	/* signals */
	D(rt_sigaction, R_DEC, A_SIGNAL, A_PTR, A_PTR, A_ULONG),
	D(rt_sigprocmask, R_DEC, A_SIGPROCMASK_HOW, A_PTR, A_PTR, A_ULONG),
	D(rt_sigreturn, R_DEC),
	D(rt_sigsuspend, R_DEC, A_PTR, A_ULONG),
	D(rt_sigpending, R_DEC, A_PTR, A_ULONG),
	D(sigaltstack, R_DEC, A_PTR, A_PTR),
	D(pause, R_DEC),
	D(alarm, R_DEC, A_ULONG),
	D(getitimer, R_DEC, A_INT, A_PTR),
	D(setitimer, R_DEC, A_INT, A_PTR, A_PTR),
	/* threads */
	D(set_tid_address, R_DEC, A_PTR),
	D(set_robust_list, R_DEC, A_PTR, A_ULONG),
	D(get_robust_list, R_DEC, A_INT, A_PTR, A_PTR),
	D(rseq, R_DEC, A_PTR, A_ULONG, A_INT, A_HEX),
	D(futex, R_DEC, A_PTR, A_FUTEX_OP, A_INT, A_TIMESPEC, A_PTR, A_INT),
	/* time */
	D(nanosleep, R_DEC, A_TIMESPEC, A_PTR),
	D(clock_gettime, R_DEC, A_CLOCKID, A_TIMESPEC_OUT),
	D(clock_getres, R_DEC, A_CLOCKID, A_TIMESPEC_OUT),
	D(clock_nanosleep, R_DEC, A_CLOCKID, A_TIMER_FLAGS, A_TIMESPEC, A_PTR),
	D(gettimeofday, R_DEC, A_PTR, A_PTR),
	D(time, R_DEC, A_PTR),
};

/* The kernel's own calls (include/uapi/syscall_list.h, from 1024). */
#define P(name, ...) [__NR_##name - __NR_PRIVATE_BASE] = { __VA_ARGS__ }

static const uint8_t private_descs[NR_SYSCALLS - __NR_PRIVATE_BASE][7] = {
	P(syscall_entries, R_HEX),
	P(kernel_rflags, R_HEX),
	P(bench_floor, R_DEC, A_INT),
	P(free_pages, R_DEC),
	P(tty_foreground, R_DEC, A_INT),
	P(programs, R_DEC, A_BUF_OUT, A_ULONG),
};

/**
 * trace_describe - what the trace knows about call @nr
 *
 * Linux's calls and the kernel's private ones have a name (d->name is
 * NULL for other numbers). A call without a row gets six arguments in
 * hex and a decimal result.
 */
void trace_describe(uint64_t nr, struct trace_desc *d)
{
	const uint8_t *row = NULL;

	d->name = NULL;
	if (nr < NR_LINUX) {
		d->name = linux_names[nr];
		row = linux_descs[nr];
	} else if (nr >= __NR_PRIVATE_BASE && nr < NR_SYSCALLS) {
		d->name = system_call_names[nr];
		row = private_descs[nr - __NR_PRIVATE_BASE];
	}
	if (!d->name || row[0] == R_UNDESCRIBED) {
		d->ret = R_DEC;
		for (unsigned int i = 0; i < 6; i++)
			d->args[i] = A_HEX;
		return;
	}
	d->ret = row[0];
	for (unsigned int i = 0; i < 6; i++)
		d->args[i] = row[i + 1];
}

/* ------------------------------------------------ named values */

struct trace_name {
	uint32_t value;
	const char *name;
};

#define NAME(name, value) { value, #name },
#define NAMES(list) list(NAME)
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct trace_name open_access[] = { NAMES(TRACE_OPEN_ACCESS) };
static const struct trace_name open_flags[] = { NAMES(TRACE_OPEN_FLAGS) };
static const struct trace_name fd_flags[] = { NAMES(TRACE_FD_FLAGS) };
static const struct trace_name at_flags[] = { NAMES(TRACE_AT_FLAGS) };
static const struct trace_name access_modes[] = { NAMES(TRACE_ACCESS_MODES) };
static const struct trace_name whence[] = { NAMES(TRACE_WHENCE) };
static const struct trace_name fcntl_cmds[] = { NAMES(TRACE_FCNTL_CMDS) };
static const struct trace_name ioctl_cmds[] = { NAMES(TRACE_IOCTL_CMDS) };
static const struct trace_name mmap_prot[] = { NAMES(TRACE_MMAP_PROT) };
static const struct trace_name mmap_types[] = { NAMES(TRACE_MMAP_TYPES) };
static const struct trace_name mmap_flags[] = { NAMES(TRACE_MMAP_FLAGS) };
static const struct trace_name mremap_flags[] = { NAMES(TRACE_MREMAP_FLAGS) };
static const struct trace_name madvise[] = { NAMES(TRACE_MADVISE) };
static const struct trace_name clone_flags[] = { NAMES(TRACE_CLONE_FLAGS) };
static const struct trace_name wait_options[] = { NAMES(TRACE_WAIT_OPTIONS) };
static const struct trace_name signals[] = { NAMES(TRACE_SIGNALS) };
static const struct trace_name sigprocmask_how[] = {
	NAMES(TRACE_SIGPROCMASK_HOW)
};
static const struct trace_name rlimits[] = { NAMES(TRACE_RLIMITS) };
static const struct trace_name arch_prctl[] = { NAMES(TRACE_ARCH_PRCTL) };
static const struct trace_name futex_cmds[] = { NAMES(TRACE_FUTEX_CMDS) };
static const struct trace_name clocks[] = { NAMES(TRACE_CLOCKS) };
static const struct trace_name timer_flags[] = { NAMES(TRACE_TIMER_FLAGS) };
static const struct trace_name grnd_flags[] = { NAMES(TRACE_GRND_FLAGS) };
static const struct trace_name poll_events[] = { NAMES(TRACE_POLL_EVENTS) };

/* How a named kind prints: one name, or names of bits joined by '|'. */
enum { ONE, BITS };

static const struct named_kind {
	const struct trace_name *names;
	uint8_t count, style;
	bool hex;         /* a value without a name: in hex, or decimal */
	const char *zero; /* for BITS: the name of no bits set */
} named_kinds[] = {
#define KIND(kind, list, style, zero, hex)                                     \
	[kind - A_FIRST_NAMED] = { list, COUNT(list), style, hex, zero }
	KIND(A_OPEN_FLAGS, open_flags, BITS, NULL, true),
	KIND(A_FD_FLAGS, fd_flags, BITS, "0", true),
	KIND(A_AT_FLAGS, at_flags, BITS, "0", true),
	KIND(A_ACCESS_MODE, access_modes, BITS, "F_OK", true),
	KIND(A_WHENCE, whence, ONE, NULL, false),
	KIND(A_FCNTL_CMD, fcntl_cmds, ONE, NULL, false),
	KIND(A_IOCTL_CMD, ioctl_cmds, ONE, NULL, true),
	KIND(A_MMAP_PROT, mmap_prot, BITS, "PROT_NONE", true),
	KIND(A_MMAP_FLAGS, mmap_flags, BITS, NULL, true),
	KIND(A_MREMAP_FLAGS, mremap_flags, BITS, "0", true),
	KIND(A_MADVISE, madvise, ONE, NULL, false),
	KIND(A_CLONE_FLAGS, clone_flags, BITS, NULL, true),
	KIND(A_WAIT_OPTIONS, wait_options, BITS, "0", true),
	KIND(A_SIGNAL, signals, ONE, NULL, false),
	KIND(A_SIGPROCMASK_HOW, sigprocmask_how, ONE, NULL, false),
	KIND(A_RLIMIT, rlimits, ONE, NULL, false),
	KIND(A_ARCH_PRCTL, arch_prctl, ONE, NULL, true),
	KIND(A_FUTEX_OP, futex_cmds, ONE, NULL, false),
	KIND(A_CLOCKID, clocks, ONE, NULL, false),
	KIND(A_TIMER_FLAGS, timer_flags, BITS, "0", true),
	KIND(A_GRND_FLAGS, grnd_flags, BITS, "0", true),
	KIND(A_POLL_EVENTS, poll_events, BITS, "0", true),
#undef KIND
};

_Static_assert(COUNT(named_kinds) == A_FIRST_OUT - A_FIRST_NAMED,
	       "every named kind has its names");

static const char *name_of(const struct trace_name *names, unsigned int n,
			   uint64_t v)
{
	for (unsigned int i = 0; i < n; i++)
		if (names[i].value == v)
			return names[i].name;
	return NULL;
}

/* The names of the bits of @v, joined by '|' after @sep; what no name
 * covers, in hex. Prints nothing for 0. */
static void put_bits(struct trace_line *l, const struct trace_name *names,
		     unsigned int n, uint64_t v, const char *sep)
{
	for (unsigned int i = 0; i < n && v; i++) {
		if (names[i].value && (v & names[i].value) == names[i].value) {
			tl_printf(l, "%s%s", sep, names[i].name);
			v &= ~(uint64_t)names[i].value;
			sep = "|";
		}
	}
	if (v)
		tl_printf(l, "%s%#lx", sep, v);
}

/* A value of a list of ONE: its name, else the number. */
static void put_one(struct trace_line *l, const struct named_kind *k,
		    uint64_t v)
{
	const char *name = name_of(k->names, k->count, v);

	if (name)
		tl_puts(l, name);
	else
		tl_printf(l, k->hex ? "%#lx" : "%lu", v);
}

/**
 * tl_named - print @v as the named kind @kind
 *
 * Most kinds are one list, of single values or of bits. Four are made
 * of two parts: the open access mode and the mmap type (low bits) before
 * the flags, clone's exit signal (low byte) after them, and the futex
 * command with _PRIVATE and |FUTEX_CLOCK_REALTIME as strace writes them.
 */
void tl_named(struct trace_line *l, enum trace_arg kind, uint64_t v)
{
	const struct named_kind *k = &named_kinds[kind - A_FIRST_NAMED];
	const char *name;

	switch (kind) {
	case A_OPEN_FLAGS:
		name = name_of(open_access, COUNT(open_access), v & 3);
		if (name)
			tl_puts(l, name);
		else
			tl_printf(l, "%#lo", v & 3);
		put_bits(l, open_flags, COUNT(open_flags), v & ~3ul, "|");
		return;
	case A_MMAP_FLAGS:
		name = name_of(mmap_types, COUNT(mmap_types), v & 0xf);
		if (name)
			tl_puts(l, name);
		else
			tl_printf(l, "%#lx", v & 0xf);
		put_bits(l, mmap_flags, COUNT(mmap_flags), v & ~0xful, "|");
		return;
	case A_CLONE_FLAGS:
		put_bits(l, clone_flags, COUNT(clone_flags), v & ~0xfful, "");
		if (v & 0xff) {
			name = trace_signal_name(v & 0xff);
			tl_printf(l, "%s", v & ~0xfful ? "|" : "");
			if (name)
				tl_puts(l, name);
			else
				tl_printf(l, "%lu", v & 0xff);
		} else if (!v) {
			tl_puts(l, "0");
		}
		return;
	case A_FUTEX_OP:
		name = name_of(futex_cmds, COUNT(futex_cmds),
			       v & ~(uint64_t)(TRACE_FUTEX_PRIVATE_FLAG |
					       TRACE_FUTEX_CLOCK_REALTIME));
		if (!name) {
			tl_printf(l, "%#lx", v);
			return;
		}
		tl_puts(l, name);
		if (v & TRACE_FUTEX_PRIVATE_FLAG)
			tl_puts(l, "_PRIVATE");
		if (v & TRACE_FUTEX_CLOCK_REALTIME)
			tl_puts(l, "|FUTEX_CLOCK_REALTIME");
		return;
	default:
		break;
	}
	if (k->style == ONE)
		put_one(l, k, v);
	else if (!v)
		tl_puts(l, k->zero);
	else
		put_bits(l, k->names, k->count, v, "");
}

const char *trace_signal_name(uint64_t sig)
{
	return name_of(signals, COUNT(signals), sig);
}

static const char *const errno_names[] = {
#define ERRNO_NAME(name, value) [value] = #name,
	ERRNO_LIST(ERRNO_NAME)
#undef ERRNO_NAME
};

const char *trace_errno_name(uint64_t e)
{
	return e < COUNT(errno_names) ? errno_names[e] : NULL;
}
