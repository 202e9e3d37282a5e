// SPDX-License-Identifier: MIT
/*
 * The root file system at boot:
 *
 *   /          an in-memory file system, at most half the memory that is
 *              free now (tmpfs's default size)
 *   /bin, /etc, /tmp (sticky, writable by all), /dev, /proc, /root
 *   /bin/NAME  each boot module that is a program, by its name
 *   ...        each boot module that is a newc cpio archive (an
 *              initramfs, as Linux takes one), unpacked over the rest
 *   /dev       a file system of its own, mounted over the root's /dev,
 *              with the device nodes (kernel/fs/dev.c)
 *   /proc      the processes and the kernel as files (kernel/fs/procfs.c)
 *
 * An archive is read through once to check it (lib/cpio.c is strict:
 * absolute names, "..", truncation, absurd sizes are all refused) and
 * only then unpacked, so a damaged one leaves nothing half done: the
 * kernel says why and carries on without it.
 */
#include <kernel/console.h>
#include <kernel/heap.h>
#include <kernel/mmu.h>
#include <kernel/multiboot2.h>
#include <kernel/pmm.h>
#include <kernel/vfs.h>
#include <lib/cpio.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* The inode @path (absolute) names, without a reference, or NULL. */
static struct inode *find(const char *path)
{
	struct inode *ino;

	if (path_lookup(AT_FDCWD, path, 0, &ino))
		return NULL;
	iput(ino); /* a name holds it */
	return ino;
}

/* Make @path (absolute) an inode of @mode, replacing a file that has
 * that name (not a directory, which is kept with the new mode). */
static int make(const char *path, uint32_t mode, struct inode **res)
{
	char last[NAME_MAX + 1];
	struct inode *dir, *old, *ino;
	int err = path_parent(AT_FDCWD, path, &dir, last);

	if (err)
		return err;
	old = last[0] ? dir_lookup(dir, last, strlen(last)) : dir;
	if (old && S_ISDIR(old->mode) && S_ISDIR(mode)) {
		old->mode = mode;
		*res = iget(old);
		iput(dir);
		return 0;
	}
	if (old && S_ISDIR(old->mode)) {
		iput(dir);
		return -EISDIR;
	}
	if (old)
		dir_unlink(dir, last, strlen(last));
	ino = inode_new(dir->sb, mode);
	err = ino ? dir_link(dir, last, strlen(last), ino) : -ENOSPC;
	iput(dir);
	if (err) {
		iput(ino);
		return err;
	}
	*res = ino;
	return 0;
}

/* --- the initramfs ---------------------------------------------------------- */

/* A file that has more names: the first one's inode, for the next. */
struct hard_link {
	struct hard_link *next;
	uint32_t ino, devmajor, devminor;
	struct inode *inode;
};

static int unpack_entry(const struct cpio_entry *e, struct hard_link **links)
{
	char *path = path_alloc();
	uint32_t type = e->mode & S_IFMT;
	struct inode *ino = NULL;
	struct hard_link *l = NULL;
	int err;

	if (!path)
		return -ENOMEM;
	path[0] = '/';
	memcpy(path + 1, e->name, e->name_len);
	path[e->name_len + 1] = '\0';
	if (type == S_IFREG && e->nlink > 1)
		for (l = *links; l; l = l->next)
			if (l->ino == e->ino && l->devmajor == e->devmajor &&
			    l->devminor == e->devminor)
				break;
	if (l) { /* another name of a file already made */
		char last[NAME_MAX + 1];
		struct inode *dir;

		err = path_parent(AT_FDCWD, path, &dir, last);
		if (!err) {
			if (dir_lookup(dir, last, strlen(last)))
				dir_unlink(dir, last, strlen(last));
			err = dir_link(dir, last, strlen(last), l->inode);
			iput(dir);
		}
		ino = err ? NULL : iget(l->inode);
	} else {
		err = make(path, e->mode, &ino);
	}
	if (!err && type == S_IFREG && e->size)
		err = inode_write(ino, e->data, e->size, 0) == (long)e->size
			      ? 0
			      : -ENOSPC;
	if (!err && type == S_IFLNK)
		err = inode_set_target(ino, e->data, e->size);
	if (!err && (type == S_IFCHR || type == S_IFBLK))
		ino->rdev = MKDEV(e->rdevmajor, e->rdevminor);
	if (!err && type == S_IFREG && e->nlink > 1 && !l) {
		l = kmalloc(sizeof(*l));
		if (l) {
			*l = (struct hard_link){ *links, e->ino, e->devmajor,
						 e->devminor, iget(ino) };
			*links = l;
		}
	}
	if (!err) {
		ino->uid = e->uid;
		ino->gid = e->gid;
		ino->mtime.tv_sec = e->mtime;
		ino->mtime.tv_nsec = 0;
	}
	iput(ino);
	path_free(path);
	return err;
}

