// SPDX-License-Identifier: MIT
/*
 * Path walks: from a string such as "../lib/./x" to an inode, one
 * component at a time, as Linux's fs/namei.c does:
 *
 *   start   "/..." at the root, else at the directory @dirfd names
 *           (AT_FDCWD: the process's working directory)
 *   "."     stays; ".." goes to the parent (the root's is itself; at the
 *           root of a mounted file system, to the parent of the directory
 *           it is mounted on)
 *   a name  dir_lookup() in the current directory, which must be one
 *           (ENOTDIR); a directory with a file system mounted on it
 *           stands for that file system's root
 *   symlink in the middle of the path, or at its end unless the caller
 *           says not to follow (lstat, O_NOFOLLOW): its target takes its
 *           place, "target/rest of the path", at most 40 times (ELOOP)
 *
 * A name longer than NAME_MAX (255) is ENAMETOOLONG, as is a path that
 * grows past PATH_MAX while symlinks are expanded. A path ending in "/"
 * must name a directory.
 *
 * Everyone is root here (uid 0): permission bits are stored, shown and
 * changed, but never refuse a walk, a read or a write, as root's are
 * not on Linux (except that nothing executes a file without an x bit).
 */
#include <kernel/file.h>
#include <kernel/mmu.h>
#include <kernel/pmm.h>
#include <kernel/proc.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <lib/string.h>
#include <uapi/errno.h>

char *path_alloc(void)
{
	uint64_t pa = alloc_page();

	return pa ? PHYS_TO_VIRT(pa) : NULL;
}

void path_free(char *path)
{
	if (path)
		free_page(DIRECT_TO_PHYS(path));
}

/* Bytes copied at a time: most paths fit in one piece. */
#define PATH_CHUNK 64

int path_from_user(char *buf, uint64_t upath, bool empty_ok)
{
	/* A byte at a time would be slow, and a copy that crosses into the
	 * next page could fault on a path whose NUL lies just before an
	 * unmapped page: copy pieces of PATH_CHUNK bytes that never cross
	 * a page boundary, until one holds the NUL. */
	size_t n = 0;

	while (n < PATH_MAX) {
		size_t chunk = 4096 - ((upath + n) % 4096);

		if (chunk > PATH_CHUNK)
			chunk = PATH_CHUNK;
		if (chunk > PATH_MAX - n)
			chunk = PATH_MAX - n;
		if (copy_from_user(buf + n, upath + n, chunk))
			return -EFAULT;
		if (strnlen(buf + n, chunk) < chunk) {
			if (!buf[0] && !empty_ok)
				return -ENOENT;
			return 0;
		}
		n += chunk;
	}
	return -ENAMETOOLONG;
}

/* The directory a walk starts from, with a reference. */
static int start_dir(int dirfd, const char *path, struct inode **res)
{
	struct inode *dir;

	if (path[0] == '/') {
		dir = root_inode;
	} else if (dirfd == AT_FDCWD) {
		dir = current->leader->cwd;
	} else {
		struct file *f = fd_file(dirfd);

		if (!f)
			return -EBADF;
		dir = file_inode(f);
		if (!dir || (!S_ISDIR(dir->mode) && path[0]))
			return -ENOTDIR;
	}
	*res = iget(dir);
	return 0;
}

/* The directory "@dir/.." is, across mount points. */
static struct inode *dotdot(struct inode *dir)
{
	while (dir == dir->sb->root && dir->covers)
		dir = dir->covers;
	return dir->parent ? dir->parent : dir;
}

/* What the name @ino stands for: the root mounted on it, if any. */
static struct inode *mounted(struct inode *ino)
{
	while (ino->mounted)
		ino = ino->mounted;
	return ino;
}

/*
 * The walk, of @path, which it only reads. A symlink's target and the
 * rest of the path are put together in one of two pages (@pages), each
 * allocated the first time it is needed, and used in turn, so that most
 * walks (no symlink) allocate nothing. With @last, the walk stops before
 * the last component and copies it there (for the calls that create or
 * remove a name).
 */
static int walk(int dirfd, const char *path, char *pages[2], int flags,
		struct inode **res, char *last)
{
	struct inode *cur;
	const char *p = path;
	int links = 0, err;

