/* SPDX-License-Identifier: MIT */
/*
 * The file system tree (docs/files.md): inodes, the names in directories,
 * path walks, and the in-memory file system that holds them.
 *
 *   "/bin/sh" --path walk (kernel/fs/namei.c)--> struct inode
 *        one name at a time: dir_lookup(dir, "bin") in the name table,
 *        then dir_lookup(bin, "sh"); symlinks, "." and ".." on the way
 *
 *   struct inode: one file, directory, symlink or device; its type and
 *   permission bits, its size, times and link count, and its contents:
 *     a directory  its names (struct dentry), in creation order for
 *                  getdents64 and in one hash table for lookups
 *     a file       its pages, through a two-level index (kernel/fs/ramfs.c)
 *     a symlink    its target
 *     a device     its number (rdev); opening it gives that device's file
 *     a FIFO       while it is open, a pipe (kernel/fs/pipe.c)
 *
 * There are two kinds of file system. The in-memory one (like Linux's
 * ramfs/tmpfs) is mounted twice: at / (filled from the initramfs at boot)
 * and at /dev (the kernel's device nodes). Everything lives in memory, so
 * the directories are their own name cache: there is no separate dentry
 * cache as a disk file system would need. The other is /proc
 * (kernel/fs/procfs.c), whose names and contents are made when they are
 * asked for: its superblock has fs_ops, which the walk, getdents64 and
 * open call instead of looking in the name table.
 *
 * An inode lives while a name refers to it (nlink) or the kernel holds
 * it (refs: an open file, a working directory, a walk in progress): a
 * file unlinked while open keeps its data until its last close.
 */
#ifndef KERNEL_VFS_H
#define KERNEL_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <uapi/fcntl.h>
#include <uapi/stat.h>
#include <uapi/time.h>

struct file;
struct dentry;
struct pipe;
struct inode;
struct dir_context;
struct proc_entry;

/*
 * A file system whose names are not in the name table but made when
 * they are looked up (/proc). Its inodes live only while someone holds
 * them: the last iput() evicts them, whatever nlink says.
 */
struct fs_ops {
	/* The inode @name (@len bytes) names in directory @dir, with a
	 * reference: 0, or -ENOENT (or -ENOMEM). */
	int (*lookup)(struct inode *dir, const char *name, size_t len,
		      struct inode **res);
	/* getdents64: records from the file's position on, through
	 * dir_emit(), moving the position past each one given. */
	int (*readdir)(struct file *f, struct dir_context *ctx);
	/* Opening a file that is not a directory: set @f's ops. 0 or
	 * -errno. */
	int (*open)(struct inode *ino, struct file *f, unsigned int flags);
	/* The inode's last reference is going: let go of what it holds. */
	void (*evict)(struct inode *ino);
};

/* One mounted file system: an instance of the in-memory one, or /proc. */
struct superblock {
	uint64_t dev;           /* st_dev of its files */
	struct inode *root;
	uint64_t next_ino;
	uint64_t pages, max_pages; /* data pages held, and the most it may */
	uint64_t inodes;        /* live inodes (leak checks count them) */
	const struct fs_ops *ops; /* NULL: the in-memory file system */
};

struct inode {
	uint64_t ino;
	uint32_t mode;   /* S_IFMT type | permission bits */
	uint32_t nlink;  /* names that refer to it ("." and ".." count) */
	uint32_t uid, gid;
	uint64_t size;   /* bytes of data, or of a symlink's target */
	uint64_t rdev;   /* a device's number (MKDEV) */
	struct timespec atime, mtime, ctime;
	unsigned int refs; /* kernel references: open files, cwds, walks */
	struct superblock *sb;

	/* A directory: its names, where it is, and what is mounted on it. */
	struct dentry *first, *last; /* its entries, oldest first */
	uint64_t entries, next_pos;  /* how many; the next one's position */
	struct inode *parent;        /* "..": its parent directory */
	struct dentry *self;         /* its own name in the parent */
	struct inode *mounted;       /* the root of a file system mounted here */
	struct inode *covers;        /* a root: the directory it is mounted on */

	/* A regular file: its pages (kernel/fs/ramfs.c). */
	uint64_t *index; /* 512 physical addresses of index pages, or NULL */
	uint64_t data_pages;

	/* A symlink: its target, size bytes and a NUL. */
	char *target;

	/* A FIFO: its pipe while any file has it open, else NULL. */
	struct pipe *pipe;
	/* A file of /proc (kernel/fs/procfs.c): what it shows, and whose. */
	struct {
		const struct proc_entry *entry; /* NULL: /proc itself */
		int tgid, tid;   /* its process (and thread); 0: none */
		int fd;          /* a link in fd/: the descriptor */
		uint64_t start;  /* the process's start (ns since boot), so
				  * that a pid used again is not taken for it */
		struct dentry *jump; /* a link that leads to this file (the
				      * dentry's inode, which it holds) rather
				      * than to a path: Linux's "magic" links */
	} proc;
};

