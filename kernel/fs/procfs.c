// SPDX-License-Identifier: MIT
/*
 * /proc, as Linux's procfs: the kernel's view of itself and of every
 * process, as files that are made when they are asked for. Nothing of it
 * is stored: a lookup makes an inode for the name (and drops it with its
 * last reference), getdents64 lists what is there at that moment, and a
 * file's text is written when a read starts at its beginning.
 *
 *   /proc                    the system's files (kernel/fs/proc_info.c)
 *   /proc/self               -> the caller's process id
 *   /proc/PID/               a directory per process (kernel/fs/proc_pid.c)
 *   /proc/PID/task/TID/      and per thread
 *   /proc/PID/fd/N           a link per open descriptor
 *
 * Each directory is a table of entries (<kernel/procfs.h>), some also
 * numbered: /proc's processes, task's threads, fd's descriptors. An
 * inode of /proc remembers which entry it is and of which process and
 * thread, by id and by start time, so that a pid used again by another
 * process is not taken for the one it was: that inode then finds nobody
 * (ENOENT, ESRCH), as Linux's does once its task is gone.
 *
 * getdents64 positions: 0 and 1 are "." and "..", then the table's
 * entries in order, then for numbered directories 2 + (table size) +
 * the number, smallest first, so that a reader who goes on from a
 * position sees each process that was there all along exactly once.
 *
 * Nothing here sleeps, and the kernel is not preempted, so a process
 * cannot change or go while its file is being written; a process that
 * goes between two reads is simply not found by the second.
 */
#include <stdarg.h>

#include <kernel/file.h>
#include <kernel/mmu.h>
#include <kernel/pmm.h>
#include <kernel/proc.h>
#include <kernel/procfs.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <uapi/errno.h>

struct superblock *proc_sb;

/* The table of /proc itself. */
static const struct proc_table root_table = {
	.numbered = PROC_PIDS,
	.ino_base = 2, /* the root itself is 1 */
	/* entries and n come from kernel/fs/proc_info.c: see table_of() */
};

/* The entries that stand for a numbered name. */
static const struct proc_entry pid_dir_entry = {
	.mode = S_IFDIR | 0555,
	.dir = &proc_pid_table,
};
static const struct proc_entry fd_link_entry = {
	.mode = S_IFLNK | 0700, /* its access mode's bits: see make_numbered */
};

void proc_printf(struct proc_text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->len + 1 >= t->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->buf + t->len, t->size - t->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len += (size_t)n < t->size - t->len - 1
				  ? (size_t)n
				  : t->size - t->len - 1;
}

/* --- whose it is ------------------------------------------------------------ */

static struct proc_table table_root(void)
{
	struct proc_table t = root_table;

	t.entries = proc_root_entries;
	t.n = proc_root_count;
	return t;
}

/* What directory @dir of /proc holds. */
static struct proc_table table_of(const struct inode *dir)
{
	return dir->proc.entry ? *dir->proc.entry->dir : table_root();
}

/*
 * Does /proc show thread @p? Not one still being made, nor the old
 * leader that a thread's execve left behind (kernel/proc/exec.c): it
 * keeps the pid the new leader took over until the scheduler frees it.
 */
static bool shown(const struct process *p)
{
	return p->state != PROC_UNUSED &&
	       !(p->leader != p && p->pid == p->tgid);
}

/*
 * The process (or, with a tid, the thread) @ino is about, if it is still
 * the one it was: the same id and the same start. Zombies count, as on
 * Linux, until their parent collects them.
 */
static struct process *proc_target(const struct inode *ino)
{
	int want = ino->proc.tid ? ino->proc.tid : ino->proc.tgid;
	struct process *p = want ? find_thread_any(want) : NULL;

	if (p && p->tgid == ino->proc.tgid && shown(p) &&
	    p->start_ns == ino->proc.start && (ino->proc.tid || p->leader == p))
		return p;
	return NULL;
}

/* Does the table need its process (per-process entries, or tids and
 * fds to list)? */
static bool needs_process(const struct proc_table *t)
{
	return t->per_process || t->numbered == PROC_TIDS ||
	       t->numbered == PROC_FDS;
}

/* --- inode numbers ------------------------------------------------------------ */

/*
 * The same file has the same number each time it is looked up: the root
 * is 1, the system's files have their table's base plus their index,
 * and a process's are (id << 16), its thread's (tid << 16) | 0x8000,
 * plus one more than the entry's index; a descriptor's link is
 * 1 << 48 | (id << 16) | fd (at most 16384 descriptors).
 */