	err = start_dir(dirfd, path, &cur);
	if (err)
		return err;
	for (;;) {
		const char *name, *rest;
		size_t len;
		bool final;
		struct inode *next;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		name = p;
		while (*p && *p != '/')
			p++;
		len = (size_t)(p - name);
		rest = p;
		while (*rest == '/')
			rest++;
		final = !*rest;
		if (len > NAME_MAX) {
			err = -ENAMETOOLONG;
			goto fail;
		}
		if (!S_ISDIR(cur->mode)) {
			err = -ENOTDIR;
			goto fail;
		}
		if (final && last) {
			memcpy(last, name, len);
			last[len] = '\0';
			*res = cur;
			return 0;
		}
		if (len == 1 && name[0] == '.')
			continue;
		if (len == 2 && name[0] == '.' && name[1] == '.') {
			next = dotdot(cur);
			iget(next);
			iput(cur);
			cur = next;
			continue;
		}
		if (cur->nlink == 0) { /* removed: nothing can be in it */
			err = -ENOENT;
			goto fail;
		}
		next = dir_lookup(cur, name, len);
		if (!next) {
			err = -ENOENT;
			goto fail;
		}
		next = mounted(next);
		if (S_ISLNK(next->mode) &&
		    (!final || *p == '/' || (flags & LOOKUP_FOLLOW))) {
			/* "target" + "/rest": built in the page not in use. */
			size_t tlen = next->size, rlen = strlen(p);
			char **page = &pages[links % 2];

			if (++links > MAXSYMLINKS) {
				err = -ELOOP;
				goto fail;
			}
			if (tlen + rlen + 1 > PATH_MAX) {
				err = -ENAMETOOLONG;
				goto fail;
			}
			if (!*page && !(*page = path_alloc())) {
				err = -ENOMEM;
				goto fail;
			}
			memmove(*page + tlen, p, rlen + 1);
			memcpy(*page, next->target, tlen);
			path = p = *page;
			if (*p == '/') {
				iput(cur);
				cur = iget(root_inode);
			}
			continue;
		}
		iget(next);
		iput(cur);
		cur = next;
	}
	if (last) { /* the path was "/" or "" (or only slashes): no name */
		last[0] = '\0';
		*res = cur;
		return 0;
	}
	if (((flags & LOOKUP_DIRECTORY) || (p > path && p[-1] == '/')) &&
	    !S_ISDIR(cur->mode)) {
		err = -ENOTDIR;
		goto fail;
	}
	*res = cur;
	return 0;
fail:
	iput(cur);
	return err;
}

/* Run walk(), and give back the pages its symlinks took. */
static int walk_copy(int dirfd, const char *path, int flags,
		     struct inode **res, char *last)
{
	char *pages[2] = { NULL, NULL };
	int err;

	if (!path[0] && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	err = walk(dirfd, path, pages, flags, res, last);
	path_free(pages[0]);
	path_free(pages[1]);
	return err;
}

int path_lookup(int dirfd, const char *path, int flags, struct inode **res)
{
	return walk_copy(dirfd, path, flags, res, NULL);
}

int path_parent(int dirfd, const char *path, struct inode **dir, char *last)
{
	return walk_copy(dirfd, path, 0, dir, last);
}

/*
 * The *at calls' lookup of user path @upath from @dirfd: as path_lookup,
 * and with LOOKUP_EMPTY an empty path is @dirfd's own file (AT_EMPTY_PATH;
 * -EINVAL for a pipe or the console, which have no inode).
 */
int path_lookup_user(int dirfd, uint64_t upath, int flags, struct inode **res)
{
	char *path = path_alloc();
	int err;

	if (!path)
		return -ENOMEM;
	err = path_from_user(path, upath, flags & LOOKUP_EMPTY);
	if (!err && !path[0]) { /* AT_EMPTY_PATH: @dirfd itself */
		struct file *f = dirfd == AT_FDCWD ? NULL : fd_file(dirfd);

		if (dirfd == AT_FDCWD)
			*res = iget(current->leader->cwd);
		else if (!f)
			err = -EBADF;
		else if (!f->inode)
			err = -EINVAL; /* a pipe: no inode to change here */
		else
			*res = iget(f->inode);
	} else if (!err) {
		err = path_lookup(dirfd, path, flags, res);
	}
	path_free(path);
	return err;
}

long dir_path(struct inode *dir, char *buf, size_t size)
{
	size_t at = size;

	/* Names from the end of @buf back to its start: "/b" then "/a/b". */
	if (size < 2)
		return -ERANGE;
	buf[--at] = '\0';
	for (;;) {
		struct dentry *d;

		while (dir == dir->sb->root && dir->covers)
			dir = dir->covers;
		if (dir == root_inode)
			break;
		d = dir->self;
		if (!d)
			return -ENOENT; /* removed (rmdir) while someone is in it */
		if (at < (size_t)d->len + 1)
			return -ERANGE;
		at -= d->len;
		memcpy(buf + at, d->name, d->len);
		buf[--at] = '/';
		dir = d->dir;
	}
	if (at == size - 1)
		buf[--at] = '/';
	memmove(buf, buf + at, size - at);
	return (long)(size - at);
}
