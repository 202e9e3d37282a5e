// SPDX-License-Identifier: MIT
/*
 * /proc/PID/maps: a process's memory regions, one line each, in Linux's
 * format (fs/proc/task_mmu.c, show_map_vma):
 *
 *   00400000-00401000 r--p 00000000 00:02 17          /bin/m-proc
 *   start    end      perms offset  dev   inode       name
 *
 * Addresses in hex, at least 8 digits; perms are r, w, x and then p
 * (private) or s (MAP_SHARED); the offset is where the region starts in
 * its file; dev is major:minor of the file's st_dev and inode its
 * st_ino. A line with a name has it at column 73 (spaces before it); one
 * without ends in a space after the inode, as Linux's do.
 *
 * The names this kernel has:
 *   the program's path   its ELF segments (VMA_ELF), with the file's
 *                        offset, dev and inode as stat reports them
 *   [heap]               the brk heap: memory without a file over
 *                        brk's range
 *   [stack]              the main thread's stack: the region holding
 *                        the stack pointer the program started with
 *   /dev/zero (deleted)  MAP_SHARED|MAP_ANONYMOUS memory, as Linux names
 *                        the shmem file behind it (dev 00:01, inode 0:
 *                        there is no such file here)
 *   (none)               other anonymous memory: mmap, thread stacks
 *
 * Linux also shows [vdso], [vvar] and [vsyscall]; this kernel maps none
 * of them (docs/files.md section 7). Neighbouring regions that Linux
 * would have merged into one vm_area_struct (vma_merge) are shown as one
 * line, so that mprotect and back, or two adjacent mmaps, look the same
 * here as there.
 *
 * The text is one page, like every file of /proc here (procfs.c): a
 * process with more regions than fit (some 50 named or 90 anonymous)
 * shows the first ones, cut at the end of a line.
 */
#include <kernel/proc.h>
#include <kernel/procfs.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <uapi/mman.h>

/* Linux's seq_setwidth for maps: 25 + 6 * sizeof(void *) - 1; the name
 * follows one more space. */
#define MAPS_NAME_COLUMN 73

/* A line is at most this long (a path_alloc buffer): a longer one
 * would not fit in the page of text anyway. */
#define MAPS_LINE_MAX PATH_MAX

/* glibc's major() and minor() of a dev_t, which is what a program
 * compares with: the same numbers stat's st_dev decodes to. */
static unsigned int dev_major(uint64_t dev)
{
	return (unsigned int)(((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffull));
}

static unsigned int dev_minor(uint64_t dev)
{
	return (unsigned int)((dev & 0xff) | ((dev >> 12) & ~0xffull));
}

/* Private anonymous memory: mmap's, brk's (not the stack, which Linux
 * keeps apart as VM_GROWSDOWN). */
static bool private_anon(const struct vm_area *a)
{
	return (a->kind == VMA_ANON || a->kind == VMA_HEAP) && !a->shm;
}

/*
 * Would Linux have one vm_area_struct for @a and @b, which follows it
 * (vma_merge)? Shared memory as vma_mergeable() says; private anonymous
 * memory of one protection, the heap's too; pieces of the program file
 * that map its bytes in order with one protection (mprotect split them
 * and set them back).
 */
static bool shown_as_one(const struct vm_area *a, const struct vm_area *b)
{
	if (a->end != b->start || a->prot != b->prot)
		return false;
	if (vma_mergeable(a, b))
		return true;
	if (private_anon(a) && private_anon(b))
		return true;
	return a->kind == VMA_ELF && b->kind == VMA_ELF &&
	       b->file_offset == a->file_offset + (a->end - a->start);
}

/* The file a region shows: @as's program for its segments. */
struct maps_file {
	const char *name; /* its path, or NULL */
	uint64_t dev, ino;
};

/*
 * Write the line for @a of @as, shown up to @end, into @line
 * (MAPS_LINE_MAX bytes): its length. The heap and the stack are named
 * by where they are, as Linux's vma_is_initial_heap and _stack do: any
 * memory without a file over brk's range is [heap] (a MAP_FIXED mmap
 * into it too), the region holding the stack pointer execve left is
 * [stack].
 */
static size_t maps_line(char *line, const struct address_space *as,
			const struct vm_area *a, uint64_t end,
			const struct maps_file *exe)
{
	const char *name = NULL;
	uint64_t offset = 0, dev = 0, ino = 0;
	int n;

	switch (a->kind) {
	case VMA_ELF:
		offset = a->file_offset;
		if (exe->name) {
			name = exe->name;
			dev = exe->dev;
			ino = exe->ino;
		}
		break;
	default:
		if (a->shm) {
			name = "/dev/zero (deleted)";
			offset = a->shm_pgoff * PAGE_SIZE;
			dev = 1; /* Linux's shmem: 00:01 */
		} else if (a->start <= as->brk && end >= as->brk_start) {
			name = "[heap]";
		} else if (a->start <= as->start_stack &&
			   end >= as->start_stack) {
			name = "[stack]";
		}
		break;
	}
	n = snprintf(line, MAPS_LINE_MAX, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
		     (unsigned long long)a->start, (unsigned long long)end,
		     a->prot & PROT_READ ? 'r' : '-',
		     a->prot & PROT_WRITE ? 'w' : '-',
		     a->prot & PROT_EXEC ? 'x' : '-', a->shm ? 's' : 'p',
		     (unsigned long long)offset, dev_major(dev), dev_minor(dev),
		     (unsigned long long)ino);
	if (name) {
		while (n < MAPS_NAME_COLUMN)
			line[n++] = ' ';
		n += snprintf(line + n, MAPS_LINE_MAX - (size_t)n, "%s", name);
	}
	if (n > MAPS_LINE_MAX - 2) /* a path cut short: room for "\n" */
		n = MAPS_LINE_MAX - 2;
	line[n++] = '\n';
	line[n] = '\0';
	return (size_t)n;
}

/* Fill @exe from @as's program: its path in @path (PATH_MAX bytes). */
static void maps_exe(const struct address_space *as, char *path,
		     struct maps_file *exe)
{
	struct stat st;

	*exe = (struct maps_file){ 0 };
	if (!as->exe || !as->exe_name || !path ||
	    dentry_path(as->exe_name, path, PATH_MAX) < 0)
		return;
	inode_stat(as->exe, &st);
	*exe = (struct maps_file){ path, st.st_dev, st.st_ino };
}

/**
 * proc_show_maps - the text of /proc/PID/maps for @p
 * A zombie has no memory left: empty, as on Linux. Threads share their
 * address space, so task/TID/maps is the process's.
 */
void proc_show_maps(struct proc_text *t, struct process *p, bool whole)
{
	const struct address_space *as = p->state == PROC_ZOMBIE ? NULL : p->as;
	char *path, *line;
	struct maps_file exe;

	(void)whole;
	if (!as)
		return;
	path = path_alloc();
	line = path ? path_alloc() : NULL;
	if (!line) {
		path_free(path);
		return;
	}
	maps_exe(as, path, &exe);
	for (const struct vm_area *a = as->areas; a;) {
		const struct vm_area *last = a;
		size_t len;

		while (last->next && shown_as_one(last, last->next))
			last = last->next;
		len = maps_line(line, as, a, last->end, &exe);
		if (t->len + len >= t->size)
			break; /* whole lines only */
		proc_printf(t, "%s", line);
		a = last->next;
	}
	path_free(line);
	path_free(path);
}