static uint64_t pid_base(int tgid, int tid)
{
	return tid ? (uint64_t)tid << 16 | 0x8000 : (uint64_t)tgid << 16;
}

static uint64_t entry_ino(const struct inode *dir, const struct proc_table *t,
			  size_t i)
{
	if (!t->per_process)
		return t->ino_base + i;
	return pid_base(dir->proc.tgid, dir->proc.tid) + i + 1;
}

/* The number of numbered entry @n of @dir. */
static uint64_t numbered_ino(const struct inode *dir,
			     const struct proc_table *t, int n)
{
	if (t->numbered == PROC_FDS)
		return 1ull << 48 | pid_base(dir->proc.tgid, dir->proc.tid) |
		       (uint64_t)n;
	if (t->numbered == PROC_TIDS)
		return pid_base(dir->proc.tgid, n);
	return pid_base(n, 0);
}

/* --- inodes ---------------------------------------------------------------------- */

/* A new inode for entry @e, named @name in @dir, about the same process
 * as @dir; a directory holds its parent through its name. */
static struct inode *proc_inode(struct inode *dir, const struct proc_entry *e,
				const char *name, size_t len, uint64_t nr)
{
	struct inode *ino = inode_new(proc_sb, e->mode);

	if (!ino)
		return NULL;
	ino->ino = nr;
	ino->nlink = S_ISDIR(e->mode) ? 2 : 1;
	ino->proc.entry = e;
	ino->proc.tgid = dir->proc.tgid;
	ino->proc.tid = dir->proc.tid;
	ino->proc.start = dir->proc.start;
	if (S_ISDIR(e->mode)) {
		ino->self = dentry_alloc(dir, name, len, ino);
		if (!ino->self) {
			iput(ino);
			return NULL;
		}
		ino->parent = dir;
	}
	return ino;
}

int proc_set_link(struct inode *ino, const char *target, struct dentry *jump)
{
	int err = inode_set_target(ino, target, strlen(target));

	if (err) {
		if (jump) {
			iput(jump->inode);
			dentry_free(jump);
		}
		return err;
	}
	ino->proc.jump = jump;
	return 0;
}

/* The inode of table entry @e: a link gets its target now. */
static int make_entry(struct inode *dir, const struct proc_table *t, size_t i,
		      struct process *p, struct inode **res)
{
	const struct proc_entry *e = &t->entries[i];
	struct inode *ino = proc_inode(dir, e, e->name, strlen(e->name),
				       entry_ino(dir, t, i));

	if (!ino)
		return -ENOMEM;
	/* A link with nothing to show (a zombie's cwd) stays, dangling:
	 * readlink and following it say ENOENT, as on Linux. */
	if (e->link && e->link(ino, p) == -ENOMEM) {
		iput(ino);
		return -ENOMEM;
	}
	*res = ino;
	return 0;
}

/* "123" as a number: no sign, no leading zero (Linux's name_to_int);
 * -1 if it is not one. */
static int name_number(const char *name, size_t len)
{
	int n = 0;

	if (!len || len > 9 || (len > 1 && name[0] == '0'))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		n = n * 10 + (name[i] - '0');
	}
	return n;
}

/* The leader of process @tgid, or with @tid its thread: NULL if none. */
static struct process *find_numbered(int tgid, int tid)
{
	struct process *p = find_thread_any(tid ? tid : tgid);

	if (!p || !shown(p) || p->tgid != tgid || (!tid && p->leader != p))
		return NULL;
	return p;
}

/* The inode of number @n in @dir, a directory of kind @t->numbered. */
static int make_numbered(struct inode *dir, const struct proc_table *t,
			 struct process *p, int n, const char *name, size_t len,
			 struct inode **res)
{
	struct process *q;
	struct inode *ino;
	unsigned int mode;
	int err;

	switch (t->numbered) {
	case PROC_PIDS:
	case PROC_TIDS:
		q = t->numbered == PROC_PIDS ? find_numbered(n, 0)
					     : find_numbered(dir->proc.tgid, n);
		if (!q)
			return -ENOENT;
		ino = proc_inode(dir, &pid_dir_entry, name, len,
				 numbered_ino(dir, t, n));
		if (!ino)
			return -ENOMEM;
		ino->proc.tgid = q->tgid;
		ino->proc.tid = t->numbered == PROC_TIDS ? n : 0;
		ino->proc.start = q->start_ns;
		break;
	case PROC_FDS:
		if (!proc_fd_open(p, n, &mode))
			return -ENOENT;
		ino = proc_inode(dir, &fd_link_entry, name, len,
				 numbered_ino(dir, t, n));
		if (!ino)
			return -ENOMEM;
		/* Linux: r-x for reading, -wx for writing */
		ino->mode = S_IFLNK | (mode != O_WRONLY ? 0500 : 0) |
			    (mode != O_RDONLY ? 0300 : 0);
		ino->proc.fd = n;
		err = proc_fd_link(ino, p, n);
		if (err == -ENOMEM) {
			iput(ino);
			return err;
		}
		break;
	default:
		return -ENOENT;
	}
	*res = ino;
	return 0;
}

