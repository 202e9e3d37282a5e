// SPDX-License-Identifier: MIT
/*
 * The in-memory file system (Linux's ramfs/tmpfs): inodes, the names in
 * directories, and file data in pages. See <kernel/vfs.h> for the
 * structures and docs/files.md for the whole picture.
 *
 * Names. Every name of every directory is in one hash table, keyed by
 * the directory and the name (as Linux's dcache is), so a lookup costs
 * the same in a directory of ten names as in one of 10^5. Each
 * directory also keeps its names in a list, oldest first, for
 * getdents64, which walks it from a position: each entry has one, given
 * in increasing order, so a reader that goes on from a position sees
 * every name that was there all along exactly once, whatever is added
 * or removed in between. An open directory's cursor stands in that list
 * where its reader is, so that reading a directory of n names costs n
 * steps, not n^2 (see "cursors" below).
 *
 * Data. A file's bytes are in pages found through a two-level index:
 *
 *   inode->index --> [ 512 index page addresses ]
 *                          |
 *                          v
 *                    [ 512 data page addresses ] --> 4096 bytes of data
 *
 * A missing page (never written: a hole) reads as zeros. A file system
 * may hold at most max_pages data pages, half the memory free at boot
 * for the root, as tmpfs's default: a write beyond that, or when memory
 * runs out, gets ENOSPC and changes nothing it has not finished.
 *
 * Data pages are also a page cache: execve maps a program's pages
 * straight into the processes that run it (inode_page_get(), used by
 * kernel/proc/elf.c), one more user of the page each (the page
 * allocator's count; the file is one user too). A page with other
 * users is never written in place: a write or truncation gives the file
 * a copy first and leaves the old page to the programs, which keep
 * seeing the bytes they started with (as if each had read the file at
 * execve), and removing the file drops only its own use of each page:
 *
 *   file index --> page P (3 users)       after a write to the file:
 *   process A ---/                         file index --> page P' (1 user)
 *   process B --/                          A, B --> page P (2 users)
 *
 * One CPU, and the kernel is not preempted (docs/syscalls.md 6.7): no
 * locks. copy_to_user/copy_from_user may fault and map a page, but do
 * not sleep.
 */
#include <kernel/heap.h>
#include <kernel/mmu.h>
#include <kernel/pmm.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <lib/string.h>
#include <uapi/errno.h>

struct superblock *root_sb;
struct inode *root_inode;

/* --- inodes -------------------------------------------------------------- */

static uint64_t next_dev = 1;

struct superblock *ramfs_mount(uint64_t max_pages)
{
	struct superblock *sb = kmalloc(sizeof(*sb));

	if (!sb)
		return NULL;
	memset(sb, 0, sizeof(*sb));
	sb->dev = next_dev++;
	sb->next_ino = 1;
	sb->max_pages = max_pages;
	sb->root = inode_new(sb, S_IFDIR | 0755);
	if (!sb->root) {
		kfree(sb);
		return NULL;
	}
	sb->root->nlink = 2; /* "." and its name in the mount table */
	sb->root->parent = sb->root;
	return sb;
}

struct timespec inode_now(void)
{
	int64_t ns = clock_realtime_ns();

	return (struct timespec){ ns / 1000000000, ns % 1000000000 };
}

struct inode *inode_new(struct superblock *sb, uint32_t mode)
{
	struct inode *ino = kmalloc(sizeof(*ino));

	if (!ino)
		return NULL;
	memset(ino, 0, sizeof(*ino));
	ino->ino = sb->next_ino++;
	ino->mode = mode;
	ino->refs = 1;
	ino->sb = sb;
	ino->atime = ino->mtime = ino->ctime = inode_now();
	ino->next_pos = 2; /* 0 and 1 are "." and ".." */
	sb->inodes++;
	return ino;
}

struct inode *iget(struct inode *ino)
{
	ino->refs++;
	return ino;
}

static void free_data(struct inode *ino);