/* One name in a directory; or, detached (dentry_alloc), a name that
 * is in no directory's list: how an open file or a running program was
 * reached, for /proc's links, and the name of a directory of /proc. */
struct dentry {
	struct dentry *hash_next;  /* in the name table's chain */
	struct dentry *next, *prev; /* in its directory, oldest first */
	struct inode *dir;          /* the directory it is in */
	struct inode *inode;        /* what it names; NULL: a cursor */
	uint64_t pos;               /* its getdents64 position (2, 3, ...) */
	uint16_t len;
	bool placed;                /* a cursor: in its directory's list */
	char name[]; /* NUL-terminated */
};

/* The largest file: 512 index pages of 512 data pages (1 GiB). */
#define RAMFS_MAX_FILE_PAGES (512ull * 512ull)
#define RAMFS_MAX_FILE_SIZE (RAMFS_MAX_FILE_PAGES * 4096ull)

/* --- inodes (kernel/fs/ramfs.c) ------------------------------------------ */

extern struct superblock *root_sb;
extern struct inode *root_inode;

/* Mount a fresh, empty in-memory file system, @max_pages of data at most. */
struct superblock *ramfs_mount(uint64_t max_pages);
/* A new inode of @mode in @sb, one reference, nlink 0; NULL: no memory. */
struct inode *inode_new(struct superblock *sb, uint32_t mode);
struct inode *iget(struct inode *ino);
/* One reference fewer; with no names left either, the inode goes. */
void iput(struct inode *ino);
/* The time now, for the inode's times. */
struct timespec inode_now(void);
/* Fill a struct stat. */
void inode_stat(const struct inode *ino, struct stat *st);

/* --- directories (kernel/fs/ramfs.c) -------------------------------------- */

/* The inode @dir names @name (of @len bytes), or NULL. No reference. */
struct inode *dir_lookup(struct inode *dir, const char *name, size_t len);
/* Enter @ino under @name: 0, -ENOMEM, -ENOSPC. Its nlink counts it. */
int dir_link(struct inode *dir, const char *name, size_t len,
	     struct inode *ino);
/* Remove @name (which must exist); its inode's nlink drops. */
void dir_unlink(struct inode *dir, const char *name, size_t len);
/* Is directory @dir empty? */
bool dir_empty(const struct inode *dir);
/* The first entry at position >= @pos, or NULL (a walk from the start). */
struct dentry *dir_seek(const struct inode *dir, uint64_t pos);
/* The entry after @d in its directory's list (cursors stepped over), or NULL. */
struct dentry *dir_next(const struct dentry *d);
/* An open directory's cursor (kernel/fs/ramfs.c): a dentry with no
 * inode that stands in @dir's list before the next entry to read, and
 * remembers that position. NULL: no memory. */
struct dentry *dir_cursor_new(struct inode *dir);
void dir_cursor_free(struct dentry *c);
/* The first entry at position >= @pos, with the cursor moved there: at
 * once if the cursor stands at @pos already, else by a walk. */
struct dentry *dir_cursor_seek(struct dentry *c, uint64_t pos);
/* Stand the cursor before @before (NULL: at the end), at position @pos. */
void dir_cursor_place(struct dentry *c, struct dentry *before, uint64_t pos);
/* The inode @name names in @dir, with a reference, whichever kind of
 * file system it is: 0, -ENOENT. */
int dir_find(struct inode *dir, const char *name, size_t len,
	     struct inode **res);
/* A change of names in @dir, a directory of a file system whose names
 * are fixed (/proc): the error Linux gives, -ENOENT if @last is not
 * there, else @if_there. */
int fixed_names(struct inode *dir, const char *last, int if_there);

/* A detached dentry: @dir's @name, naming @ino. It holds a reference on
 * @dir (which may be NULL), not on @ino: whoever keeps the dentry holds
 * that. NULL: no memory. */
struct dentry *dentry_alloc(struct inode *dir, const char *name, size_t len,
			    struct inode *ino);
void dentry_free(struct dentry *d);
/* The absolute path of the name @d into @buf (@size bytes), with
 * " (deleted)" after a file that has no name left, as Linux's d_path:
 * its length (without the NUL), or -ENOENT, -ERANGE. */
long dentry_path(const struct dentry *d, char *buf, size_t size);

/* getdents64's buffer as it fills (kernel/fs/open.c). */
struct dir_context {
	uint64_t ubuf;
	size_t size, used;
	int err;   /* -EFAULT */
	bool full; /* a record did not fit */
};
/* Add one record to @ctx: true if it went in, false if it did not (full,
 * or a fault): then the caller stops, and does not move its position. */
