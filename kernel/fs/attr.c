// SPDX-License-Identifier: MIT
/*
 * What a file is rather than what it holds: its size (truncate,
 * ftruncate), mode (chmod, fchmod, fchmodat), owner (chown and friends),
 * times (utimensat) and whether it may be used (access, faccessat,
 * faccessat2); and the calls that have nothing to do on a file system in
 * memory (fsync, fdatasync, sync).
 *
 * Every process runs as root (uid 0, gid 0), so chown may give a file to
 * anyone, and access says yes to reading and writing anything; executing
 * needs an x bit somewhere in the mode (or a directory), as for root on
 * Linux.
 */
#include <kernel/file.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <lib/string.h>
#include <uapi/errno.h>


/* The inode of open file @fd, with a reference; -EBADF, -EINVAL. */
static int fd_inode(int fd, struct inode **res)
{
	struct file *f = fd_file(fd);

	if (!f)
		return -EBADF;
	if (!f->inode)
		return -EINVAL;
	*res = iget(f->inode);
	return 0;
}

/* --- size -------------------------------------------------------------------- */

static long truncate_inode(struct inode *ino, int64_t size)
{
	long err;

	if (size < 0)
		err = -EINVAL;
	else if (S_ISDIR(ino->mode))
		err = -EISDIR;
	else if (!S_ISREG(ino->mode))
		err = -EINVAL;
	else if (ino->sb->ops)
		err = 0; /* /proc: its files have no size to change (Linux) */
	else
		err = inode_truncate(ino, (uint64_t)size);
	iput(ino);
	return err;
}