void iput(struct inode *ino)
{
	if (!ino || --ino->refs)
		return;
	if (ino->sb->ops) /* /proc's: made for a lookup, gone after it */
		ino->sb->ops->evict(ino);
	else if (ino->nlink)
		return;
	/* No name, no user: the inode goes. A directory is empty by now
	 * (rmdir checks), so it owns nothing but itself. */
	if (S_ISREG(ino->mode))
		free_data(ino);
	if (ino->target && ino->size + 1 > KMALLOC_MAX)
		free_page(DIRECT_TO_PHYS(ino->target));
	else
		kfree(ino->target);
	ino->sb->inodes--;
	kfree(ino);
}

void inode_stat(const struct inode *ino, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = ino->sb->dev;
	st->st_ino = ino->ino;
	st->st_nlink = ino->nlink;
	st->st_mode = ino->mode;
	st->st_uid = ino->uid;
	st->st_gid = ino->gid;
	st->st_rdev = ino->rdev;
	st->st_size = (int64_t)ino->size;
	st->st_blksize = 4096;
	st->st_blocks = (int64_t)ino->data_pages * 8;
	st->st_atime = (uint64_t)ino->atime.tv_sec;
	st->st_atime_nsec = (uint64_t)ino->atime.tv_nsec;
	st->st_mtime = (uint64_t)ino->mtime.tv_sec;
	st->st_mtime_nsec = (uint64_t)ino->mtime.tv_nsec;
	st->st_ctime = (uint64_t)ino->ctime.tv_sec;
	st->st_ctime_nsec = (uint64_t)ino->ctime.tv_nsec;
}

/* --- names ----------------------------------------------------------------- */

/* 32768 chains: 256 KiB, about 3 names a chain at 10^5 names. */
#define NAME_HASH_BITS 15
static struct dentry *name_table[1u << NAME_HASH_BITS];

/* FNV-1a over the directory's address and the name. */
static struct dentry **chain(const struct inode *dir, const char *name,
			     size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull ^ (uint64_t)(uintptr_t)dir;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 0x100000001b3ull;
	h ^= h >> 32;
	return &name_table[h & ((1u << NAME_HASH_BITS) - 1)];
}

static struct dentry *find(const struct inode *dir, const char *name,
			   size_t len)
{
	for (struct dentry *d = *chain(dir, name, len); d; d = d->hash_next)
		if (d->dir == dir && d->len == len && !memcmp(d->name, name, len))
			return d;
	return NULL;
}

struct inode *dir_lookup(struct inode *dir, const char *name, size_t len)
{
	struct dentry *d = find(dir, name, len);

	return d ? d->inode : NULL;
}

int dir_link(struct inode *dir, const char *name, size_t len,
	     struct inode *ino)
{
	struct dentry *d, **c = chain(dir, name, len);

	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	d = kmalloc(sizeof(*d) + len + 1);
	if (!d)
		return -ENOSPC;
	d->dir = dir;
	d->inode = ino;
	d->pos = dir->next_pos++;
	d->len = (uint16_t)len;
	memcpy(d->name, name, len);
	d->name[len] = '\0';
	d->hash_next = *c;
	*c = d;
	d->next = NULL;
	d->prev = dir->last;
	if (dir->last)
		dir->last->next = d;
	else
		dir->first = d;
	dir->last = d;
	dir->entries++;
	dir->size = (dir->entries + 2) * 20; /* tmpfs's BOGO_DIRENT_SIZE */
	ino->nlink++;
	if (S_ISDIR(ino->mode)) {
		ino->nlink++; /* its "." */
		dir->nlink++; /* its ".." */
		ino->parent = dir;
		ino->self = d;
	}
	dir->mtime = dir->ctime = ino->ctime = inode_now();
	return 0;
}

