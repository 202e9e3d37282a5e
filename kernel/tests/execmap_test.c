// SPDX-License-Identifier: MIT
/*
 * execve maps a program file's pages instead of copying them
 * (kernel/proc/elf.c, over the page cache of kernel/fs/ramfs.c): two
 * address spaces loaded from one file share its text and its file-backed
 * .data pages; a write to .data copies the page for the writer alone; a
 * write to the file, its truncation or its removal leaves the mapped
 * pages to the programs; the last mapping gone, every page is free
 * again. The program is the startregs module, its writable segment
 * moved to a page of its own in the file so that one .data page is all
 * file bytes (startregs's own is a few bytes and .bss).
 */
#include <kernel/elf.h>
#include <kernel/ktest.h>
#include <kernel/mmu.h>
#include <kernel/multiboot2.h>
#include <kernel/pmm.h>
#include <kernel/proc.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define IMAGE_MAX (128 * 1024)
#define FILE_PATH "/tmp/ktest-execmap"
#define WRITE_FAULT (PF_PRESENT | PF_WRITE | PF_USER)

static uint8_t image[IMAGE_MAX + 2 * PAGE_SIZE];
static size_t image_size;

static Elf64_Phdr *ph(unsigned int i)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)image;

	return (Elf64_Phdr *)(image + eh->e_phoff) + i;
}

/* The first PT_LOAD segment with all of @flags among its own. */
static Elf64_Phdr *segment(uint32_t flags)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)image;

	for (unsigned int i = 0; i < eh->e_phnum; i++)
		if (ph(i)->p_type == PT_LOAD && (ph(i)->p_flags & flags) == flags)
			return ph(i);
	return NULL;
}

/*
 * startregs with its writable segment at a page of its own at the end of
 * the file, @skew bytes in (0: congruent with its address, mappable),
 * one page of 'd' bytes and one page of .bss. False if it cannot be made.
 */