long sys_ftruncate(struct pt_regs *regs)
{
	struct file *f = fd_file((int)regs->rdi);

	if (!f)
		return -EBADF;
	if (!f->inode || (f->flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL; /* Linux: EINVAL, not EBADF, for read-only */
	return truncate_inode(iget(f->inode), (int64_t)regs->rsi);
}

long sys_truncate(struct pt_regs *regs)
{
	struct inode *ino;
	long err = path_lookup_user(AT_FDCWD, regs->rdi, LOOKUP_FOLLOW, &ino);

	return err ? err : truncate_inode(ino, (int64_t)regs->rsi);
}

/* --- mode and owner ------------------------------------------------------------ */

static long chmod_inode(struct inode *ino, uint32_t mode)
{
	if (ino->sb->ops) { /* /proc makes its files anew for each lookup */
		iput(ino);
		return -EPERM;
	}
	ino->mode = (ino->mode & S_IFMT) | (mode & S_IALLUGO);
	ino->ctime = inode_now();
	iput(ino);
	return 0;
}

long sys_fchmod(struct pt_regs *regs)
{
	struct inode *ino;
	long err = fd_inode((int)regs->rdi, &ino);

	return err ? err : chmod_inode(ino, (uint32_t)regs->rsi);
}

long sys_fchmodat(struct pt_regs *regs)
{
	struct inode *ino;
	long err = path_lookup_user((int)regs->rdi, regs->rsi, LOOKUP_FOLLOW, &ino);

	return err ? err : chmod_inode(ino, (uint32_t)regs->rdx);
}

long sys_chmod(struct pt_regs *regs)
{
	struct inode *ino;
	long err = path_lookup_user(AT_FDCWD, regs->rdi, LOOKUP_FOLLOW, &ino);

	return err ? err : chmod_inode(ino, (uint32_t)regs->rsi);
}

/* -1 (as an unsigned id) leaves the id alone. */
static long chown_inode(struct inode *ino, uint32_t uid, uint32_t gid)
{
	if (ino->sb->ops) {
		iput(ino);
		return -EPERM;
	}
	if (uid != (uint32_t)-1)
		ino->uid = uid;
	if (gid != (uint32_t)-1)
		ino->gid = gid;
	ino->ctime = inode_now();
	iput(ino);
	return 0;
}

long sys_fchown(struct pt_regs *regs)
{
	struct inode *ino;
	long err = fd_inode((int)regs->rdi, &ino);

	return err ? err
		   : chown_inode(ino, (uint32_t)regs->rsi, (uint32_t)regs->rdx);
}

long sys_fchownat(struct pt_regs *regs)
{
	unsigned int flags = (unsigned int)regs->r8;
	struct inode *ino;
	long err;

	if (flags & ~(unsigned int)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = path_lookup_user((int)regs->rdi, regs->rsi,
			  (flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
				  (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0),
			  &ino);
	return err ? err
		   : chown_inode(ino, (uint32_t)regs->rdx, (uint32_t)regs->r10);
}

long sys_chown(struct pt_regs *regs)
{
	struct inode *ino;
	long err = path_lookup_user(AT_FDCWD, regs->rdi, LOOKUP_FOLLOW, &ino);

	return err ? err
		   : chown_inode(ino, (uint32_t)regs->rsi, (uint32_t)regs->rdx);
}

long sys_lchown(struct pt_regs *regs)
{
	struct inode *ino;
	long err = path_lookup_user(AT_FDCWD, regs->rdi, 0, &ino);

	return err ? err
		   : chown_inode(ino, (uint32_t)regs->rsi, (uint32_t)regs->rdx);
}

/* --- times -------------------------------------------------------------------- */

/* One of utimensat's two times: now, left alone, or the one given. */
static int new_time(const struct timespec *t, struct timespec *to,
		    struct timespec now)
{
	if (t->tv_nsec == UTIME_OMIT)
		return 0;
	if (t->tv_nsec == UTIME_NOW) {
		*to = now;
		return 0;
	}
	if (t->tv_nsec < 0 || t->tv_nsec >= 1000000000)
		return -EINVAL;
	*to = *t;
	return 0;
}

/* utimensat(dirfd, path, times[2], flags): NULL @path with a descriptor
 * (Linux's futimens), NULL times for "now". */
long sys_utimensat(struct pt_regs *regs)
{
	unsigned int flags = (unsigned int)regs->r10;
	struct timespec t[2], now = inode_now();
	struct inode *ino;
	long err;

	if (flags & ~(unsigned int)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (regs->rdx) {
		if (copy_from_user(t, regs->rdx, sizeof(t)))
			return -EFAULT;
	} else {
		t[0].tv_nsec = t[1].tv_nsec = UTIME_NOW;
	}
	if (!regs->rsi)
		err = fd_inode((int)regs->rdi, &ino);
	else
		err = path_lookup_user((int)regs->rdi, regs->rsi,
				  (flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
					  (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0),
				  &ino);
	if (err)
		return err;
	err = new_time(&t[0], &ino->atime, now);
	if (!err)
		err = new_time(&t[1], &ino->mtime, now);
	if (!err)
		ino->ctime = now;
	iput(ino);
	return err;
}

/* --- access -------------------------------------------------------------------- */

static long do_faccessat(int dirfd, uint64_t upath, int mode, unsigned int flags)
{
	struct inode *ino;
	long err;

	if (mode & ~(F_OK | R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(unsigned int)(AT_EACCESS | AT_SYMLINK_NOFOLLOW |
				    AT_EMPTY_PATH))
		return -EINVAL;
	err = path_lookup_user(dirfd, upath,
			  (flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
				  (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0),
			  &ino);
	if (err)
		return err;
	/* Root may read and write anything; execute what has an x bit. */
	if ((mode & X_OK) && !S_ISDIR(ino->mode) && !(ino->mode & 0111))
		err = -EACCES;
	iput(ino);
	return err;
}

long sys_faccessat(struct pt_regs *regs)
{
	return do_faccessat((int)regs->rdi, regs->rsi, (int)regs->rdx, 0);
}

long sys_faccessat2(struct pt_regs *regs)
{
	return do_faccessat((int)regs->rdi, regs->rsi, (int)regs->rdx,
			    (unsigned int)regs->r10);
}

long sys_access(struct pt_regs *regs)
{
	return do_faccessat(AT_FDCWD, regs->rdi, (int)regs->rsi, 0);
}

/* --- syncing: the data is already where it will stay --------------------------- */

long sys_fsync(struct pt_regs *regs)
{
	return fd_file((int)regs->rdi) ? 0 : -EBADF;
}

long sys_fdatasync(struct pt_regs *regs)
{
	return sys_fsync(regs);
}

long sys_sync(struct pt_regs *regs)
{
	(void)regs;
	return 0;
}
