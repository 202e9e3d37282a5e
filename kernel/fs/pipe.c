// SPDX-License-Identifier: MIT
/*
 * Pipes: a ring buffer of 64 KiB (Linux's default size) between a read
 * end and a write end, each a struct file.
 *
 *          write end                         read end
 *   write() ---------> [ pages of the ring ] ---------> read()
 *                       start, len (bytes in it)
 *
 * The ring is 16 pages, each allocated when data first reaches it and
 * all freed with the pipe, so an idle or small pipe costs little.
 *
 * A reader of an empty pipe sleeps until there is data or no writer is
 * left (then read returns 0: end of file); a writer of a full pipe
 * sleeps until there is room. With O_NONBLOCK both get -EAGAIN instead.
 * A write of at most PIPE_BUF (4096) bytes is atomic: it waits until all
 * of it fits, so it is never interleaved with another writer's. A larger
 * write goes in as room appears, and may be cut short by a kill.
 * Writing with no reader left fails with -EPIPE and raises SIGPIPE,
 * whose default action ends the process; without handlers yet (signals
 * are issue 9), that is what happens here.
 *
 * Readers and writers sleep on the pipe itself; every read and write
 * wakes them all, and each re-checks. Pollers sleep elsewhere (on the
 * one channel of kernel/fs/poll.c), so every change wakes them too. No
 * locks: one CPU, and a kernel that is not preemptible.
 *
 * poll, as Linux's pipe_poll: the read end is readable (POLLIN) while
 * the ring holds data and hung up (POLLHUP) once no writer is left; the
 * write end is writable (POLLOUT) while PIPE_BUF bytes fit, so a write
 * of up to PIPE_BUF does not block (Linux: while one of its 16 page
 * buffers is free), and in error (POLLERR) once no reader is left.
 */
#include <kernel/file.h>
#include <kernel/heap.h>
#include <kernel/mmu.h>
#include <kernel/pmm.h>
#include <kernel/proc.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/poll.h>
#include <uapi/wait.h>

#define PIPE_PAGES 16
#define PIPE_SIZE (PIPE_PAGES * PAGE_SIZE)

struct pipe {
	uint8_t *pages[PIPE_PAGES]; /* NULL until data first reaches it */
	size_t start, len;          /* the bytes in the ring, from start */
	unsigned int readers, writers; /* open ends */
};

/* Where ring offset @off lives, and how much of its page is left. */
static uint8_t *ring_at(struct pipe *p, size_t off, size_t *room)
{
	unsigned int page = (unsigned int)(off % PIPE_SIZE / PAGE_SIZE);

	*room = PAGE_SIZE - off % PAGE_SIZE;
	if (!p->pages[page]) {
		uint64_t phys = alloc_page();

		if (!phys)
			return NULL;
		p->pages[page] = PHYS_TO_VIRT(phys);
	}
	return p->pages[page] + off % PAGE_SIZE;
}

/* The pipe changed: its sleepers and any poller look again. */
static void pipe_changed(struct pipe *p)
{
	wakeup(p);
	poll_wake();
}

static long pipe_read(struct file *f, uint64_t ubuf, size_t n)
{
	struct pipe *p = f->private;
	size_t done = 0;

	while (p->len == 0) {
		if (!p->writers)
			return 0; /* end of file */
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (signal_pending(current))
			return -ERESTARTSYS;
		sleep_on(p);
	}
	while (done < n && p->len) {
		size_t room, c, left;
		uint8_t *src = ring_at(p, p->start, &room);

		c = n - done;
		if (c > p->len)
			c = p->len;
		if (c > room)
			c = room;
		left = copy_to_user(ubuf + done, src, c);
		p->start = (p->start + c - left) % PIPE_SIZE;
		p->len -= c - left;
		done += c - left;
		if (left)
			break;
	}
	pipe_changed(p); /* writers waiting for room */
	return done ? (long)done : -EFAULT;
}

/* No reader: SIGPIPE (its default action ends the process), even when
 * part of the write went in (Linux's pipe_write()); -EPIPE if none did. */
static long broken_pipe(size_t done)
{
	struct kernel_siginfo info = { .si_signo = SIGPIPE, .si_code = SI_USER };

	info.kill.pid = current->tgid;
	send_signal(current, SIGPIPE, &info, false);
	return done ? (long)done : -EPIPE;
}

/* Write @n bytes from @src, a user address, or a kernel one with
 * @kernel (sendfile). */