bool dir_emit(struct dir_context *ctx, uint64_t ino, int64_t next,
	      uint8_t type, const char *name, size_t len);

/* --- file data (kernel/fs/ramfs.c) ---------------------------------------- */

/* Copy between a file and kernel memory; the count or -errno. */
long inode_read(struct inode *ino, void *buf, size_t n, uint64_t pos);
/* Copy between a file and user memory at @ubuf: the count or -errno
 * (-EFAULT only if nothing was copied; -ENOSPC, -EFBIG). */
long inode_read_user(struct inode *ino, uint64_t ubuf, size_t n, uint64_t pos);
long inode_write_user(struct inode *ino, uint64_t ubuf, size_t n, uint64_t pos);
long inode_write(struct inode *ino, const void *buf, size_t n, uint64_t pos);
/* Set the size; the pages past it go. 0, -ENOSPC, -EFBIG. */
int inode_truncate(struct inode *ino, uint64_t size);
/* The physical address of @ino's data page @n with one more user (the
 * caller maps it and page_put()s it when done), or 0 for a hole or a
 * file without pages. Its bytes are the file's as they are now: a later
 * write gives the file a copy and leaves this page as it was. */
uint64_t inode_page_get(struct inode *ino, uint64_t n);
/* A symlink's target: 0 or -ENOMEM. */
int inode_set_target(struct inode *ino, const char *target, size_t len);

/* --- path walks (kernel/fs/namei.c) --------------------------------------- */

#define LOOKUP_FOLLOW 1     /* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 2  /* the result must be a directory */
#define LOOKUP_EMPTY 4      /* "" names the starting directory (AT_EMPTY_PATH) */

/* A page for a path; NULL: no memory. */
char *path_alloc(void);
void path_free(char *path);
/* Copy the path at user address @upath into @buf (PATH_MAX bytes):
 * 0, -EFAULT, -ENAMETOOLONG, -ENOENT (empty, unless @empty_ok). */
int path_from_user(char *buf, uint64_t upath, bool empty_ok);

/* The inode @path names, from directory @dirfd (AT_FDCWD: the working
 * directory), with a reference: 0 or -errno. */
int path_lookup(int dirfd, const char *path, int flags, struct inode **res);
/* The same, and in *@name a detached dentry for the name the walk found
 * the file by (after every symlink), or NULL (a directory reached by "."
 * or "..", or no memory): what /proc shows for an open file. */
int path_lookup_name(int dirfd, const char *path, int flags,
		     struct inode **res, struct dentry **name);
/* The same for user path @upath (*at calls; LOOKUP_EMPTY: "" is @dirfd's
 * own file). */
int path_lookup_user(int dirfd, uint64_t upath, int flags, struct inode **res);
/* The directory that would hold @path's last component, with a
 * reference, and that component in @last (NAME_MAX + 1 bytes; "" for
 * "/", or "." or ".."): 0 or -errno. */
int path_parent(int dirfd, const char *path, struct inode **dir, char *last);
/* The absolute path of directory @dir into @buf (@size bytes): its
 * length, -ENOENT (removed), -ERANGE. */
long dir_path(struct inode *dir, char *buf, size_t size);

/* --- open files (kernel/fs/open.c) ---------------------------------------- */

/* An open file on @ino (which gets a reference) with open flags @flags:
 * 0 and *@res, or -errno. */
int inode_open(struct inode *ino, unsigned int flags, struct file **res);
/* The inode of an open file, or NULL (a pipe, the console). */
struct inode *file_inode(const struct file *f);

/* --- FIFOs (kernel/fs/pipe.c) ---------------------------------------------- */

/* Open FIFO @ino for @f (which holds its reference) with open(2)'s
 * @flags, waiting for the other side as Linux does: 0 (@f's ops and
 * private set), -ENXIO, -ENOMEM, -ERESTARTSYS. */
int fifo_open(struct inode *ino, struct file *f, unsigned int flags);

/* --- devices (kernel/fs/dev.c) --------------------------------------------- */

/* Open device @rdev with open(2)'s @flags: fill in @f's ops (and
 * private). 0 or -ENXIO. */
int device_open(uint64_t rdev, struct file *f, unsigned int flags);
/* /dev's nodes, at boot. */
void dev_populate(struct inode *dev);

/* --- /proc (kernel/fs/procfs.c) -------------------------------------------- */

/* A new /proc: its superblock (also proc_sb), or NULL. */
struct superblock *procfs_mount(void);
extern struct superblock *proc_sb;

/* --- the root (kernel/fs/rootfs.c) ----------------------------------------- */

/* The root file system at boot: the initramfs, /dev, /bin, /tmp. */
void rootfs_init(void);

#endif
