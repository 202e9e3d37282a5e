// SPDX-License-Identifier: MIT
/*
 * /proc/PID and /proc/PID/task/TID: what one process (or thread) is, in
 * Linux's formats (fs/proc/array.c, base.c, fd.c):
 *
 *   stat     one line: pid (comm) state ppid pgrp session tty_nr tpgid
 *            flags ... utime stime ... starttime vsize rss ... (52 fields)
 *   status   the same and more, a "Name:\tvalue" line each
 *   statm    memory in pages: size resident shared text lib data dt
 *   maps     the memory regions, a line each (kernel/fs/proc_maps.c)
 *   limits   the rlimits: Limit, Soft Limit, Hard Limit, Units
 *   cmdline  the argument strings, NUL after each, read from the
 *            process's own memory (what it has left there)
 *   environ  the environment strings, the same way
 *   comm     its name (writable by its own threads, as prctl's)
 *   exe      a link to the program file, by the name execve found it
 *   cwd      a link to the working directory; root, to "/"
 *   fd/N     a link per descriptor: a path, "pipe:[N]", "/dev/console"
 *   mounts   what is mounted where
 *   task/    a directory per thread, with the same files
 *
 * The links of exe, cwd, root and fd/N lead to the file itself when
 * followed (Linux's "magic" links), so that /proc/self/exe runs the
 * program even if its name has changed since. A pipe's fd link does not
 * lead anywhere yet (opening it is ENOENT; Linux opens the pipe again).
 *
 * A process's memory is read through its own page tables (vm_read), a
 * page at a time, and only the pages that are there: nothing is brought
 * in for a reader, and a process that unmapped its stack shows less.
 * Times are in clock ticks (100 a second); CPU time is all user time.
 */
#include <kernel/file.h>
#include <kernel/pmm.h>
#include <kernel/proc.h>
#include <kernel/procfs.h>
#include <kernel/time.h>
#include <kernel/tty.h>
#include <kernel/vfs.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/resource.h>

#define NS_PER_USER_TICK (1000000000ull / TIMER_HZ)
#define TASK_COMM_LEN 16 /* Linux's: 15 bytes of name and a NUL */
#define PF_EXITING 0x4       /* Linux's task flags that mean something here */
#define PF_FORKNOEXEC 0x40

/* --- what a process is ---------------------------------------------------- */

/* The name as Linux's comm: its first 15 bytes. */
static void comm_of(const struct process *p, char buf[TASK_COMM_LEN])
{
	strlcpy(buf, p->name, TASK_COMM_LEN);
}

/* Linux's state letter. A stopped process's threads sleep. */
static const char *state_of(const struct process *p)
{
	if (p->state == PROC_ZOMBIE)
		return "Z (zombie)";
	if (p->leader->stopped)
		return "T (stopped)";
	if (p->state == PROC_SLEEPING)
		return "S (sleeping)";
	return "R (running)";
}

/* CPU time of one thread until now, in nanoseconds. */
static uint64_t thread_cpu_ns(const struct process *p)
{
	uint64_t ns = p->cpu_ns;

	if (p->state == PROC_RUNNING) /* the slice in progress */
		ns += clock_monotonic_ns() - p->run_since;
	return ns;
}

/* With @whole, every live thread of @p's process; else @p alone. */
static uint64_t cpu_ns(const struct process *p, bool whole)
{
	struct process *q;
	uint64_t ns = 0;

	if (!whole)
		return thread_cpu_ns(p);
	for_each_thread(p->leader, q)
		if (q->state != PROC_UNUSED)
			ns += thread_cpu_ns(q);
	return ns;
}

/* What the regions of @as add up to, in bytes. */
struct mem_sizes {
	uint64_t total, exec, data, stack;
	uint64_t start_code, end_code, start_data, end_data;
};