void dir_unlink(struct inode *dir, const char *name, size_t len)
{
	struct dentry **c = chain(dir, name, len), *d;
	struct inode *ino;

	while ((d = *c) && !(d->dir == dir && d->len == len &&
			     !memcmp(d->name, name, len)))
		c = &d->hash_next;
	if (!d)
		return;
	*c = d->hash_next;
	if (d->prev)
		d->prev->next = d->next;
	else
		dir->first = d->next;
	if (d->next)
		d->next->prev = d->prev;
	else
		dir->last = d->prev;
	dir->entries--;
	dir->size = (dir->entries + 2) * 20;
	ino = d->inode;
	kfree(d);
	dir->mtime = dir->ctime = ino->ctime = inode_now();
	if (S_ISDIR(ino->mode)) {
		ino->nlink -= 2; /* its name and its "." (rename keeps the rest) */
		dir->nlink--;
		ino->self = NULL;
	} else {
		ino->nlink--;
	}
	/* The caller's reference, or the inode's end. */
	iget(ino);
	iput(ino);
}

bool dir_empty(const struct inode *dir)
{
	return dir->entries == 0;
}

struct dentry *dir_seek(const struct inode *dir, uint64_t pos)
{
	struct dentry *d = dir->first;

	while (d && (!d->inode || d->pos < pos))
		d = d->next;
	return d;
}

struct dentry *dir_next(const struct dentry *d)
{
	for (d = d->next; d && !d->inode; d = d->next)
		;
	return (struct dentry *)d;
}

/* --- cursors: where each open directory's reader is -------------------- */

/*
 * A reader of a big directory must not walk the list from its start at
 * each getdents64 call, or reading n names with k to a call costs
 * n^2/2k steps. So an open directory keeps a cursor (Linux's dcache
 * cursor): a dentry with no inode and no name, in the directory's list
 * just before the next entry to read, which no lookup finds and every
 * walk of the list steps over. Names removed or added elsewhere leave
 * it where it is, so the next call goes on from there at once. Only a
 * position set by lseek (one the cursor does not stand at) costs a walk.
 */
struct dentry *dir_cursor_new(struct inode *dir)
{
	struct dentry *c = kmalloc(sizeof(*c) + 1);

	if (!c)
		return NULL;
	memset(c, 0, sizeof(*c) + 1);
	c->dir = dir; /* no reference: its open file holds one */
	return c;
}

static void cursor_take_out(struct dentry *c)
{
	struct inode *dir = c->dir;

	if (!c->placed)
		return;
	if (c->prev)
		c->prev->next = c->next;
	else
		dir->first = c->next;
	if (c->next)
		c->next->prev = c->prev;
	else
		dir->last = c->prev;
	c->prev = c->next = NULL;
	c->placed = false;
}

void dir_cursor_free(struct dentry *c)
{
	if (!c)
		return;
	cursor_take_out(c);
	kfree(c);
}

void dir_cursor_place(struct dentry *c, struct dentry *before, uint64_t pos)
{
	struct inode *dir = c->dir;

	cursor_take_out(c);
	c->next = before;
	c->prev = before ? before->prev : dir->last;
	if (c->prev)
		c->prev->next = c;
	else
		dir->first = c;
	if (before)
		before->prev = c;
	else
		dir->last = c;
	c->pos = pos;
	c->placed = true;
}

struct dentry *dir_cursor_seek(struct dentry *c, uint64_t pos)
{
	struct dentry *d;

	if (c->placed && c->pos == pos)
		return dir_next(c);
	d = dir_seek(c->dir, pos);
	dir_cursor_place(c, d, pos);
	return d;
}

int dir_find(struct inode *dir, const char *name, size_t len,
	     struct inode **res)
{
	struct inode *ino;

	if (dir->sb->ops)
		return dir->sb->ops->lookup(dir, name, len, res);
	ino = dir_lookup(dir, name, len);
	if (!ino)
		return -ENOENT;
	*res = iget(ino);
	return 0;
}

int fixed_names(struct inode *dir, const char *last, int if_there)
{
	struct inode *ino;

	if (dir_find(dir, last, strlen(last), &ino))
		return -ENOENT;
	iput(ino);
	return if_there;
}

struct dentry *dentry_alloc(struct inode *dir, const char *name, size_t len,
			    struct inode *ino)
{
	struct dentry *d;

	if (len > NAME_MAX)
		return NULL;
	d = kmalloc(sizeof(*d) + len + 1);
	if (!d)
		return NULL;
	memset(d, 0, sizeof(*d));
	d->dir = dir ? iget(dir) : NULL;
	d->inode = ino;
	d->len = (uint16_t)len;
	memcpy(d->name, name, len);
	d->name[len] = '\0';
	return d;
}