static int proc_lookup(struct inode *dir, const char *name, size_t len,
		       struct inode **res)
{
	struct proc_table t = table_of(dir);
	struct process *p = NULL;
	int n;

	if (needs_process(&t) && !(p = proc_target(dir)))
		return -ENOENT;
	for (size_t i = 0; i < t.n; i++) {
		const struct proc_entry *e = &t.entries[i];

		if (e->process_only && dir->proc.tid)
			continue;
		if (strlen(e->name) == len && !memcmp(e->name, name, len))
			return make_entry(dir, &t, i, p, res);
	}
	n = name_number(name, len);
	if (n < 0 || t.numbered == PROC_NONE)
		return -ENOENT;
	return make_numbered(dir, &t, p, n, name, len, res);
}

/* --- getdents64 ------------------------------------------------------------ */

#define BATCH 64

/* Put @v into @out (ascending, @n of BATCH used), keeping the smallest. */
static size_t keep_smallest(int *out, size_t n, int v)
{
	size_t i;

	if (n == BATCH && v >= out[BATCH - 1])
		return n;
	i = n < BATCH ? n++ : BATCH - 1;
	for (; i > 0 && out[i - 1] > v; i--)
		out[i] = out[i - 1];
	out[i] = v;
	return n;
}

/*
 * The smallest numbers >= @from that @dir lists (BATCH at most), in
 * order: how many. /proc's processes come from proc_list, which is in
 * pid order, from where the last batch ended (proc_first_from): a
 * listing costs each process once, however many there are. A process's
 * threads come from its thread list.
 */
static size_t numbers_from(const struct proc_table *t, const struct process *p,
			   int from, int *out)
{
	struct process *q;
	size_t n = 0;
	unsigned int mode;

	switch (t->numbered) {
	case PROC_PIDS:
		for (q = proc_first_from(from); q && n < BATCH; q = proc_next(q))
			if (shown(q) && q->leader == q)
				out[n++] = q->pid;
		break;
	case PROC_TIDS:
		for_each_thread(p->leader, q)
			if (shown(q) && q->pid >= from)
				n = keep_smallest(out, n, q->pid);
		break;
	case PROC_FDS:
		for (int fd = from; fd >= 0 && fd < FD_MAX && n < BATCH; fd++)
			if (proc_fd_open(p, fd, &mode))
				out[n++] = fd;
		break;
	default:
		break;
	}
	return n;
}

static int proc_readdir(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;
	struct proc_table t = table_of(dir);
	struct process *p = NULL;
	int64_t base = 2 + (int64_t)t.n; /* the position of number 0 */
	int nums[BATCH];
	size_t got;

	if (needs_process(&t) && !(p = proc_target(dir)))
		return -ENOENT;
	while (f->pos < 2) {
		struct inode *up = f->pos ? dir->parent : dir;

		if (!dir_emit(ctx, up->ino, (int64_t)f->pos + 1, DT_DIR, "..",
			      f->pos + 1))
			return 0;
		f->pos++;
	}
	for (size_t i = f->pos - 2; i < t.n; i++) {
		const struct proc_entry *e = &t.entries[i];

		if (!(e->process_only && dir->proc.tid) &&
		    !dir_emit(ctx, entry_ino(dir, &t, i), (int64_t)i + 3,
			      (uint8_t)((e->mode & S_IFMT) >> 12), e->name,
			      strlen(e->name)))
			return 0;
		f->pos = i + 3;
	}
	if (t.numbered == PROC_NONE)
		return 0;
	if ((int64_t)f->pos < base)
		f->pos = (uint64_t)base;
	if (f->pos - (uint64_t)base > INT32_MAX)
		return 0; /* past every number (an lseek far away) */
	do {
		got = numbers_from(&t, p, (int)((int64_t)f->pos - base), nums);
		for (size_t i = 0; i < got; i++) {
			char name[16];
			int len = snprintf(name, sizeof(name), "%d", nums[i]);

			if (!dir_emit(ctx, numbered_ino(dir, &t, nums[i]),
				      base + nums[i] + 1,
				      t.numbered == PROC_FDS ? DT_LNK : DT_DIR,
				      name, (size_t)len))
				return 0;
			f->pos = (uint64_t)(base + nums[i] + 1);
		}
	} while (got == BATCH);
	return 0;
}

