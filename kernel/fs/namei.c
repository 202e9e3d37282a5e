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
 *   a name  dir_find() in the current directory, which must be one
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

/* Where a walk found its last name: the directory (with a reference)
 * and the name, for path_lookup_name(). */
struct found {
	struct inode *dir;
	size_t len;
	char name[NAME_MAX + 1];
};

static void found_set(struct found *f, struct inode *dir, const char *name,
		      size_t len)
{
	if (!f)
		return;
	iput(f->dir);
	f->dir = dir ? iget(dir) : NULL;
	memcpy(f->name, name, len);
	f->name[len] = '\0';
	f->len = len;
}

/*
 * The walk, of @path, which it only reads. A symlink's target and the
 * rest of the path are put together in one of two pages (@pages), each
 * allocated the first time it is needed, and used in turn, so that most
 * walks (no symlink) allocate nothing. With @last, the walk stops before
 * the last component and copies it there (for the calls that create or
 * remove a name). With @found, it notes each name it finds a file by.
 *
 * A link of /proc may lead to a file rather than to a path (its
 * proc.jump: /proc/PID/exe, cwd, fd/N): following it goes on from that
 * file, whatever its name is now, as Linux's "magic" links do.
 */
static int walk(int dirfd, const char *path, char *pages[2], int flags,
		struct inode **res, char *last, struct found *found)
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
		err = dir_find(cur, name, len, &next);
		if (err)
			goto fail;
		if (next->mounted) {
			struct inode *root = iget(mounted(next));

			iput(next);
			next = root;
		}
		if (S_ISLNK(next->mode) &&
		    (!final || *p == '/' || (flags & LOOKUP_FOLLOW))) {
			/* "target" + "/rest": built in the page not in use. */
			size_t tlen = next->size, rlen = strlen(p);
			char **page = &pages[links % 2];
			struct dentry *jump = next->proc.jump;

			if (++links > MAXSYMLINKS)
				err = -ELOOP;
			else if (!jump && !next->target)
				err = -ENOENT; /* a link of /proc to nothing */
			else if (jump) { /* to a file, not a path */
				found_set(found, jump->dir, jump->name, jump->len);
				iput(cur);
				cur = iget(jump->inode);
			} else if (tlen + rlen + 1 > PATH_MAX)
				err = -ENAMETOOLONG;
			else if (!*page && !(*page = path_alloc()))
				err = -ENOMEM;
			if (err || jump) {
				iput(next);
				if (err)
					goto fail;
				continue;
			}
			memmove(*page + tlen, p, rlen + 1);
			memcpy(*page, next->target, tlen);
			iput(next);
			path = p = *page;
			if (*p == '/') {
				iput(cur);
				cur = iget(root_inode);
			}
			continue;
		}
		found_set(found, cur, name, len);
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
		     struct inode **res, char *last, struct found *found)
{
	char *pages[2] = { NULL, NULL };
	int err;

	if (!path[0] && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	err = walk(dirfd, path, pages, flags, res, last, found);
	path_free(pages[0]);
	path_free(pages[1]);
	return err;
}

int path_lookup(int dirfd, const char *path, int flags, struct inode **res)
{
	return walk_copy(dirfd, path, flags, res, NULL, NULL);
}

int path_lookup_name(int dirfd, const char *path, int flags,
		     struct inode **res, struct dentry **name)
{
	struct found found = { .dir = NULL, .len = 0 };
	int err = walk_copy(dirfd, path, flags, res, NULL, &found);

	*name = NULL;
	/* A name step was the last one unless a directory came from "."
	 * or "..": then the directory's own name says where it is. */
	if (!err && found.len && !S_ISDIR((*res)->mode))
		*name = dentry_alloc(found.dir, found.name, found.len, *res);
	iput(found.dir);
	return err;
}

int path_parent(int dirfd, const char *path, struct inode **dir, char *last)
{
	return walk_copy(dirfd, path, 0, dir, last, NULL);
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

long dentry_path(const struct dentry *d, char *buf, size_t size)
{
	static const char deleted[] = " (deleted)";
	long n;

	if (!d->dir)
		return -ENOENT;
	n = dir_path(d->dir, buf, size);
	if (n < 0)
		return n;
	n--; /* the NUL */
	if (n > 1)
		buf[n++] = '/';
	if ((size_t)n + d->len + sizeof(deleted) > size)
		return -ERANGE;
	memcpy(buf + n, d->name, d->len);
	n += d->len;
	if (d->inode && d->inode->nlink == 0 && !d->inode->sb->ops) {
		memcpy(buf + n, deleted, sizeof(deleted));
		n += (long)sizeof(deleted) - 1;
	}
	buf[n] = '\0';
	return n;
}