void dentry_free(struct dentry *d)
{
	if (!d)
		return;
	iput(d->dir);
	kfree(d);
}

/* --- file data ------------------------------------------------------------- */

#define PER_PAGE 512

/* The slot that holds the address of data page @n, or NULL; with
 * @alloc, the index pages on the way are made. */
static uint64_t *slot(struct inode *ino, uint64_t n, bool alloc)
{
	uint64_t *l2, hi = n / PER_PAGE;

	if (n >= RAMFS_MAX_FILE_PAGES)
		return NULL;
	if (!ino->index) {
		uint64_t pa;

		if (!alloc || !(pa = alloc_page()))
			return NULL;
		ino->index = PHYS_TO_VIRT(pa);
		page_zero(ino->index);
	}
	if (!ino->index[hi]) {
		uint64_t pa;

		if (!alloc || !(pa = alloc_page()))
			return NULL;
		page_zero(PHYS_TO_VIRT(pa));
		ino->index[hi] = pa;
	}
	l2 = PHYS_TO_VIRT(ino->index[hi]);
	return &l2[n % PER_PAGE];
}

/*
 * Make the page in slot @s the file's alone before it is written: if
 * programs map it too, the file takes a copy and they keep the page.
 * False if there is no memory for the copy (nothing changed then).
 */
static bool own_page(uint64_t *s)
{
	uint64_t copy;

	if (page_users(*s) == 1)
		return true;
	copy = alloc_page_copy(*s);
	if (!copy)
		return false;
	page_put(*s); /* the mappings keep it */
	*s = copy;
	return true;
}

/* Data page @n for writing, made (zeroed) if missing, the file's alone;
 * NULL: no room. */
static void *page_for_write(struct inode *ino, uint64_t n)
{
	uint64_t *s, pa;

	if (ino->sb->pages >= ino->sb->max_pages)
		return NULL;
	s = slot(ino, n, true);
	if (!s)
		return NULL;
	if (*s && !own_page(s))
		return NULL;
	if (!*s) {
		if (!(pa = alloc_page()))
			return NULL;
		page_zero(PHYS_TO_VIRT(pa));
		*s = pa;
		ino->data_pages++;
		ino->sb->pages++;
	}
	return PHYS_TO_VIRT(*s);
}

/* Data page @n for reading, or NULL for a hole. */
static const void *page_for_read(struct inode *ino, uint64_t n)
{
	uint64_t *s = slot(ino, n, false);

	return s && *s ? PHYS_TO_VIRT(*s) : NULL;
}

uint64_t inode_page_get(struct inode *ino, uint64_t n)
{
	uint64_t *s;

	if (ino->sb->ops || !S_ISREG(ino->mode))
		return 0; /* /proc's files have no pages */
	s = slot(ino, n, false);
	if (!s || !*s)
		return 0;
	page_get(*s);
	return *s;
}

/* Let go of the data pages from page @from on (a page programs still
 * map lives on with them), and free index pages left empty. */
static void free_pages_from(struct inode *ino, uint64_t from)
{
	if (!ino->index)
		return;
	for (uint64_t hi = 0; hi < PER_PAGE; hi++) {
		uint64_t *l2;
		bool used = false;

		if (!ino->index[hi])
			continue;
		l2 = PHYS_TO_VIRT(ino->index[hi]);
		for (uint64_t lo = 0; lo < PER_PAGE; lo++) {
			if (!l2[lo])
				continue;
			if (hi * PER_PAGE + lo < from) {
				used = true;
				continue;
			}
			page_put(l2[lo]);
			l2[lo] = 0;
			ino->data_pages--;
			ino->sb->pages--;
		}
		if (!used) {
			free_page(ino->index[hi]);
			ino->index[hi] = 0;
		}
	}
	if (from == 0) {
		free_page(DIRECT_TO_PHYS(ino->index));
		ino->index = NULL;
	}
}

