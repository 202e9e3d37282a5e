// SPDX-License-Identifier: MIT
/*
 * sendfile(out_fd, in_fd, offset, count): copy from a file to another
 * open file inside the kernel, without the bytes passing through user
 * memory. The file read from must be a regular file of the file system
 * or one of /proc's own (through its read_at; not those of /proc/PID:
 * Linux's rule is "something that can be mapped or spliced from"); the
 * one written to
 * may be a regular file, a pipe, the console or a device. With @offset,
 * reading starts there and *offset moves on, the file's own offset left
 * alone; without, the file's offset is used and moved.
 *
 * The bytes go through a page of the kernel's, a page at a time, and
 * the write side is called with a kernel address: a regular file by
 * inode_write, a pipe by pipe_write_kernel, the console by
 * console_write. (Linux passes an iov_iter that says which kind of
 * address a buffer is; each file kind here has its own kernel-side entry
 * instead, which is enough for the few kinds there are.)
 */
#include <kernel/console.h>
#include <kernel/file.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* Write @n bytes at kernel address @buf to @out: the count or -errno. */
static long write_kernel(struct file *out, const void *buf, size_t n)
{
	struct inode *ino = out->inode;
	long r;

	if (ino && S_ISREG(ino->mode)) {
		if (out->flags & O_APPEND)
			out->pos = ino->size;
		r = inode_write(ino, buf, n, out->pos);
		if (r > 0)
			out->pos += (uint64_t)r;
		return r;
	}
	if (file_is_console(out)) {
		console_write(buf, n, (uint32_t)(uintptr_t)out->private, BLACK);
		return (long)n;
	}
	if (ino && S_ISCHR(ino->mode) && ino->rdev == MKDEV(1, 7))
		return -ENOSPC; /* /dev/full */
	if (ino && S_ISCHR(ino->mode))
		return (long)n; /* null, zero, random: the bytes vanish */
	return pipe_write_kernel(out, buf, n);
}

long sys_sendfile(struct pt_regs *regs)
{
	struct file *out = fd_file((int)regs->rdi), *in = fd_file((int)regs->rsi);
	uint64_t uoff = regs->rdx, pos;
	size_t count = regs->r10, done = 0;
	int64_t off = 0;
	char *page;

	if (!out || !in || (in->flags & O_ACCMODE) == O_WRONLY ||
	    (out->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!in->inode || !S_ISREG(in->inode->mode) || in->ops->no_sendfile)
		return -EINVAL;
	if (out->flags & O_APPEND)
		return -EINVAL; /* as Linux */
	if (uoff) {
		if (copy_from_user(&off, uoff, sizeof(off)))
			return -EFAULT;
		if (off < 0)
			return -EINVAL;
	}
	pos = uoff ? (uint64_t)off : in->pos;
	page = path_alloc(); /* a page; its name is the path's */
	if (!page)
		return -ENOMEM;
	while (done < count) {
		size_t want = count - done < 4096 ? count - done : 4096;
		long got = in->ops->read_at
				   ? in->ops->read_at(in, page, want, pos)
				   : inode_read(in->inode, page, want, pos);
		long put;

		if (got < 0 && !done) {
			path_free(page);
			return got;
		}
		if (got <= 0)
			break;
		put = write_kernel(out, page, (size_t)got);
		if (put <= 0) {
			if (!done) {
				path_free(page);
				return put;
			}
			break;
		}
		pos += (uint64_t)put;
		done += (size_t)put;
		if (put < got)
			break;
	}
	path_free(page);
	if (uoff) {
		off = (int64_t)pos;
		if (copy_to_user(uoff, &off, sizeof(off)))
			return -EFAULT;
	} else {
		in->pos = pos;
	}
	return (long)done;
}
