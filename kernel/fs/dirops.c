// SPDX-License-Identifier: MIT
/*
 * The calls that change names: mkdirat, mknodat, unlinkat (and rmdir),
 * renameat2, linkat, symlinkat; readlinkat; and the working directory:
 * getcwd, chdir, fchdir. Each takes the old and new forms (mkdir, mknod,
 * unlink, rename, link, symlink, readlink) too, which are the *at ones
 * from AT_FDCWD.
 *
 * The errors are Linux's, in Linux's order where more than one applies:
 * EEXIST for a name that is taken, ENOENT for a missing one, ENOTDIR and
 * EISDIR for the wrong kind, ENOTEMPTY for a directory with names in it,
 * EINVAL for moving a directory into itself, EXDEV across file systems,
 * EBUSY for a mount point or the root. /proc's names cannot change:
 * ENOENT for a name that is not there, EEXIST or EPERM for one that is.
 */
#include <kernel/file.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* The parent directory and last name of the user path @upath. */
static int parent_of(int dirfd, uint64_t upath, struct inode **dir, char *last)
{
	char *path = path_alloc();
	int err;

	if (!path)
		return -ENOMEM;
	err = path_from_user(path, upath, false);
	if (!err)
		err = path_parent(dirfd, path, dir, last);
	path_free(path);
	return err;
}


static bool dots(const char *name)
{
	return !strcmp(name, ".") || !strcmp(name, "..");
}

/* --- mkdir, symlink, link ---------------------------------------------------- */

/* Make @last in @dir: a new inode of @mode. */
static long make(struct inode *dir, const char *last, uint32_t mode,
		 struct inode **made)
{
	struct inode *ino;
	int err;

	if (!last[0] || dots(last))
		return -EEXIST;
	if (dir->sb->ops) /* /proc */
		return fixed_names(dir, last, -EEXIST);
	if (dir_lookup(dir, last, strlen(last)))
		return -EEXIST;
	if (dir->nlink == 0)
		return -ENOENT;
	ino = inode_new(dir->sb, mode);
	if (!ino)
		return -ENOSPC;
	err = dir_link(dir, last, strlen(last), ino);
	if (err) {
		iput(ino);
		return err;
	}
	*made = ino;
	return 0;
}

static long do_mkdirat(int dirfd, uint64_t upath, uint32_t mode)
{
	char last[NAME_MAX + 1];
	struct inode *dir, *ino;
	long err = parent_of(dirfd, upath, &dir, last);

	if (err)
		return err;
	err = make(dir, last,
		   S_IFDIR | (mode & ~current->leader->umask & S_IALLUGO), &ino);
	if (!err)
		iput(ino);
	iput(dir);
	return err;
}

long sys_mkdirat(struct pt_regs *regs)
{
	return do_mkdirat((int)regs->rdi, regs->rsi, (uint32_t)regs->rdx);
}

long sys_mkdir(struct pt_regs *regs)
{
	return do_mkdirat(AT_FDCWD, regs->rdi, (uint32_t)regs->rsi);
}

/*
 * mknodat(dirfd, path, mode, dev): a FIFO, a regular file (type 0 or
 * S_IFREG), a socket's name (which opens with ENXIO), or a device node.
 * Linux lets only CAP_MKNOD make devices; everyone is root here, so
 * anyone may. A character node with the number of one of /dev's devices
 * opens as that device, any other number and every block node with
 * ENXIO, as a node without a driver does on Linux.
 *
 * Linux's order of errors: the type first (EPERM for a directory,
 * EINVAL for a type Linux does not know), then the path's; a name that
 * exists is EEXIST, a new one ending in "/" ENOENT (Linux's
 * filename_create: that asks for a directory).
 */