static void free_data(struct inode *ino)
{
	free_pages_from(ino, 0);
}

/*
 * Move @n bytes between the file at @pos and @buf, a kernel address or
 * (@user) a user one. A read stops at the end of the file.
 */
static long transfer(struct inode *ino, uint64_t buf, size_t n, uint64_t pos,
		     bool write, bool user)
{
	size_t done = 0;
	long err = 0;

	if (!write) {
		if (pos >= ino->size)
			return 0;
		if (n > ino->size - pos)
			n = (size_t)(ino->size - pos);
	} else if (pos >= RAMFS_MAX_FILE_SIZE) {
		return -EFBIG;
	} else if (n > RAMFS_MAX_FILE_SIZE - pos) {
		n = (size_t)(RAMFS_MAX_FILE_SIZE - pos);
	}
	while (done < n) {
		uint64_t at = pos + done, off = at % 4096;
		size_t chunk = 4096 - off;
		size_t left;

		if (chunk > n - done)
			chunk = n - done;
		if (write) {
			char *page = page_for_write(ino, at / 4096);

			if (!page) {
				err = -ENOSPC;
				break;
			}
			left = user ? copy_from_user(page + off, buf + done, chunk)
				    : (memcpy(page + off, (const void *)(uintptr_t)(buf + done), chunk), 0);
		} else {
			const char *page = page_for_read(ino, at / 4096);
			static const char zeros[4096];

			if (!page)
				page = zeros;
			left = user ? copy_to_user(buf + done, page + off, chunk)
				    : (memcpy((void *)(uintptr_t)(buf + done), page + off, chunk), 0);
		}
		done += chunk - left;
		if (left) {
			err = -EFAULT;
			break;
		}
	}
	if (write && done) {
		if (pos + done > ino->size)
			ino->size = pos + done;
		ino->mtime = ino->ctime = inode_now();
	}
	return done ? (long)done : err;
}

long inode_read(struct inode *ino, void *buf, size_t n, uint64_t pos)
{
	return transfer(ino, (uint64_t)(uintptr_t)buf, n, pos, false, false);
}

long inode_write(struct inode *ino, const void *buf, size_t n, uint64_t pos)
{
	return transfer(ino, (uint64_t)(uintptr_t)buf, n, pos, true, false);
}

long inode_read_user(struct inode *ino, uint64_t ubuf, size_t n, uint64_t pos)
{
	return transfer(ino, ubuf, n, pos, false, true);
}

long inode_write_user(struct inode *ino, uint64_t ubuf, size_t n, uint64_t pos)
{
	return transfer(ino, ubuf, n, pos, true, true);
}

int inode_truncate(struct inode *ino, uint64_t size)
{
	if (size > RAMFS_MAX_FILE_SIZE)
		return -EFBIG;
	if (size < ino->size) {
		/* The pages wholly past the end go; the tail of the last
		 * one is zeroed, so that growing the file again reads
		 * zeros there (in the file's own copy, if programs map
		 * the page: they keep what they had). */
		uint64_t keep = (size + 4095) / 4096;
		uint64_t *last = size % 4096 ? slot(ino, size / 4096, false)
					     : NULL;

		if (last && *last && !own_page(last))
			return -ENOSPC; /* no memory for the copy */
		free_pages_from(ino, keep);
		if (last && *last)
			memset((char *)PHYS_TO_VIRT(*last) + size % 4096, 0,
			       4096 - size % 4096);
	}
	ino->size = size;
	ino->mtime = ino->ctime = inode_now();
	return 0;
}

int inode_set_target(struct inode *ino, const char *target, size_t len)
{
	/* A long target (up to PATH_MAX - 1) gets a page of its own. */
	if (len + 1 > KMALLOC_MAX) {
		uint64_t pa = alloc_page();

		ino->target = pa ? PHYS_TO_VIRT(pa) : NULL;
	} else {
		ino->target = kmalloc(len + 1);
	}
	if (!ino->target)
		return -ENOMEM;
	memcpy(ino->target, target, len);
	ino->target[len] = '\0';
	ino->size = len;
	return 0;
}