static void mem_sizes(const struct address_space *as, struct mem_sizes *m)
{
	memset(m, 0, sizeof(*m));
	if (!as)
		return;
	for (const struct vm_area *a = as->areas; a; a = a->next) {
		uint64_t size = a->end - a->start;

		m->total += size;
		if (a->kind == VMA_STACK) {
			m->stack += size;
		} else if (a->kind == VMA_ELF && (a->prot & PROT_EXEC)) {
			m->exec += size;
			if (!m->start_code)
				m->start_code = a->start;
			m->end_code = a->end;
		} else if ((a->prot & PROT_WRITE) && !a->shm) {
			m->data += size; /* Linux's VmData: private, writable */
			if (a->kind == VMA_ELF) {
				if (!m->start_data)
					m->start_data = a->start;
				m->end_data = a->end;
			}
		}
	}
}

/* The handlers @p's process ignores and catches. */
static void sig_dispositions(const struct process *p, uint64_t *ign,
			     uint64_t *caught)
{
	*ign = *caught = 0;
	if (!p->sighand)
		return;
	for (int sig = 1; sig <= NSIG; sig++) {
		uint64_t h = p->sighand->action[sig - 1].handler;

		if (h == SIG_IGN)
			*ign |= SIG_BIT(sig);
		else if (h != SIG_DFL)
			*caught |= SIG_BIT(sig);
	}
}

static int ppid_of(const struct process *p)
{
	const struct process *parent = p->leader->parent;

	return parent ? parent->pid : 0;
}

/* --- stat, statm, status ---------------------------------------------------- */

static void show_stat(struct proc_text *t, struct process *p, bool whole)
{
	const struct process *l = p->leader;
	const struct address_space *as = p->state == PROC_ZOMBIE ? NULL : p->as;
	struct mem_sizes m;
	uint64_t ign, caught;
	char comm[TASK_COMM_LEN];
	int tty_nr = 0, tpgid = -1;
	unsigned int flags = 0;
	bool sleeping = p->state != PROC_RUNNING && p->state != PROC_RUNNABLE;

	comm_of(p, comm);
	mem_sizes(as, &m);
	sig_dispositions(p, &ign, &caught);
	if (tty_is_controlling(l)) {
		tty_nr = 5 << 8 | 1; /* 5:1, /dev/console, as new_encode_dev */
		tpgid = tty_foreground_of(l);
	}
	if (!l->did_exec)
		flags |= PF_FORKNOEXEC;
	if (p->state == PROC_ZOMBIE)
		flags |= PF_EXITING;
	/* pid (comm) state ppid pgrp session tty_nr tpgid flags minflt
	 * cminflt majflt cmajflt utime stime cutime cstime priority nice
	 * num_threads itrealvalue starttime vsize rss rsslim */
	proc_printf(t, "%d (%s) %c %d %d %d %d %d %u 0 0 0 0 %llu 0 0 0 20 0 %d 0 %llu %llu %llu %llu",
		    p->pid, comm, state_of(p)[0], ppid_of(p), l->pgid, l->sid,
		    tty_nr, tpgid, flags,
		    (unsigned long long)(cpu_ns(p, whole) / NS_PER_USER_TICK),
		    l->threads,
		    (unsigned long long)(p->start_ns / NS_PER_USER_TICK),
		    (unsigned long long)m.total,
		    (unsigned long long)(as ? as->pages : 0),
		    (unsigned long long)l->rlimits[RLIMIT_RSS].rlim_cur);
	/* startcode endcode startstack kstkesp kstkeip signal blocked
	 * sigignore sigcatch wchan nswap cnswap exit_signal processor
	 * rt_priority policy delayacct_blkio_ticks guest_time cguest_time */
	proc_printf(t, " %llu %llu %llu 0 0 %llu %llu %llu %llu %d 0 0 %d 0 0 0 0 0 0",
		    (unsigned long long)m.start_code,
		    (unsigned long long)m.end_code,
		    (unsigned long long)(as ? as->start_stack : 0),
		    (unsigned long long)(p->pending.set & 0x7fffffff),
		    (unsigned long long)(p->sigmask & 0x7fffffff),
		    (unsigned long long)(ign & 0x7fffffff),
		    (unsigned long long)(caught & 0x7fffffff),
		    /* Linux now says only whether it waits */
		    sleeping && (!whole || l->threads < 2),
		    p == l ? (int)p->exit_signal : -1);
	/* start_data end_data start_brk arg_start arg_end env_start
	 * env_end exit_code */
	proc_printf(t, " %llu %llu %llu %llu %llu %llu %llu %d\n",
		    (unsigned long long)m.start_data,
		    (unsigned long long)m.end_data,
		    (unsigned long long)(as ? as->brk_start : 0),
		    (unsigned long long)(as ? as->arg_start : 0),
		    (unsigned long long)(as ? as->arg_end : 0),
		    (unsigned long long)(as ? as->env_start : 0),
		    (unsigned long long)(as ? as->env_end : 0),
		    p->state == PROC_ZOMBIE ? l->wait_status : 0);
}