static long write_to_pipe(struct file *f, uint64_t src, size_t n, bool kernel)
{
	struct pipe *p = f->private;
	size_t done = 0;

	for (;;) {
		size_t free = PIPE_SIZE - p->len;

		if (!p->readers)
			return broken_pipe(done);
		/* Small writes go in whole or wait; large ones go in parts. */
		if (free && (n > PIPE_BUF || free >= n)) {
			while (done < n && p->len < PIPE_SIZE) {
				size_t room, c, left;
				uint8_t *dst = ring_at(p, p->start + p->len, &room);

				if (!dst)
					return done ? (long)done : -ENOMEM;
				c = n - done;
				if (c > PIPE_SIZE - p->len)
					c = PIPE_SIZE - p->len;
				if (c > room)
					c = room;
				if (kernel) {
					memcpy(dst, (const void *)(uintptr_t)(src + done), c);
					left = 0;
				} else {
					left = copy_from_user(dst, src + done, c);
				}
				p->len += c - left;
				done += c - left;
				if (left) {
					pipe_changed(p);
					return done ? (long)done : -EFAULT;
				}
			}
			pipe_changed(p); /* readers waiting for data */
			if (done == n)
				return (long)done;
		}
		if (f->flags & O_NONBLOCK)
			return done ? (long)done : -EAGAIN;
		if (signal_pending(current))
			return done ? (long)done : -ERESTARTSYS;
		sleep_on(p);
	}
}

static long pipe_write(struct file *f, uint64_t ubuf, size_t n)
{
	return write_to_pipe(f, ubuf, n, false);
}

static void pipe_end_closed(struct file *f, unsigned int *ends)
{
	struct pipe *p = f->private;

	(*ends)--;
	pipe_changed(p); /* a reader sees EOF, a writer EPIPE */
	if (p->readers || p->writers)
		return;
	for (unsigned int i = 0; i < PIPE_PAGES; i++)
		if (p->pages[i])
			free_page(DIRECT_TO_PHYS(p->pages[i]));
	kfree(p);
}

static void read_end_release(struct file *f)
{
	pipe_end_closed(f, &((struct pipe *)f->private)->readers);
}

static void write_end_release(struct file *f)
{
	pipe_end_closed(f, &((struct pipe *)f->private)->writers);
}

static unsigned int read_end_poll(struct file *f)
{
	struct pipe *p = f->private;
	unsigned int mask = 0;

	if (p->len)
		mask |= POLLIN | POLLRDNORM;
	if (!p->writers)
		mask |= POLLHUP;
	return mask;
}

static unsigned int write_end_poll(struct file *f)
{
	struct pipe *p = f->private;
	unsigned int mask = 0;

	if (PIPE_SIZE - p->len >= PIPE_BUF)
		mask |= POLLOUT | POLLWRNORM;
	if (!p->readers)
		mask |= POLLERR;
	return mask;
}

static const struct file_ops read_end_ops = {
	.read = pipe_read,
	.poll = read_end_poll,
	.release = read_end_release,
};

static const struct file_ops write_end_ops = {
	.write = pipe_write,
	.poll = write_end_poll,
	.release = write_end_release,
};

/**
 * pipe_create - a new pipe and its two ends
 * @flags: O_NONBLOCK, for both ends
 *
 * 0 with *@rd and *@wr set (one reference each), or -ENFILE when memory
 * ran out, as Linux says when it cannot make the files.
 */
int pipe_create(struct file **rd, struct file **wr, unsigned int flags)
{
	struct pipe *p = kmalloc(sizeof(*p));
	unsigned int nonblock = flags & O_NONBLOCK;

	if (!p)
		return -ENFILE;
	memset(p, 0, sizeof(*p));
	p->readers = p->writers = 1;
	*rd = file_new(&read_end_ops, O_RDONLY | nonblock, p);
	*wr = file_new(&write_end_ops, O_WRONLY | nonblock, p);
	if (!*rd || !*wr) {
		kfree(*rd);
		kfree(*wr);
		kfree(p);
		return -ENFILE;
	}
	return 0;
}

/**
 * pipe_write_kernel - write @n bytes at kernel address @buf to the pipe
 * whose write end is @f, as write(2) would (sendfile's way in). -EINVAL
 * if @f is not a pipe's write end.
 */
long pipe_write_kernel(struct file *f, const void *buf, size_t n)
{
	if (f->ops != &write_end_ops)
		return -EINVAL;
	return write_to_pipe(f, (uint64_t)(uintptr_t)buf, n, true);
}