static long do_mknodat(int dirfd, uint64_t upath, uint32_t mode, uint32_t dev)
{
	char last[NAME_MAX + 1], *path;
	struct inode *dir, *ino;
	long err;

	mode &= 0xffff; /* Linux takes a umode_t */
	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	path = path_alloc();
	if (!path)
		return -ENOMEM;
	err = path_from_user(path, upath, false);
	if (!err)
		err = path_parent(dirfd, path, &dir, last);
	if (err) {
		path_free(path);
		return err;
	}
	if (path[strlen(path) - 1] == '/' && last[0] && !dots(last) &&
	    !dir_lookup(dir, last, strlen(last)))
		err = -ENOENT;
	else
		err = make(dir, last,
			   (mode & S_IFMT) |
				   (mode & ~current->leader->umask & S_IALLUGO),
			   &ino);
	if (!err) {
		/* Linux's 32-bit dev (new_decode_dev) is MKDEV's encoding:
		 * st_rdev gives back the number made. */
		if (S_ISCHR(mode) || S_ISBLK(mode))
			ino->rdev = dev;
		iput(ino);
	}
	iput(dir);
	path_free(path);
	return err;
}

long sys_mknodat(struct pt_regs *regs)
{
	return do_mknodat((int)regs->rdi, regs->rsi, (uint32_t)regs->rdx,
			  (uint32_t)regs->r10);
}

long sys_mknod(struct pt_regs *regs)
{
	return do_mknodat(AT_FDCWD, regs->rdi, (uint32_t)regs->rsi,
			  (uint32_t)regs->rdx);
}

static long do_symlinkat(uint64_t utarget, int dirfd, uint64_t upath)
{
	char last[NAME_MAX + 1], *target = path_alloc();
	struct inode *dir, *ino;
	long err;

	if (!target)
		return -ENOMEM;
	err = path_from_user(target, utarget, false);
	if (!err)
		err = parent_of(dirfd, upath, &dir, last);
	if (err) {
		path_free(target);
		return err;
	}
	err = make(dir, last, S_IFLNK | 0777, &ino);
	if (!err) {
		err = inode_set_target(ino, target, strlen(target));
		if (err) /* no room for the target: the name goes again */
			dir_unlink(dir, last, strlen(last));
		iput(ino);
	}
	iput(dir);
	path_free(target);
	return err;
}

long sys_symlinkat(struct pt_regs *regs)
{
	return do_symlinkat(regs->rdi, (int)regs->rsi, regs->rdx);
}

long sys_symlink(struct pt_regs *regs)
{
	return do_symlinkat(regs->rdi, AT_FDCWD, regs->rsi);
}

