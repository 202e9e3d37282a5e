// SPDX-License-Identifier: MIT
/*
 * Open files and file descriptors: the calls that work on any open file
 * (read, write, readv, writev, close, dup, dup2, dup3, fcntl, ioctl) and
 * the descriptor tables behind them.
 *
 *   process --files--> struct fd_table --chunks--> [ fd 0 | fd 1 | ... ]
 *                        (users: threads             |      |
 *                         with CLONE_FILES)          v      v
 *                                                 struct file (refs)
 *                                                 ops: console, pipe
 *
 * A descriptor is an index into its process's table; the table holds a
 * reference to a struct file, which knows how to read and write (its
 * ops), and whose flags (O_NONBLOCK, the access mode) every descriptor
 * that dup made of it shares. Close-on-exec belongs to the descriptor.
 * fork copies the table (each file gets one more reference), CLONE_FILES
 * shares it, execve drops the close-on-exec descriptors, and a thread's
 * end lets go of it; the last user closes everything, which is how a
 * pipe learns that its last writer has gone.
 *
 * The first process gets fds 0 and 1 on one console file (white) and fd
 * 2 on another (orange): the colour belongs to the open file, so a dup2
 * of 1 onto 2 makes stderr white, as it should.
 */
#include <kernel/console.h>
#include <kernel/file.h>
#include <kernel/heap.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/tty.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/termios.h> /* FIOCLEX, FIONCLEX, FIONBIO */
#include <uapi/fcntl.h>

/* Linux's MAX_RW_COUNT: no read or write moves more at once. */
#define RW_MAX 0x7ffff000ul

/* ------------------------------------------------------------ files */

struct file *file_new(const struct file_ops *ops, unsigned int flags,
		      void *private)
{
	struct file *f = kmalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->ops = ops;
	f->refs = 1;
	f->flags = flags;
	f->private = private;
	f->inode = NULL;
	f->pos = 0;
	f->pipe_seen = 0;
	f->name = NULL;
	return f;
}

struct file *file_get(struct file *f)
{
	f->refs++;
	return f;
}

void file_put(struct file *f)
{
	if (--f->refs)
		return;
	if (f->ops->release)
		f->ops->release(f);
	dentry_free(f->name);
	kfree(f);
}

/* The console: the terminal of kernel/drivers/tty.c, which draws what
 * is written in the file's colour. */
bool file_is_console(const struct file *f)
{
	return f->ops == &tty_file_ops;
}

/* /dev/console and /dev/tty (kernel/fs/dev.c): the console, in white. */
void console_file_init(struct file *f)
{
	f->ops = &tty_file_ops;
	f->private = (void *)(uintptr_t)WHITE;
}

/* Never freed: each holds a reference of its own besides the fds'. */
static struct file console_out = { .ops = &tty_file_ops, .refs = 1,
				   .flags = O_RDWR,
				   .private = (void *)(uintptr_t)WHITE };
static struct file console_err = { .ops = &tty_file_ops, .refs = 1,
				   .flags = O_RDWR,
				   .private = (void *)(uintptr_t)ORANGE };

/* ------------------------------------------------- descriptor tables */

static struct fd_table *table_new(void)
{
	struct fd_table *t = kmalloc(sizeof(*t));

	if (t) {
		t->users = 1;
		t->nchunks = 0;
		t->chunks = NULL;
	}
	return t;
}

/* Make room for descriptor @fd: chunks up to its own; 0, or -ENOMEM. */
static int table_grow(struct fd_table *t, int fd)
{
	unsigned int want = (unsigned int)fd / FD_CHUNK + 1;
	struct fd_chunk **chunks;

	if (want <= t->nchunks)
		return 0;
	if (want > FD_MAX_CHUNKS)
		return -EMFILE;
	chunks = kmalloc(want * sizeof(*chunks));
	if (!chunks)
		return -ENOMEM;
	for (unsigned int i = 0; i < t->nchunks; i++)
		chunks[i] = t->chunks[i];
	for (unsigned int i = t->nchunks; i < want; i++) {
		chunks[i] = kmalloc(sizeof(struct fd_chunk));
		if (!chunks[i]) {
			for (unsigned int j = t->nchunks; j < i; j++)
				kfree(chunks[j]);
			kfree(chunks);
			return -ENOMEM;
		}
		memset(chunks[i], 0, sizeof(struct fd_chunk));
	}
	kfree(t->chunks);
	t->chunks = chunks;
	t->nchunks = want;
	return 0;
}

static struct file **slot(struct fd_table *t, int fd)
{
	if (fd < 0 || (unsigned int)fd / FD_CHUNK >= t->nchunks)
		return NULL;
	return &t->chunks[fd / FD_CHUNK]->files[fd % FD_CHUNK];
}