static void show_statm(struct proc_text *t, struct process *p, bool whole)
{
	const struct address_space *as = p->state == PROC_ZOMBIE ? NULL : p->as;
	struct mem_sizes m;

	(void)whole;
	mem_sizes(as, &m);
	/* size resident shared text lib data dt, in pages */
	proc_printf(t, "%llu %llu 0 %llu 0 %llu 0\n",
		    (unsigned long long)(m.total / PAGE_SIZE),
		    (unsigned long long)(as ? as->pages : 0),
		    (unsigned long long)(m.exec / PAGE_SIZE),
		    (unsigned long long)((m.data + m.stack) / PAGE_SIZE));
}

/* "Name:\tcomm", with a backslash and a newline escaped, as Linux's. */
static void status_name(struct proc_text *t, const struct process *p)
{
	char comm[TASK_COMM_LEN];

	comm_of(p, comm);
	proc_printf(t, "Name:\t");
	for (const char *c = comm; *c; c++)
		proc_printf(t, "%s", *c == '\\'	 ? "\\\\"
				     : *c == '\n' ? "\\n"
						  : (char[2]){ *c, '\0' });
	proc_printf(t, "\n");
}

static void status_kb(struct proc_text *t, const char *name, uint64_t bytes)
{
	proc_printf(t, "%s:\t%8llu kB\n", name, (unsigned long long)(bytes / 1024));
}

static void show_status(struct proc_text *t, struct process *p, bool whole)
{
	const struct process *l = p->leader;
	const struct address_space *as = p->state == PROC_ZOMBIE ? NULL : p->as;
	struct mem_sizes m;
	uint64_t ign, caught;

	(void)whole;
	status_name(t, p);
	proc_printf(t, "Umask:\t%04o\nState:\t%s\nTgid:\t%d\nNgid:\t0\n"
		       "Pid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
		    l->umask, state_of(p), p->tgid, p->pid, ppid_of(p));
	/* Groups: none, and the space Linux leaves after them */
	proc_printf(t, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%u\n"
		       "Groups:\t \n",
		    p->files ? p->files->nchunks * FD_CHUNK : 0);
	proc_printf(t, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
		    p->tgid, p->pid, l->pgid, l->sid);
	if (as) {
		mem_sizes(as, &m);
		status_kb(t, "VmSize", m.total);
		status_kb(t, "VmLck", 0);
		status_kb(t, "VmPin", 0);
		status_kb(t, "VmRSS", as->pages * PAGE_SIZE);
		status_kb(t, "RssAnon", as->pages * PAGE_SIZE);
		status_kb(t, "RssFile", 0);
		status_kb(t, "RssShmem", 0);
		status_kb(t, "VmData", m.data);
		status_kb(t, "VmStk", m.stack);
		status_kb(t, "VmExe", m.exec);
		status_kb(t, "VmLib", 0);
		status_kb(t, "VmSwap", 0);
	}
	sig_dispositions(p, &ign, &caught);
	proc_printf(t, "Threads:\t%d\n", l->threads);
	proc_printf(t, "SigPnd:\t%016llx\nShdPnd:\t%016llx\nSigBlk:\t%016llx\n"
		       "SigIgn:\t%016llx\nSigCgt:\t%016llx\n",
		    (unsigned long long)p->pending.set,
		    (unsigned long long)l->shared_pending.set,
		    (unsigned long long)p->sigmask, (unsigned long long)ign,
		    (unsigned long long)caught);
	/* root's capabilities: all of Linux 6.1's 41 */
	proc_printf(t, "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\n"
		       "CapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\n"
		       "CapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t0\n"
		       "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n");
}