static bool make_image(uint64_t skew)
{
	const struct boot_module *m = find_module("startregs");
	Elf64_Phdr *data;
	uint64_t off;

	if (!m || m->end - m->start > IMAGE_MAX)
		return false;
	image_size = m->end - m->start;
	memcpy(image, PHYS_TO_VIRT(m->start), image_size);
	data = segment(PF_W);
	if (!data)
		return false;
	off = (image_size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	memset(image + image_size, 0, off - image_size);
	memset(image + off, 'd', PAGE_SIZE + skew);
	image_size = off + PAGE_SIZE + skew;
	data->p_offset = off + skew;
	data->p_vaddr = data->p_paddr = data->p_vaddr & ~(PAGE_SIZE - 1);
	data->p_filesz = PAGE_SIZE;
	data->p_memsz = 2 * PAGE_SIZE;
	return true;
}

/* The image as the file FILE_PATH (replaced if there), with a reference. */
static struct inode *make_file(void)
{
	char last[NAME_MAX + 1];
	struct inode *dir, *ino = NULL;

	if (path_parent(AT_FDCWD, FILE_PATH, &dir, last))
		return NULL;
	if (dir_lookup(dir, last, strlen(last)))
		dir_unlink(dir, last, strlen(last));
	ino = inode_new(dir->sb, S_IFREG | 0755);
	if (ino && (dir_link(dir, last, strlen(last), ino) ||
		    inode_write(ino, image, image_size, 0) != (long)image_size)) {
		iput(ino);
		ino = NULL;
	}
	iput(dir);
	return ino;
}

static void remove_file(void)
{
	struct inode *dir;
	char last[NAME_MAX + 1];

	if (path_parent(AT_FDCWD, FILE_PATH, &dir, last))
		return;
	if (dir_lookup(dir, last, strlen(last)))
		dir_unlink(dir, last, strlen(last));
	iput(dir);
}

static uint64_t page_at(const struct address_space *as, uint64_t va)
{
	return vm_lookup(as, va) & PTE_ADDR_MASK;
}

static bool writable(const struct address_space *as, uint64_t va)
{
	return vm_lookup(as, va) & PTE_WRITE;
}

static uint8_t byte_at(const struct address_space *as, uint64_t va)
{
	uint8_t b = 0;

	vm_read(as, va, &b, 1);
	return b;
}

/* The file's data page @n as it is now (no use kept). */
static uint64_t file_page(struct inode *file, uint64_t n)
{
	uint64_t pa = inode_page_get(file, n);

	if (pa)
		page_put(pa);
	return pa;
}

KTEST(exec_shares_file_pages)
{
	uint64_t before = pmm_free_pages(), text_va, data_va, text, data, bss;
	struct address_space *a = NULL, *b = NULL;
	struct elf_info info;
	struct inode *file;
	uint8_t text_byte;

	KT_ASSERT(make_image(0));
	text_va = segment(PF_X)->p_vaddr;
	data_va = segment(PF_W)->p_vaddr;
	file = make_file();
	KT_ASSERT(file);
	a = vm_new();
	b = vm_new();
	KT_ASSERT(a && b);
	KT_ASSERT(elf_load_file(a, file, &info) == NULL);
	KT_ASSERT(elf_load_file(b, file, &info) == NULL);

	/* Text: the file's page itself, in both; the file and two users. */
	text = file_page(file, segment(PF_X)->p_offset / PAGE_SIZE);
	KT_ASSERT(text);
	KT_ASSERT_EQ(page_at(a, text_va), text);
	KT_ASSERT_EQ(page_at(b, text_va), text);
	KT_ASSERT_EQ(page_users(text), 3);
	KT_ASSERT(!writable(a, text_va));
	text_byte = byte_at(a, text_va);

	/* .data: shared too, read-only until written. */
	data = file_page(file, segment(PF_W)->p_offset / PAGE_SIZE);
	KT_ASSERT_EQ(page_at(a, data_va), data);
	KT_ASSERT_EQ(page_at(b, data_va), data);
	KT_ASSERT_EQ(page_users(data), 3);
	KT_ASSERT(!writable(a, data_va) && !writable(b, data_va));

	/* .bss: a zeroed page for each. */
	bss = page_at(a, data_va + PAGE_SIZE);
	KT_ASSERT(bss && bss != page_at(b, data_va + PAGE_SIZE));
	KT_ASSERT_EQ(page_users(bss), 1);
	KT_ASSERT_EQ(byte_at(a, data_va + PAGE_SIZE), 0);

	/* b writes its .data: b's own copy; a and the file keep 'd'. */
	KT_ASSERT_EQ(vm_write(b, data_va, "x", 1), 0);
	KT_ASSERT(page_at(b, data_va) != data && writable(b, data_va));
	KT_ASSERT_EQ(byte_at(b, data_va), 'x');
	KT_ASSERT_EQ(byte_at(b, data_va + 1), 'd');
	KT_ASSERT_EQ(byte_at(a, data_va), 'd');
	KT_ASSERT_EQ(page_users(data), 2);
	/* A write fault does the same for a. */
	KT_ASSERT_EQ(vm_fault(a, data_va, WRITE_FAULT), 0);
	KT_ASSERT(page_at(a, data_va) != data && writable(a, data_va));
	KT_ASSERT_EQ(page_users(data), 1);

	/* Text is never written: the region forbids it. */
	KT_ASSERT_EQ(vm_fault(a, text_va, WRITE_FAULT), -EFAULT);

	/* A write to the file gives the file a copy; the programs keep
	 * the bytes they started with. */
	KT_ASSERT_EQ(inode_write(file, "\xcc", 1,
				 segment(PF_X)->p_offset + (text_va % PAGE_SIZE)),
		     1);
	KT_ASSERT(file_page(file, segment(PF_X)->p_offset / PAGE_SIZE) != text);
	KT_ASSERT_EQ(page_users(text), 2);
	KT_ASSERT_EQ(byte_at(a, text_va), text_byte);
	KT_ASSERT_EQ(byte_at(b, text_va), text_byte);

	/* Truncation in the middle of the text page: the same. */
	KT_ASSERT_EQ(inode_truncate(file, segment(PF_X)->p_offset + 1), 0);
	KT_ASSERT_EQ(page_at(a, text_va + PAGE_SIZE),
		     page_at(b, text_va + PAGE_SIZE));
	KT_ASSERT(byte_at(a, text_va + PAGE_SIZE - 1) ==
		  image[segment(PF_X)->p_offset + PAGE_SIZE - 1]);

	/* Removed, the file lets go of its pages; the programs do not. */
	iput(file);
	remove_file();
	KT_ASSERT_EQ(page_users(text), 2);
	KT_ASSERT_EQ(byte_at(a, text_va), text_byte);
	vm_put(a);
	KT_ASSERT_EQ(page_users(text), 1);
	vm_put(b);
	KT_ASSERT_EQ(pmm_free_pages(), before);
}

/* A segment whose file offset and address differ within a page cannot
 * be mapped from the file: it is copied, as before, and loads. */
KTEST(exec_copies_unaligned_segments)
{
	uint64_t before = pmm_free_pages(), data_va;
	struct address_space *a;
	struct elf_info info;
	struct inode *file;

	KT_ASSERT(make_image(8));
	data_va = segment(PF_W)->p_vaddr;
	image[segment(PF_W)->p_offset] = 'u';
	file = make_file();
	KT_ASSERT(file);
	a = vm_new();
	KT_ASSERT(a);
	KT_ASSERT(elf_load_file(a, file, &info) == NULL);
	KT_ASSERT_EQ(page_users(page_at(a, data_va)), 1);
	KT_ASSERT(writable(a, data_va));
	KT_ASSERT_EQ(byte_at(a, data_va), 'u');
	KT_ASSERT_EQ(byte_at(a, data_va + 1), 'd');
	/* The text is still the file's. */
	KT_ASSERT_EQ(page_users(page_at(a, segment(PF_X)->p_vaddr)), 2);
	iput(file);
	remove_file();
	vm_put(a);
	KT_ASSERT_EQ(pmm_free_pages(), before);
}