static void set_cloexec(struct fd_table *t, int fd, bool on)
{
	uint64_t bit = 1ull << (fd % FD_CHUNK);

	if (on)
		t->chunks[fd / FD_CHUNK]->cloexec |= bit;
	else
		t->chunks[fd / FD_CHUNK]->cloexec &= ~bit;
}

static bool get_cloexec(const struct fd_table *t, int fd)
{
	return t->chunks[fd / FD_CHUNK]->cloexec >> (fd % FD_CHUNK) & 1;
}

struct fd_table *fd_table_console(void)
{
	struct fd_table *t = table_new();

	if (!t || table_grow(t, 2)) {
		kfree(t);
		return NULL;
	}
	*slot(t, 0) = file_get(&console_out);
	*slot(t, 1) = file_get(&console_out);
	*slot(t, 2) = file_get(&console_err);
	return t;
}

struct fd_table *fd_table_get(struct fd_table *t)
{
	t->users++;
	return t;
}

static void table_free(struct fd_table *t)
{
	for (unsigned int c = 0; c < t->nchunks; c++) {
		for (unsigned int i = 0; i < FD_CHUNK; i++)
			if (t->chunks[c]->files[i])
				file_put(t->chunks[c]->files[i]);
		kfree(t->chunks[c]);
	}
	kfree(t->chunks);
	kfree(t);
}

struct fd_table *fd_table_copy(const struct fd_table *t)
{
	struct fd_table *n = table_new();

	if (!n)
		return NULL;
	if (t->nchunks && table_grow(n, (int)t->nchunks * FD_CHUNK - 1)) {
		kfree(n);
		return NULL;
	}
	for (unsigned int c = 0; c < t->nchunks; c++) {
		*n->chunks[c] = *t->chunks[c];
		for (unsigned int i = 0; i < FD_CHUNK; i++)
			if (n->chunks[c]->files[i])
				file_get(n->chunks[c]->files[i]);
	}
	return n;
}

void fd_table_put(struct fd_table *t)
{
	if (--t->users == 0)
		table_free(t);
}

int fd_table_exec(struct fd_table **tp)
{
	struct fd_table *t = *tp;

	/* A table shared with another process (a vfork child without
	 * CLONE_FILES has its own already) is copied first, as Linux's
	 * unshare_files(): the others keep their descriptors. */
	if (t->users > 1) {
		struct fd_table *copy = fd_table_copy(t);

		if (!copy)
			return -ENOMEM;
		fd_table_put(t);
		*tp = t = copy;
	}
	for (unsigned int c = 0; c < t->nchunks; c++) {
		struct fd_chunk *k = t->chunks[c];

		for (unsigned int i = 0; i < FD_CHUNK; i++) {
			if (k->files[i] && (k->cloexec >> i & 1)) {
				file_put(k->files[i]);
				k->files[i] = NULL;
			}
		}
		k->cloexec = 0;
	}
	return 0;
}

/* ------------------------------------------------------- descriptors */

/* The caller's RLIMIT_NOFILE, within what a table can hold. */
static int fd_limit(void)
{
	uint64_t lim = current->leader->rlimits[RLIMIT_NOFILE].rlim_cur;

	return lim > FD_MAX ? FD_MAX : (int)lim;
}

struct file *fd_file(int fd)
{
	struct file **s = slot(current->files, fd);

	return s ? *s : NULL;
}

int fd_install(struct file *f, int min, bool cloexec)
{
	struct fd_table *t = current->files;
	int limit = fd_limit(), err;

	for (int fd = min; fd < limit; fd++) {
		struct file **s = slot(t, fd);

		if (!s) {
			err = table_grow(t, fd);
			if (err)
				return err;
			s = slot(t, fd);
		}
		if (!*s) {
			*s = f;
			set_cloexec(t, fd, cloexec);
			return fd;
		}
	}
	return -EMFILE;
}

int fd_table_size(void)
{
	return (int)current->files->nchunks * FD_CHUNK;
}

int fd_close(int fd)
{
	struct file **s = slot(current->files, fd);
	struct file *f;

	if (!s || !*s)
		return -EBADF;
	f = *s;
	*s = NULL;
	set_cloexec(current->files, fd, false);
	file_put(f);
	return 0;
}

/* ------------------------------------------------------ system calls */

static long do_read(int fd, uint64_t buf, uint64_t count)
{
	struct file *f = fd_file(fd);

	if (!f || (f->flags & O_ACCMODE) == O_WRONLY || !f->ops->read)
		return -EBADF;
	/* As Linux's vfs_read and vfs_write: the whole range is checked
	 * before the count is cut to RW_MAX. */
	if (!access_ok(buf, count))
		return -EFAULT;
	if (count > RW_MAX)
		count = RW_MAX;
	return count ? f->ops->read(f, buf, count) : 0;
}