/* --- comm, cmdline, environ, mounts --------------------------------------------- */

static void show_comm(struct proc_text *t, struct process *p, bool whole)
{
	char comm[TASK_COMM_LEN];

	(void)whole;
	comm_of(p, comm);
	proc_printf(t, "%s\n", comm);
}

/* Writing comm renames the thread, as prctl(PR_SET_NAME): only from
 * within its own process (Linux: EINVAL from another). */
static long write_comm(struct process *p, const char *buf, size_t n)
{
	char name[TASK_COMM_LEN];
	size_t len = n < TASK_COMM_LEN - 1 ? n : TASK_COMM_LEN - 1;

	if (!current || current->tgid != p->tgid)
		return -EINVAL;
	memcpy(name, buf, len);
	name[len] = '\0';
	strlcpy(p->name, name, sizeof(p->name));
	return 0;
}

/* Bytes [@start, @end) of @p's memory from @pos on. */
static long read_range(struct process *p, uint64_t start, uint64_t end,
		       void *buf, size_t n, uint64_t pos)
{
	const struct address_space *as = p->state == PROC_ZOMBIE ? NULL : p->as;

	if (!as || start + pos >= end || pos >= end - start)
		return 0;
	if (n > end - start - pos)
		n = (size_t)(end - start - pos);
	return (long)vm_read(as, start + pos, buf, n);
}

/*
 * The arguments, as Linux's get_mm_cmdline: the strings where execve put
 * them, as the program has left them. A program that wrote over the
 * NUL at their end has set a title (setproctitle(3)), which may run on
 * into the environment: then it is the string there, up to its NUL, and
 * a page at most.
 */
static long read_cmdline(struct process *p, void *buf, size_t n, uint64_t pos)
{
	const struct address_space *as = p->state == PROC_ZOMBIE ? NULL : p->as;
	char last = 0, *title;
	uint64_t end;
	size_t got, len;

	if (!as || as->arg_end <= as->arg_start)
		return 0;
	if (vm_read(as, as->arg_end - 1, &last, 1) != 1 || !last)
		return read_range(p, as->arg_start, as->arg_end, buf, n, pos);
	end = as->env_end - as->arg_start < PAGE_SIZE ? as->env_end
						      : as->arg_start + PAGE_SIZE;
	if (!(title = path_alloc()))
		return -ENOMEM;
	got = vm_read(as, as->arg_start, title, (size_t)(end - as->arg_start));
	len = strnlen(title, got);
	if (len < got)
		len++; /* its NUL too */
	if (pos >= len) {
		path_free(title);
		return 0;
	}
	if (n > len - pos)
		n = (size_t)(len - pos);
	memcpy(buf, title + pos, n);
	path_free(title);
	return (long)n;
}

static long read_environ(struct process *p, void *buf, size_t n, uint64_t pos)
{
	return p->as ? read_range(p, p->as->env_start, p->as->env_end, buf, n, pos)
		     : 0;
}

