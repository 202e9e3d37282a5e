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
 *
 * A FIFO (a named pipe, mknod's S_IFIFO) is the same ring, made when
 * its inode is first opened and freed, with whatever it still holds,
 * when the last of its files closes (Linux's fifo_open):
 *
 *   open O_RDONLY   a reader; sleeps until a writer opens, if none has it
 *                   open (O_NONBLOCK: returns at once)
 *   open O_WRONLY   a writer; sleeps until a reader opens, if none has it
 *                   open (O_NONBLOCK: ENXIO instead)
 *   open O_RDWR     both, at once: the process can talk to itself
 *
 * "Until one opens" is counted, not looked at: each side counts its
 * opens (r_counter, w_counter), and a sleeper goes once the other
 * side's count has moved, even if that opener has closed again since;
 * a reader then reads end of file. A signal ends the wait with
 * -ERESTARTSYS (restarted under SA_RESTART, else EINTR), the opener
 * counted out again, so a process killed there leaves nothing behind.
 */
#include <kernel/file.h>
#include <kernel/heap.h>
#include <kernel/mmu.h>
#include <kernel/pmm.h>
#include <kernel/proc.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
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
	/* Opens of each side so far: a FIFO's opener waits for the other
	 * side's to move, and poll's POLLHUP for a reader that opened
	 * with no writer waits for w_counter to move (Linux's f_pipe). */
	unsigned int r_counter, w_counter;
	struct inode *fifo; /* a FIFO's inode, which points back; or NULL */
	uint64_t ino;               /* its number: "pipe:[ino]" */
};

static uint64_t next_pipe_ino = 1;

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

/* Free @p once no file has it open; a FIFO's inode forgets it. */
static void pipe_free_if_unused(struct pipe *p)
{
	if (p->readers || p->writers)
		return;
	if (p->fifo)
		p->fifo->pipe = NULL;
	for (unsigned int i = 0; i < PIPE_PAGES; i++)
		if (p->pages[i])
			free_page(DIRECT_TO_PHYS(p->pages[i]));
	kfree(p);
}

/* The last descriptor of an end is gone: a reader, a writer, or both
 * (a FIFO opened O_RDWR). */
static void pipe_release(struct file *f, bool reader, bool writer)
{
	struct pipe *p = f->private;

	p->readers -= reader;
	p->writers -= writer;
	pipe_changed(p); /* a reader sees EOF, a writer EPIPE */
	pipe_free_if_unused(p);
	iput(f->inode); /* a FIFO's; pipe()'s ends have none */
}

static void read_end_release(struct file *f)
{
	pipe_release(f, true, false);
}

static void write_end_release(struct file *f)
{
	pipe_release(f, false, true);
}

static void both_ends_release(struct file *f)
{
	pipe_release(f, true, true);
}

static unsigned int read_end_poll(struct file *f)
{
	struct pipe *p = f->private;
	unsigned int mask = 0;

	if (p->len)
		mask |= POLLIN | POLLRDNORM;
	/* A FIFO reader that opened with O_NONBLOCK and no writer is not
	 * hung up until a writer has come (and gone). */
	if (!p->writers && f->pipe_seen != p->w_counter)
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

static unsigned int both_ends_poll(struct file *f)
{
	return read_end_poll(f) | write_end_poll(f);
}

/* A FIFO opened O_RDWR: one file that reads and writes. */
static const struct file_ops both_ends_ops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = both_ends_poll,
	.release = both_ends_release,
};

static struct pipe *pipe_alloc(void)
{
	struct pipe *p = kmalloc(sizeof(*p));

	if (p) {
		memset(p, 0, sizeof(*p));
		p->ino = next_pipe_ino++;
	}
	return p;
}

/**
 * pipe_create - a new pipe and its two ends
 * @flags: O_NONBLOCK, for both ends
 *
 * 0 with *@rd and *@wr set (one reference each), or -ENFILE when memory
 * ran out, as Linux says when it cannot make the files.
 */
int pipe_create(struct file **rd, struct file **wr, unsigned int flags)
{
	struct pipe *p = pipe_alloc();
	unsigned int nonblock = flags & O_NONBLOCK;

	if (!p)
		return -ENFILE;
	p->readers = p->writers = 1;
	p->r_counter = p->w_counter = 1;
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
 * if @f is not a pipe's write end (or a FIFO opened O_RDWR).
 */
long pipe_write_kernel(struct file *f, const void *buf, size_t n)
{
	if (f->ops != &write_end_ops && f->ops != &both_ends_ops)
		return -EINVAL;
	return write_to_pipe(f, (uint64_t)(uintptr_t)buf, n, true);
}

/* --- FIFOs ------------------------------------------------------------------ */

/* Sleep until *@counter moves (the other side opened): 0, or
 * -ERESTARTSYS for a signal (or a kill). */
static int wait_for_partner(struct pipe *p, const unsigned int *counter)
{
	unsigned int seen = *counter;

	while (*counter == seen) {
		if (signal_pending(current))
			return -ERESTARTSYS;
		sleep_on(p);
	}
	return 0;
}

/**
 * fifo_open - open the FIFO @ino as open(2) with @flags asks
 * @f: the new file, holding a reference to @ino; its ops and private
 *     are set on success
 *
 * The rules of Linux's fifo_open (see the top of this file). 0, or
 * -ENXIO (O_WRONLY | O_NONBLOCK with no reader), -ENOMEM,
 * -ERESTARTSYS (a signal while it waited); on failure the FIFO is as
 * it was and @f is untouched.
 */
int fifo_open(struct inode *ino, struct file *f, unsigned int flags)
{
	struct pipe *p = ino->pipe;
	const struct file_ops *ops;
	int err = 0;

	if (!p) {
		p = pipe_alloc();
		if (!p)
			return -ENOMEM;
		p->fifo = ino;
		ino->pipe = p;
	}
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		ops = &read_end_ops;
		p->r_counter++;
		if (p->readers++ == 0)
			pipe_changed(p); /* writers waiting in open */
		if (!p->writers && (flags & O_NONBLOCK))
			f->pipe_seen = p->w_counter;
		else if (!p->writers)
			err = wait_for_partner(p, &p->w_counter);
		if (err && --p->readers == 0)
			pipe_changed(p);
		break;
	case O_WRONLY:
		ops = &write_end_ops;
		if ((flags & O_NONBLOCK) && !p->readers) {
			err = -ENXIO;
			break;
		}
		p->w_counter++;
		if (p->writers++ == 0)
			pipe_changed(p); /* readers waiting in open or read */
		if (!p->readers)
			err = wait_for_partner(p, &p->r_counter);
		if (err && --p->writers == 0)
			pipe_changed(p);
		break;
	default: /* O_RDWR: never waits */
		ops = &both_ends_ops;
		p->r_counter++;
		p->w_counter++;
		p->readers++;
		p->writers++;
		pipe_changed(p); /* both sides' openers may go on */
		break;
	}
	if (err) {
		pipe_free_if_unused(p);
		return err;
	}
	f->ops = ops;
	f->private = p;
	return 0;
}

uint64_t pipe_ino(const struct file *f)
{
	const struct pipe *p = f->private;

	if (f->ops != &read_end_ops && f->ops != &write_end_ops &&
	    f->ops != &both_ends_ops)
		return 0;
	return p->fifo ? 0 : p->ino; /* a FIFO is its inode, and its name */
}