static long do_write(int fd, uint64_t buf, uint64_t count)
{
	struct file *f = fd_file(fd);

	if (!f || (f->flags & O_ACCMODE) == O_RDONLY || !f->ops->write)
		return -EBADF;
	/* As Linux's vfs_read and vfs_write: the whole range is checked
	 * before the count is cut to RW_MAX. */
	if (!access_ok(buf, count))
		return -EFAULT;
	if (count > RW_MAX)
		count = RW_MAX;
	return count ? f->ops->write(f, buf, count) : 0;
}

/**
 * sys_read - read(fd, buf, count): from the console (as its termios
 * says, kernel/drivers/tty.c) or a pipe (kernel/fs/pipe.c)
 */
long sys_read(struct pt_regs *regs)
{
	return do_read((int)regs->rdi, regs->rsi, regs->rdx);
}

/**
 * sys_write - write(fd, buf, count)
 *
 * The whole range is checked first (a range that wraps or reaches the
 * kernel fails with -EFAULT); a fault part-way gives a short count.
 */
long sys_write(struct pt_regs *regs)
{
	return do_write((int)regs->rdi, regs->rsi, regs->rdx);
}

/*
 * readv and writev: read or write each buffer in turn, stopping at the
 * first short one. -EINVAL for a count outside [0, IOV_MAX] or lengths
 * whose sum overflows a long, as in Linux, checked before anything moves.
 * Once some bytes have moved, a later buffer does not wait: the file is
 * non-blocking for it (one CPU and a kernel that is not preemptible, so
 * nobody sees the flag meanwhile).
 */
static long vector_io(struct pt_regs *regs, bool writing)
{
	uint64_t uiov = regs->rsi, total = 0;
	int fd = (int)regs->rdi, cnt = (int)regs->rdx;
	struct file *f = fd_file(fd);
	long done = 0;

	if (!f)
		return -EBADF;
	if (cnt < 0 || cnt > IOV_MAX)
		return -EINVAL;
	for (int i = 0; i < cnt; i++) {
		struct iovec v;

		if (copy_from_user(&v, uiov + i * sizeof(v), sizeof(v)))
			return -EFAULT;
		total += v.iov_len;
		if (v.iov_len > (uint64_t)INT64_MAX || total > (uint64_t)INT64_MAX)
			return -EINVAL;
	}
	for (int i = 0; i < cnt; i++) {
		unsigned int flags = f->flags;
		struct iovec v;
		long n;

		if (copy_from_user(&v, uiov + i * sizeof(v), sizeof(v)))
			return done ? done : -EFAULT;
		if (!v.iov_len)
			continue;
		if (done)
			f->flags |= O_NONBLOCK;
		n = writing ? do_write(fd, (uint64_t)v.iov_base, v.iov_len)
			    : do_read(fd, (uint64_t)v.iov_base, v.iov_len);
		f->flags = flags;
		if (n < 0)
			return done ? done : n;
		done += n;
		if ((uint64_t)n < v.iov_len)
			break;
	}
	return done;
}

long sys_readv(struct pt_regs *regs)
{
	return vector_io(regs, false);
}

long sys_writev(struct pt_regs *regs)
{
	return vector_io(regs, true);
}

/** sys_close - close(fd): 0, or -EBADF */
long sys_close(struct pt_regs *regs)
{
	return fd_close((int)regs->rdi);
}

/** sys_dup - dup(fd): the lowest free descriptor for the same file */
long sys_dup(struct pt_regs *regs)
{
	struct file *f = fd_file((int)regs->rdi);
	int fd;

	if (!f)
		return -EBADF;
	fd = fd_install(file_get(f), 0, false);
	if (fd < 0)
		file_put(f);
	return fd;
}

/* dup3's work, after its own checks: @newfd now names @oldfd's file. */
static long dup_onto(int oldfd, int newfd, bool cloexec)
{
	struct file *f = fd_file(oldfd);
	struct fd_table *t = current->files;
	struct file **s;
	int err;

	if (newfd < 0 || newfd >= fd_limit())
		return -EBADF;
	if (!f)
		return -EBADF;
	s = slot(t, newfd);
	if (!s) {
		err = table_grow(t, newfd);
		if (err)
			return err;
		s = slot(t, newfd);
	}
	file_get(f);
	if (*s)
		file_put(*s); /* closed silently, as dup2 promises */
	*s = f;
	set_cloexec(t, newfd, cloexec);
	return newfd;
}