static void show_mounts(struct proc_text *t, struct process *p, bool whole)
{
	(void)p;
	(void)whole;
	proc_printf(t, "rootfs / rootfs rw 0 0\ndevtmpfs /dev devtmpfs rw 0 0\n"
		       "proc /proc proc rw 0 0\n");
}

/* --- limits ------------------------------------------------------------------ */

/* Linux's names and units of the rlimits (fs/proc/base.c, lnames[]). */
static const struct {
	const char *name, *unit; /* unit NULL: none printed */
} limit_names[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { "Max cpu time", "seconds" },
	[RLIMIT_FSIZE] = { "Max file size", "bytes" },
	[RLIMIT_DATA] = { "Max data size", "bytes" },
	[RLIMIT_STACK] = { "Max stack size", "bytes" },
	[RLIMIT_CORE] = { "Max core file size", "bytes" },
	[RLIMIT_RSS] = { "Max resident set", "bytes" },
	[RLIMIT_NPROC] = { "Max processes", "processes" },
	[RLIMIT_NOFILE] = { "Max open files", "files" },
	[RLIMIT_MEMLOCK] = { "Max locked memory", "bytes" },
	[RLIMIT_AS] = { "Max address space", "bytes" },
	[RLIMIT_LOCKS] = { "Max file locks", "locks" },
	[RLIMIT_SIGPENDING] = { "Max pending signals", "signals" },
	[RLIMIT_MSGQUEUE] = { "Max msgqueue size", "bytes" },
	[RLIMIT_NICE] = { "Max nice priority", NULL },
	[RLIMIT_RTPRIO] = { "Max realtime priority", NULL },
	[RLIMIT_RTTIME] = { "Max realtime timeout", "us" },
};

/* One limit's value in a column of 20, and the space after it. */
static void limit_value(struct proc_text *t, unsigned long v)
{
	if (v == RLIM_INFINITY)
		proc_printf(t, "%-20s ", "unlimited");
	else
		proc_printf(t, "%-20lu ", v);
}

/* The process's rlimits (kept in its leader), a row each under Linux's
 * header, with its columns and their trailing spaces. */
static void show_limits(struct proc_text *t, struct process *p, bool whole)
{
	const struct rlimit *rl = p->leader->rlimits;

	(void)whole;
	proc_printf(t, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit",
		    "Hard Limit", "Units");
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		proc_printf(t, "%-25s ", limit_names[i].name);
		limit_value(t, rl[i].rlim_cur);
		limit_value(t, rl[i].rlim_max);
		if (limit_names[i].unit)
			proc_printf(t, "%-10s", limit_names[i].unit);
		proc_printf(t, "\n");
	}
}

/* --- links ------------------------------------------------------------------- */

/* @ino leads to @file: its target is @path, and following it goes to
 * @file as @dir's @name (either may be NULL). */
static int link_to(struct inode *ino, const char *path, struct inode *file,
		   const struct dentry *name)
{
	struct dentry *jump = NULL;

	if (file) {
		jump = name ? dentry_alloc(name->dir, name->name, name->len, file)
			    : dentry_alloc(NULL, "", 0, file);
		if (!jump)
			return -ENOMEM;
		iget(file);
	}
	return proc_set_link(ino, path, jump);
}

static int exe_link(struct inode *ino, struct process *p)
{
	const struct address_space *as = p->state == PROC_ZOMBIE ? NULL : p->as;
	char *path;
	long n;
	int err;

	if (!as || !as->exe || !as->exe_name)
		return -ENOENT;
	path = path_alloc();
	if (!path)
		return -ENOMEM;
	n = dentry_path(as->exe_name, path, PATH_MAX);
	err = n < 0 ? -ENOENT : link_to(ino, path, as->exe, as->exe_name);
	path_free(path);
	return err;
}

/* A directory's link: its path, and the directory itself. */
static int link_dir(struct inode *ino, struct inode *dir)
{
	char *path = path_alloc();
	int err;

	if (!path)
		return -ENOMEM;
	err = dir_path(dir, path, PATH_MAX) < 0 ? -ENOENT
						: link_to(ino, path, dir, NULL);
	path_free(path);
	return err;
}