/* --- reading and writing ------------------------------------------------------- */

/* An open file's text: a page, made at the first read from offset 0. */
struct proc_file_text {
	size_t len;
	char text[PAGE_SIZE - sizeof(size_t)];
};

/* (Re)write the text of @f. */
static long proc_fill(struct file *f)
{
	const struct proc_entry *e = f->inode->proc.entry;
	struct proc_file_text *pt = f->private;
	struct process *p = NULL;
	struct proc_text t;

	if (f->inode->proc.tgid && !(p = proc_target(f->inode)))
		return -ESRCH; /* the process has gone since the open */
	if (!pt) {
		uint64_t pa = alloc_page();

		if (!pa)
			return -ENOMEM;
		f->private = pt = PHYS_TO_VIRT(pa);
	}
	t = (struct proc_text){ pt->text, 0, sizeof(pt->text) };
	e->show(&t, p, !f->inode->proc.tid);
	pt->len = t.len;
	return 0;
}

static long proc_read_at(struct file *f, void *buf, size_t n, uint64_t pos)
{
	const struct proc_entry *e = f->inode->proc.entry;
	struct proc_file_text *pt;
	long err;

	if (e->read_mem) {
		struct process *p = proc_target(f->inode);

		return p ? e->read_mem(p, buf, n, pos) : 0;
	}
	if (pos == 0 || !f->private) {
		err = proc_fill(f);
		if (err)
			return err;
	}
	pt = f->private;
	if (pos >= pt->len)
		return 0;
	if (n > pt->len - pos)
		n = (size_t)(pt->len - pos);
	memcpy(buf, pt->text + pos, n);
	return (long)n;
}

static long proc_read(struct file *f, uint64_t ubuf, size_t n)
{
	long r = file_read_at_user(f, ubuf, n, f->pos);

	if (r > 0)
		f->pos += (uint64_t)r;
	return r;
}

/* Writes take this much at most (a hostname, a thread's name). */
#define WRITE_MAX 64

static long proc_write(struct file *f, uint64_t ubuf, size_t n)
{
	const struct proc_entry *e = f->inode->proc.entry;
	char buf[WRITE_MAX];
	struct process *p = NULL;
	size_t len = n < sizeof(buf) ? n : sizeof(buf);
	long r;

	if (!e->write)
		return e->write_error;
	if (f->inode->proc.tgid && !(p = proc_target(f->inode)))
		return -ESRCH;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	r = e->write(p, buf, len);
	return r < 0 ? r : (long)n;
}

static void proc_release(struct file *f)
{
	if (f->private)
		free_page(DIRECT_TO_PHYS(f->private));
	iput(f->inode);
}

static const struct file_ops proc_file_ops = {
	.read = proc_read,
	.write = proc_write,
	.read_at = proc_read_at,
	.release = proc_release,
};

/* /proc/PID's files: Linux's have no splice_read, so sendfile refuses
 * them (EINVAL). */
static const struct file_ops proc_pid_file_ops = {
	.read = proc_read,
	.write = proc_write,
	.read_at = proc_read_at,
	.release = proc_release,
	.no_sendfile = true,
};

/* --- the file system ------------------------------------------------------------ */

static int proc_open(struct inode *ino, struct file *f, unsigned int flags)
{
	/* A sysctl file that takes no writes refuses to be opened for them,
	 * even by root (Linux's sysctl_perm); the others fail the write. */
	if (ino->proc.entry->write_error == -EACCES &&
	    (flags & O_ACCMODE) != O_RDONLY)
		return -EACCES;
	f->ops = ino->proc.tgid ? &proc_pid_file_ops : &proc_file_ops;
	f->private = NULL;
	return 0;
}

static void proc_evict(struct inode *ino)
{
	struct dentry *jump = ino->proc.jump;

	if (jump) {
		iput(jump->inode);
		dentry_free(jump);
		ino->proc.jump = NULL;
	}
	if (ino->self) { /* a directory: its name, which holds its parent */
		dentry_free(ino->self);
		ino->self = NULL;
	}
}

static const struct fs_ops proc_ops = {
	.lookup = proc_lookup,
	.readdir = proc_readdir,
	.open = proc_open,
	.evict = proc_evict,
};

struct superblock *procfs_mount(void)
{
	struct superblock *sb = ramfs_mount(0);

	if (!sb)
		return NULL;
	sb->ops = &proc_ops;
	sb->root->mode = S_IFDIR | 0555;
	proc_sb = sb;
	return sb;
}
