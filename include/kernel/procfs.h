/* SPDX-License-Identifier: MIT */
/*
 * /proc, between its four files (docs/files.md section 7):
 *
 *   kernel/fs/procfs.c     the file system: its directories, lookups,
 *                          getdents64, opening and reading
 *   kernel/fs/proc_pid.c   /proc/PID (and /proc/PID/task/TID): stat,
 *                          status, cmdline, limits, exe, cwd, fd/, ...
 *   kernel/fs/proc_maps.c  /proc/PID/maps: the memory regions
 *   kernel/fs/proc_info.c  the system's files: meminfo, stat, uptime,
 *                          loadavg, cpuinfo, version, mounts, sys/kernel
 *
 * Each directory is a table of entries (struct proc_entry). A file's
 * text is written anew into a page when a read starts at offset 0, as
 * Linux's seq_file does, by its entry's show(); a read from elsewhere
 * goes on in the same text. A link's target is made when it is looked up.
 */
#ifndef KERNEL_PROCFS_H
#define KERNEL_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dentry;
struct inode;
struct process;

/* A file's text as it is written: at most size bytes. */
struct proc_text {
	char *buf;
	size_t len, size;
};

/* Append to @t; what does not fit is cut off. */
void proc_printf(struct proc_text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The numbered entries of a directory, besides its table. */
enum proc_numbered {
	PROC_NONE,
	PROC_PIDS,    /* /proc: a directory per process */
	PROC_TIDS,    /* /proc/PID/task: a directory per thread */
	PROC_FDS,     /* /proc/PID/fd: a link per open descriptor */
};

struct proc_table {
	const struct proc_entry *entries;
	size_t n;
	enum proc_numbered numbered;
	bool per_process; /* its entries show a process (or thread) */
	uint64_t ino_base; /* the system's tables: its entries' numbers */
};

/* One file, link or directory of /proc. */
struct proc_entry {
	const char *name;
	uint32_t mode;
	/* A file of text: written into @t for @p, a process (@whole: all
	 * its threads) or a thread; @p is NULL for the system's files. */
	void (*show)(struct proc_text *t, struct process *p, bool whole);
	/* Or a file read from the process's memory: up to @n bytes from
	 * @pos into @buf, the count. */
	long (*read_mem)(struct process *p, void *buf, size_t n, uint64_t pos);
	/* A write of @n bytes (copied into the kernel): the count or
	 * -errno. NULL: write_error, which is Linux's: -EIO for the
	 * system's files, -EINVAL for a process's. */
	long (*write)(struct process *p, const char *buf, size_t n);
	int write_error;
	/* A link: @ino's target (and jump) for @p; 0, or -ENOENT when there
	 * is none to show (a zombie's cwd): the link is then dangling. */
	int (*link)(struct inode *ino, struct process *p);
	/* A directory: what is in it. */
	const struct proc_table *dir;
	/* In /proc/PID only, not in /proc/PID/task/TID. */
	bool process_only;
};

/* Entries of /proc/PID (kernel/fs/proc_pid.c) and the system's
 * (kernel/fs/proc_info.c). */
extern const struct proc_table proc_pid_table, proc_task_table,
	proc_fd_table, proc_sys_table;
extern const struct proc_entry proc_root_entries[];
extern const size_t proc_root_count;

/* The text of /proc/PID/maps (kernel/fs/proc_maps.c). */
void proc_show_maps(struct proc_text *t, struct process *p, bool whole);
/* Make @ino the link fd/@fd of @p shows; 0 or -ENOENT. */
int proc_fd_link(struct inode *ino, struct process *p, int fd);
/* Is descriptor @fd of @p open? Its open file's access mode in *@mode
 * (O_RDONLY, O_WRONLY, O_RDWR). */
bool proc_fd_open(const struct process *p, int fd, unsigned int *mode);
/* Set a link's target: 0 or -ENOMEM. With @jump (whose reference on
 * its inode passes to @ino), following it leads to that file. */
int proc_set_link(struct inode *ino, const char *target, struct dentry *jump);

#endif