static int cwd_link(struct inode *ino, struct process *p)
{
	const struct process *l = p->leader;

	if (p->state == PROC_ZOMBIE || !l->cwd)
		return -ENOENT;
	return link_dir(ino, l->cwd);
}

static int root_link(struct inode *ino, struct process *p)
{
	if (p->state == PROC_ZOMBIE)
		return -ENOENT;
	return link_dir(ino, root_inode);
}

/* The open file at descriptor @fd of @p, or NULL. */
static struct file *fd_of(const struct process *p, int fd)
{
	const struct fd_table *t = p->state == PROC_ZOMBIE ? NULL : p->files;

	if (!t || fd < 0 || (unsigned int)fd / FD_CHUNK >= t->nchunks)
		return NULL;
	return t->chunks[fd / FD_CHUNK]->files[fd % FD_CHUNK];
}

bool proc_fd_open(const struct process *p, int fd, unsigned int *mode)
{
	struct file *f = fd_of(p, fd);

	if (f)
		*mode = f->flags & O_ACCMODE;
	return f != NULL;
}

int proc_fd_link(struct inode *ino, struct process *p, int fd)
{
	struct file *f = fd_of(p, fd);
	struct inode *file;
	char *path;
	int err;

	if (!f)
		return -ENOENT;
	file = f->inode;
	if (file && S_ISDIR(file->mode))
		return link_dir(ino, file);
	if (pipe_ino(f)) {
		char text[32];

		snprintf(text, sizeof(text), "pipe:[%llu]",
			 (unsigned long long)pipe_ino(f));
		return proc_set_link(ino, text, NULL);
	}
	if (!f->name) /* the console the kernel opened for its programs */
		return file_is_console(f)
			       ? proc_set_link(ino, "/dev/console", NULL)
			       : -ENOENT;
	path = path_alloc();
	if (!path)
		return -ENOMEM;
	err = dentry_path(f->name, path, PATH_MAX) < 0
		      ? -ENOENT
		      : link_to(ino, path, file, f->name);
	path_free(path);
	return err;
}

/* --- the tables ---------------------------------------------------------------- */

const struct proc_table proc_fd_table = {
	.numbered = PROC_FDS,
};

const struct proc_table proc_task_table = {
	.numbered = PROC_TIDS,
};

#define FILE(n, m, fn) { .name = n, .mode = S_IFREG | (m), .show = fn, \
			 .write_error = -EINVAL }
#define MEM(n, m, fn) { .name = n, .mode = S_IFREG | (m), .read_mem = fn, \
			.write_error = -EINVAL }
#define LINK(n, fn) { .name = n, .mode = S_IFLNK | 0777, .link = fn }

static const struct proc_entry pid_entries[] = {
	{ .name = "task", .mode = S_IFDIR | 0555, .dir = &proc_task_table,
	  .process_only = true },
	{ .name = "fd", .mode = S_IFDIR | 0500, .dir = &proc_fd_table },
	MEM("environ", 0400, read_environ),
	FILE("status", 0444, show_status),
	MEM("cmdline", 0444, read_cmdline),
	{ .name = "comm", .mode = S_IFREG | 0644, .show = show_comm,
	  .write = write_comm },
	FILE("stat", 0444, show_stat),
	FILE("statm", 0444, show_statm),
	FILE("limits", 0444, show_limits),
	FILE("maps", 0444, proc_show_maps),
	LINK("cwd", cwd_link),
	LINK("root", root_link),
	LINK("exe", exe_link),
	FILE("mounts", 0444, show_mounts),
};

const struct proc_table proc_pid_table = {
	.entries = pid_entries,
	.n = sizeof(pid_entries) / sizeof(pid_entries[0]),
	.per_process = true,
};
