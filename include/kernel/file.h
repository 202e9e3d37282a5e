/* SPDX-License-Identifier: MIT */
/*
 * Open files and file descriptors (kernel/fs/file.c), and pipes
 * (kernel/fs/pipe.c).
 *
 * A struct file is one open file: what it reads and writes through (its
 * ops), its flags (O_RDONLY/O_WRONLY/O_RDWR, O_NONBLOCK, O_APPEND) and a
 * count of the descriptors that refer to it. A struct fd_table maps a
 * process's descriptor numbers to files, with a close-on-exec bit each;
 * threads made with CLONE_FILES share one, fork copies it. This is the
 * same struct file serves the files of the file system (kernel/fs/open.c,
 * <kernel/vfs.h>), which have an inode and an offset.
 */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct file;

struct file_ops {
	/* Move up to @n bytes between the file and user memory at @ubuf:
	 * the count, or -errno. NULL: not readable (or writable). */
	long (*read)(struct file *f, uint64_t ubuf, size_t n);
	long (*write)(struct file *f, uint64_t ubuf, size_t n);
	/* ioctl(2): the result, or -errno. NULL: not a terminal or a
	 * device, every request -ENOTTY. */
	long (*ioctl)(struct file *f, unsigned int cmd, uint64_t arg);
	/* poll(2), select(2): the events ready now (POLLIN, POLLOUT,
	 * POLLHUP, POLLERR, ... of <uapi/poll.h>), without sleeping.
	 * Whoever changes what it would say calls poll_wake(). NULL:
	 * always readable and writable (Linux's DEFAULT_POLLMASK, as for
	 * regular files). */
	unsigned int (*poll)(struct file *f);
	/* The last descriptor is gone. */
	void (*release)(struct file *f);
	/* Copy up to @n bytes from offset @pos into kernel memory at @buf,
	 * leaving the file's position alone: the count, or -errno. Set by
	 * files that are not regular files of the in-memory file system but
	 * may be read at an offset (pread64, sendfile): /proc's. */
	long (*read_at)(struct file *f, void *buf, size_t n, uint64_t pos);
	/* sendfile may not read it (Linux: a file without splice_read,
	 * such as those of /proc/PID), though pread may. */
	bool no_sendfile;
};

struct file {
	const struct file_ops *ops;
	unsigned int refs;  /* descriptors (in any table) that refer to it */
	unsigned int flags; /* O_ACCMODE bits and O_NONBLOCK, O_APPEND */
	void *private;      /* the pipe, or the console's colour */
	struct inode *inode; /* a file of the file system, or NULL */
	uint64_t pos;        /* its offset (lseek), shared by dups */
	/* A FIFO's read end opened with O_NONBLOCK and no writer: the
	 * writers' open count then, so poll says POLLHUP only once a writer
	 * has come (Linux's f_pipe; kernel/fs/pipe.c). */
	unsigned int pipe_seen;
	struct dentry *name; /* the name it was opened by (a detached
			      * dentry, <kernel/vfs.h>), or NULL: what
			      * /proc/PID/fd shows */
};

/* Descriptors come in chunks of 64, a close-on-exec bit each. */
#define FD_CHUNK 64
#define FD_MAX_CHUNKS 256 /* so at most 16384 descriptors per process */
#define FD_MAX (FD_CHUNK * FD_MAX_CHUNKS)

struct fd_chunk {
	struct file *files[FD_CHUNK];
	uint64_t cloexec;
};

struct fd_table {
	unsigned int users;        /* threads sharing it (CLONE_FILES) */
	unsigned int nchunks;
	struct fd_chunk **chunks;  /* kmalloc'ed, grown by doubling */
};

/* A new file with one reference, or NULL (out of memory). */
struct file *file_new(const struct file_ops *ops, unsigned int flags,
		      void *private);
struct file *file_get(struct file *f);
void file_put(struct file *f);

/* The table of the first process: fds 0, 1, 2 on the console. */
struct fd_table *fd_table_console(void);
struct fd_table *fd_table_get(struct fd_table *t);
/* A copy of @t for fork (every file one more reference), or NULL. */
struct fd_table *fd_table_copy(const struct fd_table *t);
/* One user fewer; the last closes every descriptor. */
void fd_table_put(struct fd_table *t);
/* execve: a table of its own (not shared), without close-on-exec fds.
 * 0, or -ENOMEM. */
int fd_table_exec(struct fd_table **tp);

/* Read @f at @pos into user memory at @ubuf through its read_at, a page
 * at a time: the count, or -errno if nothing was read. */
long file_read_at_user(struct file *f, uint64_t ubuf, size_t n, uint64_t pos);

/* The current process's file at @fd, or NULL. */
struct file *fd_file(int fd);
/* Install @f (its reference passes to the table) at the lowest free
 * descriptor >= @min: the descriptor, or -EMFILE, -ENOMEM. */
int fd_install(struct file *f, int min, bool cloexec);
/* Close @fd: 0 or -EBADF. */
int fd_close(int fd);
/* How many descriptors the current table has room for: every open one
 * is below it (select's bound, Linux's max_fds). */
int fd_table_size(void);

/* What @f's poll op says, or DEFAULT_POLLMASK without one. */
unsigned int file_poll(struct file *f);
/* Something a poller may wait for has changed: a pipe was read, written
 * or closed, a line was typed (kernel/fs/poll.c). Cheap when nobody
 * polls. */
void poll_wake(void);

/* Make @f an open file of the console (/dev/console, /dev/tty). */
void console_file_init(struct file *f);

/* Write from kernel memory into a pipe's write end (sendfile). */
long pipe_write_kernel(struct file *f, const void *buf, size_t n);
/* Is @f an open file of the console? */
bool file_is_console(const struct file *f);

/* A pipe: the two files, read end and write end (kernel/fs/pipe.c). */
int pipe_create(struct file **rd, struct file **wr, unsigned int flags);
/* The pipe's number (Linux's inode number on pipefs: "pipe:[N]" in
 * /proc/PID/fd, st_ino in fstat), or 0 if @f is not an end of a pipe. */
uint64_t pipe_ino(const struct file *f);

#endif