static long do_linkat(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew,
		      unsigned int flags)
{
	char last[NAME_MAX + 1];
	struct inode *ino, *dir;
	long err;

	if (flags & ~(unsigned int)(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = path_lookup_user(olddirfd, uold,
			  (flags & AT_SYMLINK_FOLLOW ? LOOKUP_FOLLOW : 0) |
				  (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0),
			  &ino);
	if (err)
		return err;
	if (S_ISDIR(ino->mode)) {
		iput(ino);
		return -EPERM; /* no hard links to directories */
	}
	err = parent_of(newdirfd, unew, &dir, last);
	if (err) {
		iput(ino);
		return err;
	}
	if (!last[0] || dots(last))
		err = -EEXIST;
	else if (dir->sb->ops) /* /proc */
		err = fixed_names(dir, last, -EEXIST);
	else if (dir_lookup(dir, last, strlen(last)))
		err = -EEXIST;
	else if (dir->sb != ino->sb)
		err = -EXDEV;
	else if (dir->nlink == 0 || ino->nlink == 0)
		err = -ENOENT;
	else
		err = dir_link(dir, last, strlen(last), ino);
	iput(dir);
	iput(ino);
	return err;
}

long sys_linkat(struct pt_regs *regs)
{
	return do_linkat((int)regs->rdi, regs->rsi, (int)regs->rdx, regs->r10,
			 (unsigned int)regs->r8);
}

long sys_link(struct pt_regs *regs)
{
	return do_linkat(AT_FDCWD, regs->rdi, AT_FDCWD, regs->rsi, 0);
}

/* --- unlink, rmdir ---------------------------------------------------------- */

static long do_unlinkat(int dirfd, uint64_t upath, unsigned int flags)
{
	char last[NAME_MAX + 1];
	struct inode *dir, *ino = NULL;
	bool rmdir = flags & AT_REMOVEDIR;
	long err;

	if (flags & ~(unsigned int)AT_REMOVEDIR)
		return -EINVAL;
	err = parent_of(dirfd, upath, &dir, last);
	if (err)
		return err;
	if (!last[0]) /* "/" */
		err = rmdir ? -EBUSY : -EISDIR;
	else if (!strcmp(last, "."))
		err = rmdir ? -EINVAL : -EISDIR;
	else if (!strcmp(last, ".."))
		err = rmdir ? -ENOTEMPTY : -EISDIR;
	else if (dir_find(dir, last, strlen(last), &ino))
		err = -ENOENT;
	else if (rmdir && !S_ISDIR(ino->mode))
		err = -ENOTDIR;
	else if (!rmdir && S_ISDIR(ino->mode))
		err = -EISDIR;
	else if (dir->sb->ops) /* /proc: its names stay */
		err = -EPERM;
	else if (rmdir && ino->mounted)
		err = -EBUSY;
	else if (rmdir && !dir_empty(ino))
		err = -ENOTEMPTY;
	else
		dir_unlink(dir, last, strlen(last));
	iput(ino);
	iput(dir);
	return err;
}

long sys_unlinkat(struct pt_regs *regs)
{
	return do_unlinkat((int)regs->rdi, regs->rsi, (unsigned int)regs->rdx);
}

long sys_unlink(struct pt_regs *regs)
{
	return do_unlinkat(AT_FDCWD, regs->rdi, 0);
}

long sys_rmdir(struct pt_regs *regs)
{
	return do_unlinkat(AT_FDCWD, regs->rdi, AT_REMOVEDIR);
}

/* --- rename ------------------------------------------------------------------ */

/* Is @dir @ino, or inside it? (Moving a directory there would cut it
 * off from the tree.) */
static bool inside(const struct inode *dir, const struct inode *ino)
{
	for (;;) {
		if (dir == ino)
			return true;
		if (dir == dir->parent || !dir->parent)
			return false;
		dir = dir->parent;
	}
}

/* Move the name @on in @od to @nn in @nd (replacing what is there). */
static long move(struct inode *od, const char *on, struct inode *nd,
		 const char *nn, unsigned int flags)
{
	struct inode *ino, *old_target;
	long err;

	if (od->sb != nd->sb)
		return -EXDEV; /* Linux looks at the mounts first */
	if (od->sb->ops) { /* /proc: ENOENT for a missing name, else EPERM */
		err = fixed_names(od, on, 0);
		return err ? err : fixed_names(nd, nn, -EPERM);
	}
	ino = dir_lookup(od, on, strlen(on));
	old_target = dir_lookup(nd, nn, strlen(nn));
	if (!ino)
		return -ENOENT;
	if (ino->mounted || (old_target && old_target->mounted))
		return -EBUSY;
	if (old_target == ino)
		return 0; /* the same file: nothing to do (POSIX) */
	if ((flags & RENAME_NOREPLACE) && old_target)
		return -EEXIST;
	if ((flags & RENAME_EXCHANGE) && !old_target)
		return -ENOENT;
	if (S_ISDIR(ino->mode) && inside(nd, ino))
		return -EINVAL;
	if (old_target && !(flags & RENAME_EXCHANGE)) {
		if (S_ISDIR(ino->mode) && !S_ISDIR(old_target->mode))
			return -ENOTDIR;
		if (!S_ISDIR(ino->mode) && S_ISDIR(old_target->mode))
			return -EISDIR;
		if (S_ISDIR(old_target->mode) && !dir_empty(old_target))
			return -ENOTEMPTY;
	}
	if (flags & RENAME_EXCHANGE) {
		if (S_ISDIR(old_target->mode) && inside(od, old_target))
			return -EINVAL;
		/* Both stay alive across the swap: hold them. */
		iget(ino);
		iget(old_target);
		dir_unlink(od, on, strlen(on));
		dir_unlink(nd, nn, strlen(nn));
		err = dir_link(nd, nn, strlen(nn), ino);
		if (!err)
			err = dir_link(od, on, strlen(on), old_target);
		iput(ino);
		iput(old_target);
		return err;
	}
	iget(ino);
	if (old_target)
		dir_unlink(nd, nn, strlen(nn));
	dir_unlink(od, on, strlen(on));
	err = dir_link(nd, nn, strlen(nn), ino);
	if (err) /* out of memory for the new name: put the old one back */
		dir_link(od, on, strlen(on), ino);
	iput(ino);
	return err;
}

static long do_renameat2(int olddirfd, uint64_t uold, int newdirfd,
			 uint64_t unew, unsigned int flags)
{
	char on[NAME_MAX + 1], nn[NAME_MAX + 1];
	struct inode *od, *nd;
	long err;

	if (flags & ~(unsigned int)(RENAME_NOREPLACE | RENAME_EXCHANGE) ||
	    ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE)))
		return -EINVAL;
	err = parent_of(olddirfd, uold, &od, on);
	if (err)
		return err;
	err = parent_of(newdirfd, unew, &nd, nn);
	if (err) {
		iput(od);
		return err;
	}
	if (!on[0] || !nn[0])
		err = -EBUSY;
	else if (dots(on) || dots(nn))
		err = -EINVAL; /* Linux: EBUSY for ".." too; see docs */
	else
		err = move(od, on, nd, nn, flags);
	iput(od);
	iput(nd);
	return err;
}

