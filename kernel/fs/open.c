// SPDX-License-Identifier: MIT
/*
 * Opening files by path, and the calls on open files of the file system:
 * openat (open, creat), lseek, pread64, pwrite64, getdents64, and the
 * stat family (fstat, newfstatat, stat, lstat). read, write, close and
 * dup are kernel/fs/file.c's, for every kind of open file.
 *
 * An open file of the file system is a struct file whose inode field
 * holds a reference to its inode and whose pos is its offset: shared by
 * the descriptors dup makes of it and by fork, as POSIX says. Regular
 * files read and write at pos (O_APPEND: at the end, each time);
 * directories are read with getdents64 only; devices get their ops from
 * kernel/fs/dev.c, FIFOs theirs from kernel/fs/pipe.c.
 */
#include <kernel/file.h>
#include <kernel/heap.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* --- regular files and directories ---------------------------------------- */

static long reg_read(struct file *f, uint64_t ubuf, size_t n)
{
	long r = inode_read_user(f->inode, ubuf, n, f->pos);

	if (r > 0)
		f->pos += (uint64_t)r;
	return r;
}

static long reg_write(struct file *f, uint64_t ubuf, size_t n)
{
	long r;

	if (f->flags & O_APPEND)
		f->pos = f->inode->size;
	r = inode_write_user(f->inode, ubuf, n, f->pos);
	if (r > 0)
		f->pos += (uint64_t)r;
	return r;
}

static long dir_read(struct file *f, uint64_t ubuf, size_t n)
{
	(void)f;
	(void)ubuf;
	(void)n;
	return -EISDIR;
}

static void inode_release(struct file *f)
{
	iput(f->inode);
}

static const struct file_ops reg_ops = {
	.read = reg_read,
	.write = reg_write,
	.release = inode_release,
};

/* A directory's: its cursor (f->private) goes first. */
static void dir_release(struct file *f)
{
	if (S_ISDIR(f->inode->mode) && !f->inode->sb->ops)
		dir_cursor_free(f->private);
	iput(f->inode);
}

static const struct file_ops dir_ops = {
	.read = dir_read,
	.release = dir_release,
};

struct inode *file_inode(const struct file *f)
{
	return f->inode;
}

int inode_open(struct inode *ino, unsigned int flags, struct file **res)
{
	unsigned int acc = flags & O_ACCMODE;
	struct file *f;
	int err;

	if (S_ISLNK(ino->mode))
		return -ELOOP; /* O_NOFOLLOW on a symlink */
	if (S_ISDIR(ino->mode) && (acc != O_RDONLY || (flags & O_TRUNC)))
		return -EISDIR;
	if (acc == O_ACCMODE)
		return -EINVAL;
	/* Linux: a socket's inode opens with ENXIO; and there are no block
	 * devices here, as there are none without a driver on Linux. */
	if (S_ISSOCK(ino->mode) || S_ISBLK(ino->mode))
		return -ENXIO;
	f = file_new(S_ISDIR(ino->mode) ? &dir_ops : &reg_ops,
		     flags & (O_ACCMODE | O_APPEND | O_NONBLOCK), NULL);
	if (!f)
		return -ENOMEM;
	f->inode = iget(ino);
	if (ino->sb->ops && !S_ISDIR(ino->mode)) { /* a file of /proc */
		err = ino->sb->ops->open(ino, f, flags);
		if (err) {
			f->ops = &dir_ops; /* only its release: the iput */
			file_put(f);
			return err;
		}
	} else if (S_ISCHR(ino->mode) || S_ISFIFO(ino->mode)) {
		err = S_ISFIFO(ino->mode) ? fifo_open(ino, f, flags)
					  : device_open(ino->rdev, f, flags);
		if (err) {
			f->ops = &dir_ops; /* only its release: the iput */
			file_put(f);
			return err;
		}
	} else if (S_ISREG(ino->mode) && (flags & O_TRUNC) && acc != O_RDONLY) {
		err = inode_truncate(ino, 0);
		if (err) {
			file_put(f);
			return err;
		}
	}
	*res = f;
	return 0;
}

/* --- openat ---------------------------------------------------------------- */

#define OPEN_FLAGS                                                            \
	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND |       \
	 O_NONBLOCK | O_DSYNC | O_ASYNC | O_DIRECT | O_LARGEFILE |            \
	 O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC)

/* Create a regular file @last in @dir (open with O_CREAT). */
static int create(struct inode *dir, const char *last, uint32_t mode,
		  struct inode **res, struct dentry **name)
{
	struct inode *ino;
	int err;