/** sys_dup2 - dup2(oldfd, newfd): the same fd returns it, if it is open */
long sys_dup2(struct pt_regs *regs)
{
	int oldfd = (int)regs->rdi, newfd = (int)regs->rsi;

	if (oldfd == newfd)
		return fd_file(oldfd) ? newfd : -EBADF;
	return dup_onto(oldfd, newfd, false);
}

/** sys_dup3 - dup3(oldfd, newfd, flags): flags 0 or O_CLOEXEC; the same
 * fd twice is -EINVAL */
long sys_dup3(struct pt_regs *regs)
{
	int oldfd = (int)regs->rdi, newfd = (int)regs->rsi;
	uint64_t flags = regs->rdx;

	if (flags & ~(uint64_t)O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	return dup_onto(oldfd, newfd, flags & O_CLOEXEC);
}

/* The status flags F_SETFL may change here (Linux's SETFL_MASK also has
 * O_ASYNC, O_DIRECT and O_NOATIME, which mean nothing for these files
 * and are ignored). */
#define SETFL_MASK (O_APPEND | O_NONBLOCK)

/**
 * sys_fcntl - fcntl(fd, cmd, arg): F_DUPFD, F_DUPFD_CLOEXEC (the lowest
 * free descriptor >= arg), F_GETFD, F_SETFD (FD_CLOEXEC), F_GETFL,
 * F_SETFL (O_APPEND, O_NONBLOCK). Others: -EINVAL.
 */
long sys_fcntl(struct pt_regs *regs)
{
	int fd = (int)regs->rdi;
	unsigned int cmd = (unsigned int)regs->rsi;
	uint64_t arg = regs->rdx;
	struct file *f = fd_file(fd);
	int n;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= (uint64_t)fd_limit())
			return -EINVAL;
		n = fd_install(file_get(f), (int)arg, cmd == F_DUPFD_CLOEXEC);
		if (n < 0)
			file_put(f);
		return n;
	case F_GETFD:
		return get_cloexec(current->files, fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_cloexec(current->files, fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->flags;
	case F_SETFL:
		f->flags = (f->flags & ~SETFL_MASK) | ((unsigned int)arg & SETFL_MASK);
		return 0;
	default:
		return -EINVAL;
	}
}

/**
 * sys_ioctl - ioctl(fd, request, arg): three requests any open file
 * takes, as Linux's do_vfs_ioctl (FIOCLEX and FIONCLEX set and clear
 * the descriptor's close-on-exec bit, FIONBIO the file's O_NONBLOCK from
 * the int at @arg); the rest to the file's ioctl op. A file without one
 * (a pipe, a regular file) says -ENOTTY, which is what libcs expect of
 * anything that is not a terminal.
 */
long sys_ioctl(struct pt_regs *regs)
{
	int fd = (int)regs->rdi;
	struct file *f = fd_file(fd);
	int on;

	if (!f)
		return -EBADF;
	switch ((unsigned int)regs->rsi) {
	case FIOCLEX:
	case FIONCLEX:
		set_cloexec(current->files, fd, (unsigned int)regs->rsi == FIOCLEX);
		return 0;
	case FIONBIO:
		if (copy_from_user(&on, regs->rdx, sizeof(on)))
			return -EFAULT;
		f->flags = on ? f->flags | O_NONBLOCK : f->flags & ~O_NONBLOCK;
		return 0;
	}
	if (!f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, (unsigned int)regs->rsi, regs->rdx);
}

/* pipe2's work: a pipe, its ends at the lowest free descriptors. */
static long do_pipe2(uint64_t ufds, uint64_t flags)
{
	struct file *rd, *wr;
	int fds[2], err;

	if (flags & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	err = pipe_create(&rd, &wr, (unsigned int)flags);
	if (err)
		return err;
	fds[0] = fd_install(rd, 0, flags & O_CLOEXEC);
	if (fds[0] < 0) {
		file_put(rd);
		file_put(wr);
		return fds[0];
	}
	fds[1] = fd_install(wr, 0, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		fd_close(fds[0]);
		file_put(wr);
		return fds[1];
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

/**
 * sys_pipe2 - pipe2(fds, flags): a pipe, its read end in fds[0] and its
 * write end in fds[1]; flags O_CLOEXEC and O_NONBLOCK (O_DIRECT's packet
 * mode and notification pipes: -EINVAL). -EMFILE, -ENOMEM, -EFAULT (then
 * no descriptor stays open).
 */
long sys_pipe2(struct pt_regs *regs)
{
	return do_pipe2(regs->rdi, regs->rsi);
}

/** sys_pipe - pipe(fds): pipe2(fds, 0) */
long sys_pipe(struct pt_regs *regs)
{
	return do_pipe2(regs->rdi, 0);
}