long sys_renameat2(struct pt_regs *regs)
{
	return do_renameat2((int)regs->rdi, regs->rsi, (int)regs->rdx, regs->r10,
			    (unsigned int)regs->r8);
}

long sys_renameat(struct pt_regs *regs)
{
	return do_renameat2((int)regs->rdi, regs->rsi, (int)regs->rdx, regs->r10,
			    0);
}

long sys_rename(struct pt_regs *regs)
{
	return do_renameat2(AT_FDCWD, regs->rdi, AT_FDCWD, regs->rsi, 0);
}

/* --- readlink ----------------------------------------------------------------- */

static long do_readlinkat(int dirfd, uint64_t upath, uint64_t ubuf, long size)
{
	struct inode *ino;
	long err, n;

	if (size <= 0)
		return -EINVAL;
	err = path_lookup_user(dirfd, upath, LOOKUP_EMPTY, &ino);
	if (err)
		return err;
	if (!S_ISLNK(ino->mode) || !ino->target) {
		/* no target: a link of /proc with nothing to show */
		err = S_ISLNK(ino->mode) ? -ENOENT : -EINVAL;
		iput(ino);
		return err;
	}
	n = (long)ino->size < size ? (long)ino->size : size;
	err = copy_to_user(ubuf, ino->target, (size_t)n) ? -EFAULT : n;
	iput(ino);
	return err;
}

long sys_readlinkat(struct pt_regs *regs)
{
	return do_readlinkat((int)regs->rdi, regs->rsi, regs->rdx,
			     (long)regs->r10);
}

long sys_readlink(struct pt_regs *regs)
{
	return do_readlinkat(AT_FDCWD, regs->rdi, regs->rsi, (long)regs->rdx);
}

/* --- the working directory ------------------------------------------------------ */

/* getcwd(buf, size): the length with its NUL, as the system call returns. */
long sys_getcwd(struct pt_regs *regs)
{
	char *buf = path_alloc();
	long n;

	if (!buf)
		return -ENOMEM;
	n = dir_path(current->leader->cwd, buf, PATH_MAX);
	if (n >= 0 && (uint64_t)n > regs->rsi)
		n = -ERANGE;
	if (n >= 0 && copy_to_user(regs->rdi, buf, (size_t)n))
		n = -EFAULT;
	path_free(buf);
	return n;
}

static long set_cwd(struct inode *dir)
{
	struct process *l = current->leader;

	if (!S_ISDIR(dir->mode)) {
		iput(dir);
		return -ENOTDIR;
	}
	iput(l->cwd);
	l->cwd = dir; /* the reference passes to it */
	return 0;
}

long sys_chdir(struct pt_regs *regs)
{
	struct inode *dir;
	long err = path_lookup_user(AT_FDCWD, regs->rdi, LOOKUP_FOLLOW, &dir);

	return err ? err : set_cwd(dir);
}

long sys_fchdir(struct pt_regs *regs)
{
	struct file *f = fd_file((int)regs->rdi);

	if (!f)
		return -EBADF;
	if (!f->inode)
		return -ENOTDIR;
	return set_cwd(iget(f->inode));
}