	if (dir->nlink == 0)
		return -ENOENT; /* the directory was removed */
	ino = inode_new(dir->sb, S_IFREG | (mode & ~current->leader->umask &
					    S_IALLUGO));
	if (!ino)
		return -ENOSPC;
	err = dir_link(dir, last, strlen(last), ino);
	if (err) {
		iput(ino);
		return err;
	}
	*res = ino;
	*name = dentry_alloc(dir, last, strlen(last), ino);
	return 0;
}

/* The inode openat(@dirfd, @path, @flags, @mode) opens, with a reference,
 * and in *@name the name it was found by (or NULL). */
static int open_inode(int dirfd, const char *path, unsigned int flags,
		      uint32_t mode, struct inode **res, struct dentry **name)
{
	int lookup = (flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
		     (flags & O_DIRECTORY ? LOOKUP_DIRECTORY : 0);
	char last[NAME_MAX + 1];
	struct inode *dir;
	int err;

	*name = NULL;
	if (!(flags & O_CREAT))
		return path_lookup_name(dirfd, path, lookup, res, name);
	if (flags & O_DIRECTORY)
		return -EINVAL; /* Linux: O_CREAT | O_DIRECTORY is EINVAL */
	err = path_parent(dirfd, path, &dir, last);
	if (err)
		return err;
	if (!last[0] || !strcmp(last, ".") || !strcmp(last, "..") ||
	    path[strlen(path) - 1] == '/') {
		iput(dir);
		return -EISDIR;
	}
	if (dir->sb->ops) { /* /proc: only what is there can be opened */
		err = fixed_names(dir, last, 0);
	} else if (!dir_lookup(dir, last, strlen(last))) {
		err = create(dir, last, mode, res, name);
		iput(dir);
		return err;
	}
	iput(dir);
	if (err)
		return err;
	if (flags & O_EXCL)
		return -EEXIST;
	/* It exists: open it as if without O_CREAT (following a symlink;
	 * one that dangles is ENOENT here, where Linux would create its
	 * target). */
	return path_lookup_name(dirfd, path, lookup, res, name);
}

static long do_openat(int dirfd, uint64_t upath, unsigned int flags,
		      uint32_t mode)
{
	char *path = path_alloc();
	struct inode *ino = NULL;
	struct dentry *name = NULL;
	struct file *f;
	long err;
	int fd;

	if (!path)
		return -ENOMEM;
	if (flags & ~(unsigned int)OPEN_FLAGS) {
		err = (flags & O_PATH) || (flags & O_TMPFILE) ? -EOPNOTSUPP
							      : 0;
		if (err) {
			path_free(path);
			return err;
		}
		flags &= OPEN_FLAGS; /* Linux ignores unknown flags */
	}
	err = path_from_user(path, upath, false);
	if (!err)
		err = open_inode(dirfd, path, flags, mode, &ino, &name);
	path_free(path);
	if (err)
		return err;
	err = inode_open(ino, flags, &f);
	iput(ino);
	if (err) {
		dentry_free(name);
		return err;
	}
	f->name = name; /* for /proc/PID/fd */
	fd = fd_install(f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

long sys_openat(struct pt_regs *regs)
{
	return do_openat((int)regs->rdi, regs->rsi, (unsigned int)regs->rdx,
			 (uint32_t)regs->r10);
}

long sys_open(struct pt_regs *regs)
{
	return do_openat(AT_FDCWD, regs->rdi, (unsigned int)regs->rsi,
			 (uint32_t)regs->rdx);
}

long sys_creat(struct pt_regs *regs)
{
	return do_openat(AT_FDCWD, regs->rdi, O_CREAT | O_WRONLY | O_TRUNC,
			 (uint32_t)regs->rsi);
}

/* --- positions --------------------------------------------------------------- */

/* The file at @fd, if it is one of the file system's: else -EBADF or
 * -ESPIPE (a pipe, a FIFO, the console). */
static long fs_file(int fd, struct file **f)
{
	*f = fd_file(fd);
	if (!*f)
		return -EBADF;
	return (*f)->inode && !S_ISFIFO((*f)->inode->mode) ? 0 : -ESPIPE;
}

long sys_lseek(struct pt_regs *regs)
{
	int64_t off = (int64_t)regs->rsi, base;
	struct file *f;
	long err = fs_file((int)regs->rdi, &f);

	if (err)
		return err;
	switch (regs->rdx) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)f->pos;
		break;
	case SEEK_END:
		base = (int64_t)f->inode->size;
		break;
	case SEEK_DATA: /* no holes are reported: data to the end */
	case SEEK_HOLE:
		if (off < 0 || (uint64_t)off >= f->inode->size ||
		    S_ISDIR(f->inode->mode))
			return -ENXIO;
		f->pos = regs->rdx == SEEK_DATA ? (uint64_t)off : f->inode->size;
		return (long)f->pos;
	default:
		return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->pos = (uint64_t)(base + off);
	return (long)f->pos;
}

long file_read_at_user(struct file *f, uint64_t ubuf, size_t n, uint64_t pos)
{
	char *page;
	size_t done = 0;
	long err = 0;

	if (!access_ok(ubuf, n))
		return -EFAULT;
	page = path_alloc(); /* a page; its name is the path's */
	if (!page)
		return -ENOMEM;
	while (done < n) {
		size_t want = n - done < 4096 ? n - done : 4096;
		long got = f->ops->read_at(f, page, want, pos + done);

		if (got <= 0) {
			err = got;
			break;
		}
		if (copy_to_user(ubuf + done, page, (size_t)got)) {
			err = -EFAULT;
			break;
		}
		done += (size_t)got;
		if ((size_t)got < want)
			break;
	}
	path_free(page);
	return done ? (long)done : err;
}

/* pread64 and pwrite64: at @pos, leaving the file's position alone. */
static long positioned(struct pt_regs *regs, bool write)
{
	int64_t pos = (int64_t)regs->r10;
	struct file *f;
	long err = fs_file((int)regs->rdi, &f);

	if (err)
		return err;
	if (pos < 0)
		return -EINVAL;
	if (!(write ? f->ops->write : f->ops->read) ||
	    (f->flags & O_ACCMODE) == (write ? O_RDONLY : O_WRONLY))
		return -EBADF;
	if (S_ISDIR(f->inode->mode))
		return -EISDIR;
	if (!write && f->ops->read_at) /* a file of /proc */
		return file_read_at_user(f, regs->rsi, regs->rdx, (uint64_t)pos);
	if (!S_ISREG(f->inode->mode) || f->inode->sb->ops)
		/* a device, which has no positions; a file of /proc */
		return write ? f->ops->write(f, regs->rsi, regs->rdx)
			     : f->ops->read(f, regs->rsi, regs->rdx);
	if (!access_ok(regs->rsi, regs->rdx))
		return -EFAULT;
	/* Linux: pwrite on an O_APPEND file appends, whatever @pos says. */
	if (write && (f->flags & O_APPEND))
		pos = (int64_t)f->inode->size;
	return write ? inode_write_user(f->inode, regs->rsi, regs->rdx,
					(uint64_t)pos)
		     : inode_read_user(f->inode, regs->rsi, regs->rdx,
				       (uint64_t)pos);
}

long sys_pread64(struct pt_regs *regs)
{
	return positioned(regs, false);
}

long sys_pwrite64(struct pt_regs *regs)
{
	return positioned(regs, true);
}

/* --- getdents64 ------------------------------------------------------------ */

bool dir_emit(struct dir_context *ctx, uint64_t ino, int64_t next,
	      uint8_t type, const char *name, size_t len)
{
	/* The largest record: the header, 255 bytes of name, a NUL. */
	uint64_t rec[(sizeof(struct linux_dirent64) + NAME_MAX + 1 + 7) / 8];
	struct linux_dirent64 *d = (struct linux_dirent64 *)rec;
	size_t reclen = (offsetof(struct linux_dirent64, d_name) + len + 1 + 7) &
			~(size_t)7;

	if (ctx->err || ctx->full)
		return false;
	if (ctx->used + reclen > ctx->size) {
		ctx->full = true;
		return false;
	}
	memset(rec, 0, reclen);
	d->d_ino = ino;
	d->d_off = next;
	d->d_reclen = (uint16_t)reclen;
	d->d_type = type;
	memcpy(d->d_name, name, len);
	if (copy_to_user(ctx->ubuf + ctx->used, rec, reclen)) {
		ctx->err = -EFAULT;
		return false;
	}
	ctx->used += reclen;
	return true;
}

/* The records of a directory of the in-memory file system: 0 is ".",
 * 1 is "..", then each entry's own position. The file's cursor
 * (kernel/fs/ramfs.c) finds where to go on in one step. */
static void ramfs_readdir(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;
	struct dentry *cursor, *d, *next;

	while (f->pos < 2) {
		struct inode *up = f->pos ? dir->parent : dir;

		if (!dir_emit(ctx, up->ino, (int64_t)f->pos + 1, DT_DIR, "..",
			      f->pos + 1))
			return;
		f->pos++;
	}
	if (!f->private)
		f->private = dir_cursor_new(dir); /* NULL: walk each time */
	cursor = f->private;
	d = cursor ? dir_cursor_seek(cursor, f->pos) : dir_seek(dir, f->pos);
	for (; d; d = next) {
		next = dir_next(d);
		if (!dir_emit(ctx, d->inode->ino,
			      next ? (int64_t)next->pos : (int64_t)dir->next_pos,
			      (uint8_t)((d->inode->mode & S_IFMT) >> 12),
			      d->name, d->len))
			break;
		f->pos = next ? next->pos : dir->next_pos;
	}
	/* The cursor stands before the first entry not read (or last). */
	if (cursor)
		dir_cursor_place(cursor, d, f->pos);
}

/*
 * getdents64(fd, buf, size): as many records as fit, from the file's
 * position. The position afterwards is the next record's, so a later
 * call (or an lseek back to a d_off) goes on from there.
 */
long sys_getdents64(struct pt_regs *regs)
{
	struct dir_context ctx = { .ubuf = regs->rsi, .size = regs->rdx };
	struct inode *dir;
	struct file *f;
	long err = fs_file((int)regs->rdi, &f);

	if (err)
		return err == -ESPIPE ? -ENOTDIR : err;
	dir = f->inode;
	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	if (!access_ok(ctx.ubuf, ctx.size))
		return -EFAULT;
	if (dir->nlink == 0)
		return 0; /* removed: Linux shows it empty, even of . and .. */
	if (dir->sb->ops) {
		err = dir->sb->ops->readdir(f, &ctx);
		if (err && !ctx.used)
			return err;
	} else {
		ramfs_readdir(f, &ctx);
	}
	if (ctx.err && !ctx.used)
		return ctx.err;
	if (!ctx.used && ctx.full)
		return -EINVAL; /* the buffer cannot hold even one record */
	return (long)ctx.used;
}

/* --- stat ------------------------------------------------------------------- */

static long put_stat(const struct inode *ino, uint64_t ust)
{
	struct stat st;

	inode_stat(ino, &st);
	return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_fstat(struct pt_regs *regs)
{
	struct file *f = fd_file((int)regs->rdi);
	struct stat st;

	if (!f)
		return -EBADF;
	if (f->inode)
		return put_stat(f->inode, regs->rsi);
	/* A pipe or the console, which have no inode: Linux's answers. */
	memset(&st, 0, sizeof(st));
	st.st_mode = f->ops->ioctl ? (S_IFCHR | 0620) : (S_IFIFO | 0600);
	st.st_ino = pipe_ino(f); /* what /proc/PID/fd says: "pipe:[ino]" */
	st.st_nlink = 1;
	st.st_blksize = 4096;
	return copy_to_user(regs->rsi, &st, sizeof(st)) ? -EFAULT : 0;
}

/* stat of @upath from @dirfd with AT_* @flags. */
static long stat_at(int dirfd, uint64_t upath, uint64_t ust, unsigned int flags)
{
	char *path;
	struct inode *ino;
	long err;

	if (flags & ~(unsigned int)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH |
				    AT_NO_AUTOMOUNT))
		return -EINVAL;
	path = path_alloc();
	if (!path)
		return -ENOMEM;
	err = path_from_user(path, upath, flags & AT_EMPTY_PATH);
	if (!err && !path[0]) { /* AT_EMPTY_PATH: the file @dirfd itself */
		struct pt_regs r = { .rdi = (uint64_t)dirfd, .rsi = ust };

		path_free(path);
		if (dirfd == AT_FDCWD)
			return put_stat(current->leader->cwd, ust);
		return sys_fstat(&r);
	}
	if (!err)
		err = path_lookup(dirfd, path,
				  flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW,
				  &ino);
	path_free(path);
	if (err)
		return err;
	err = put_stat(ino, ust);
	iput(ino);
	return err;
}

long sys_newfstatat(struct pt_regs *regs)
{
	return stat_at((int)regs->rdi, regs->rsi, regs->rdx,
		       (unsigned int)regs->r10);
}

long sys_stat(struct pt_regs *regs)
{
	return stat_at(AT_FDCWD, regs->rdi, regs->rsi, 0);
}

long sys_lstat(struct pt_regs *regs)
{
	return stat_at(AT_FDCWD, regs->rdi, regs->rsi, AT_SYMLINK_NOFOLLOW);
}
