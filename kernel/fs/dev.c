// SPDX-License-Identifier: MIT
/*
 * The devices in /dev, with Linux's numbers (Documentation/admin-guide/
 * devices.txt), so that a program that checks st_rdev finds what it
 * expects:
 *
 *   null     1:3   reads end at once, writes vanish
 *   zero     1:5   reads give zeros, writes vanish
 *   full     1:7   reads give zeros, writes fail with ENOSPC
 *   random   1:8   the getrandom generator (kernel/random.c); never
 *   urandom  1:9   blocks, as Linux's does once it is seeded
 *   tty      5:0   the console (this kernel has one terminal)
 *   console  5:1   the console
 *
 * /dev is a file system of its own (as Linux's devtmpfs), mounted over
 * the root's /dev at boot; dev_populate() makes the nodes. Opening a
 * node whose number is none of these gives ENXIO.
 */
#include <kernel/file.h>
#include <kernel/proc.h>
#include <kernel/tty.h>
#include <kernel/random.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <lib/string.h>
#include <uapi/errno.h>

static long null_read(struct file *f, uint64_t ubuf, size_t n)
{
	(void)f;
	(void)ubuf;
	(void)n;
	return 0;
}

static long null_write(struct file *f, uint64_t ubuf, size_t n)
{
	(void)f;
	(void)ubuf;
	return (long)n;
}

static long full_write(struct file *f, uint64_t ubuf, size_t n)
{
	(void)f;
	(void)ubuf;
	(void)n;
	return -ENOSPC;
}

/* Fill user memory with zeros or random bytes, a chunk at a time. */
static long fill(uint64_t ubuf, size_t n, bool random)
{
	static const char zeros[256];
	char chunk[256];
	size_t done = 0;

	if (!access_ok(ubuf, n))
		return -EFAULT;
	while (done < n) {
		size_t c = n - done < sizeof(chunk) ? n - done : sizeof(chunk);

		if (random)
			random_bytes(chunk, c);
		if (copy_to_user(ubuf + done, random ? chunk : zeros, c))
			return done ? (long)done : -EFAULT;
		done += c;
	}
	return (long)done;
}

static long zero_read(struct file *f, uint64_t ubuf, size_t n)
{
	(void)f;
	return fill(ubuf, n, false);
}

static long random_read(struct file *f, uint64_t ubuf, size_t n)
{
	(void)f;
	return fill(ubuf, n, true);
}

static void dev_release(struct file *f)
{
	iput(f->inode);
}

static const struct file_ops null_ops = { .read = null_read,
					  .write = null_write,
					  .release = dev_release };
static const struct file_ops zero_ops = { .read = zero_read,
					  .write = null_write,
					  .release = dev_release };
static const struct file_ops full_ops = { .read = zero_read,
					  .write = full_write,
					  .release = dev_release };
static const struct file_ops random_ops = { .read = random_read,
					    .write = null_write,
					    .release = dev_release };

static const struct {
	const char *name;
	unsigned int major, minor;
	const struct file_ops *ops; /* NULL: the console */
} devices[] = {
	{ "null", 1, 3, &null_ops },	 { "zero", 1, 5, &zero_ops },
	{ "full", 1, 7, &full_ops },	 { "random", 1, 8, &random_ops },
	{ "urandom", 1, 9, &random_ops }, { "tty", 5, 0, NULL },
	{ "console", 5, 1, NULL },
};

#define NDEVICES (sizeof(devices) / sizeof(devices[0]))

int device_open(uint64_t rdev, struct file *f, unsigned int flags)
{
	for (size_t i = 0; i < NDEVICES; i++) {
		if (MKDEV(devices[i].major, devices[i].minor) != rdev)
			continue;
		if (devices[i].ops) {
			f->ops = devices[i].ops;
		} else {
			/* /dev/tty is the caller's controlling terminal: none,
			 * ENXIO (Linux). Opening the console may make it one. */
			if (rdev == MKDEV(5, 0) && !tty_is_controlling(current))
				return -ENXIO;
			tty_open_controlling(flags);
			/* The console's file holds no inode reference in
			 * its ops; let go of the one open took. */
			iput(f->inode);
			f->inode = NULL;
			console_file_init(f);
		}
		return 0;
	}
	return -ENXIO;
}

void dev_populate(struct inode *dev)
{
	for (size_t i = 0; i < NDEVICES; i++) {
		struct inode *node = inode_new(dev->sb, S_IFCHR | 0666);

		if (!node)
			return;
		node->rdev = MKDEV(devices[i].major, devices[i].minor);
		if (!strcmp(devices[i].name, "console"))
			node->mode = S_IFCHR | 0600;
		dir_link(dev, devices[i].name, strlen(devices[i].name), node);
		iput(node);
	}
}