/* Check the archive @buf of @size bytes, then unpack it. */
static void unpack(const char *name, const void *buf, size_t size)
{
	struct cpio_reader r;
	struct cpio_entry e;
	struct hard_link *links = NULL;
	unsigned int files = 0;
	int got;

	cpio_init(&r, buf, size);
	while ((got = cpio_next(&r, &e)) == 1)
		;
	if (got < 0) {
		color_printk(RED, BLACK,
			     "initramfs %s: %s at byte %lu: not unpacked\n", name,
			     r.error, (unsigned long)r.error_off);
		return;
	}
	cpio_init(&r, buf, size);
	while (cpio_next(&r, &e) == 1) {
		int err;

		if (!e.name_len) /* the archive's "." : the root itself */
			continue;
		err = unpack_entry(&e, &links);
		if (err)
			color_printk(RED, BLACK,
				     "initramfs %s: %.*s: error %d (skipped)\n",
				     name, (int)e.name_len, e.name, -err);
		else
			files++;
	}
	while (links) {
		struct hard_link *next = links->next;

		iput(links->inode);
		kfree(links);
		links = next;
	}
	printk("initramfs %s: %u files\n", name, files);
}

static bool is_cpio(const void *buf, size_t size)
{
	return size >= 6 && (!memcmp(buf, "070701", 6) || !memcmp(buf, "070702", 6));
}

/* --- the root ------------------------------------------------------------------- */

static void make_dir(const char *path, uint32_t mode)
{
	struct inode *ino;

	if (!make(path, S_IFDIR | mode, &ino))
		iput(ino);
}

/* Boot module @m as the program /bin/NAME. */
static void install_program(const struct boot_module *m)
{
	char path[BOOT_MODNAME_MAX + 8] = "/bin/";
	size_t size = m->end - m->start;
	struct inode *ino;

	if (!m->name[0] || strchr(m->name, '/') || !strcmp(m->name, ".") ||
	    !strcmp(m->name, "..")) {
		color_printk(RED, BLACK, "rootfs: module \"%s\": not a file name\n",
			     m->name);
		return;
	}
	strlcpy(path + 5, m->name, sizeof(path) - 5);
	if (make(path, S_IFREG | 0755, &ino))
		return;
	if (inode_write(ino, PHYS_TO_VIRT(m->start), size, 0) != (long)size)
		color_printk(RED, BLACK, "rootfs: %s: no room\n", path);
	iput(ino);
}

/* Mount @sb on the directory @path (made if missing), over whatever the
 * archives put there. */
static void mount_on(const char *path, struct superblock *sb)
{
	struct inode *dir = find(path);

	if (!dir || !S_ISDIR(dir->mode)) {
		color_printk(RED, BLACK, "rootfs: %s is not a directory\n", path);
		return;
	}
	dir->mounted = sb->root;
	sb->root->covers = dir;
	sb->root->parent = dir->parent;
}

void rootfs_init(void)
{
	struct superblock *dev_sb, *procfs;

	root_sb = ramfs_mount(pmm_free_pages() / 2);
	dev_sb = ramfs_mount(16);
	procfs = procfs_mount();
	if (!root_sb || !dev_sb || !procfs) {
		color_printk(RED, BLACK, "rootfs: out of memory\n");
		return;
	}
	root_inode = root_sb->root;
	make_dir("/bin", 0755);
	make_dir("/dev", 0755);
	make_dir("/etc", 0755);
	make_dir("/proc", 0555);
	make_dir("/root", 0700);
	make_dir("/tmp", 01777);
	for (unsigned int i = 0; i < boot_info.module_count; i++) {
		const struct boot_module *m = &boot_info.modules[i];
		const void *buf = PHYS_TO_VIRT(m->start);
		size_t size = m->end - m->start;

		if (is_cpio(buf, size))
			unpack(m->name, buf, size);
		else
			install_program(m);
	}
	mount_on("/dev", dev_sb);
	dev_populate(dev_sb->root);
	mount_on("/proc", procfs);
}
