// SPDX-License-Identifier: MIT
/*
 * Loading static ELF64 executables into user address spaces.
 *
 * An image is a file of the file system, or (for the kernel's own tests)
 * bytes in memory: input from outside the kernel, read through
 * elf_source's read(), never trusted. The headers are read into the
 * kernel and all of them are checked before anything is mapped, and every
 * offset and size is checked for overflow before it is added to anything:
 *
 *   header     magic, 64-bit, little-endian, version, ET_EXEC or ET_DYN,
 *              x86-64, program headers of the right size, inside the file
 *   segments   no PT_INTERP (static programs only: there is no dynamic
 *              linker); PT_LOAD file part inside the file, file size <=
 *              memory size,
 *              wholly in user space above USER_MIN_ADDR, clear of the
 *              stack and its guard page, no two sharing a page, never writable and
 *              executable at once (W^X for user programs too)
 *   entry      inside an executable segment
 *
 * A checked program is mapped page by page (load_segment): a page that
 * holds only file bytes of its segment, laid out in the file's page as
 * in memory, is the file's own page from the page cache of ramfs,
 * shared by every process that runs the file (copy-on-write if the
 * segment is writable); any other page is a fresh one with a copy of
 * its bytes (docs/files.md, section 6).
 *
 * An ET_DYN program without PT_INTERP is a static-pie: it is loaded at
 * ELF_ET_DYN_BASE and applies its own relocations, the load bias being
 * AT_PHDR minus the program headers' address in the file. PT_TLS,
 * PT_GNU_STACK, PT_GNU_RELRO, PT_DYNAMIC and notes need nothing from the
 * loader: the program's libc reads them through AT_PHDR (the stack is
 * never executable, whatever PT_GNU_STACK says).
 */
#include <stdbool.h>

#include <kernel/elf.h>
#include <kernel/mmu.h>
#include <kernel/pmm.h>
#include <kernel/vfs.h>
#include <uapi/abi.h>
#include <uapi/errno.h>
#include <lib/string.h>

/* Where an image's bytes come from: memory, or a file. */
struct elf_source {
	const char *image; /* bytes in memory, or NULL */
	struct inode *file;
	size_t size;
};

/* Read @n bytes at @off: false if they are not all there. */
static bool src_read(const struct elf_source *src, uint64_t off, void *buf,
		     size_t n)
{
	if (off > src->size || n > src->size - off)
		return false;
	if (src->image) {
		memcpy(buf, src->image + off, n);
		return true;
	}
	return inode_read(src->file, buf, n, off) == (long)n;
}

/* The headers, read into the kernel once checked to be in the file. */
struct elf_headers {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[ELF_MAX_PHDRS];
};

static uint64_t page_down(uint64_t a)
{
	return a & ~(PAGE_SIZE - 1);
}

/* Round up; the caller has checked @a is below USER_SPACE_END. */
static uint64_t page_up(uint64_t a)
{
	return (a + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

static const char *check_header(const Elf64_Ehdr *eh, size_t size)
{
	if (size < sizeof(*eh))
		return "file is smaller than an ELF header";
	if (memcmp(eh->e_ident, ELFMAG, 4))
		return "not an ELF file (bad magic)";
	if (eh->e_ident[4] != ELFCLASS64)
		return "not a 64-bit ELF file";
	if (eh->e_ident[5] != ELFDATA2LSB)
		return "not a little-endian ELF file";
	if (eh->e_ident[6] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return "unknown ELF version";
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return "not an executable (ET_EXEC or ET_DYN) file";
	if (eh->e_machine != EM_X86_64)
		return "not an x86-64 program";
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return "program header size is not that of ELF64";
	if (eh->e_phnum == 0)
		return "no program headers";
	if (eh->e_phnum > ELF_MAX_PHDRS)
		return "too many program headers";
	if (eh->e_phoff > size ||
	    (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff)
		return "program headers lie outside the file";
	if (eh->e_phoff % 8)
		return "program headers are misaligned";
	return NULL;
}

/* The load bias: where ET_DYN programs go. */
static uint64_t load_bias(const Elf64_Ehdr *eh)
{
	return eh->e_type == ET_DYN ? ELF_ET_DYN_BASE : 0;
}

static const char *check_segment(const Elf64_Phdr *ph, size_t size,
				 uint64_t bias)
{
	uint64_t vaddr = ph->p_vaddr + bias;

	if (ph->p_type == PT_INTERP)
		return "dynamically linked programs are not supported";
	if (ph->p_type != PT_LOAD)
		return NULL; /* notes, GNU_STACK and the like: nothing to load */
	if (ph->p_filesz > ph->p_memsz)
		return "segment file size is larger than its memory size";
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
		return "segment data lies outside the file";
	if (ph->p_memsz == 0)
		return "segment is empty";
	if (ph->p_vaddr >= USER_SPACE_END || vaddr < USER_MIN_ADDR ||
	    vaddr >= USER_SPACE_END || ph->p_memsz > USER_SPACE_END - vaddr)
		return "segment lies outside user space";
	if (page_down(vaddr) < USER_STACK_TOP &&
	    page_up(vaddr + ph->p_memsz) > USER_STACK_GUARD)
		return "segment overlaps the user stack";
	if ((ph->p_flags & PF_W) && (ph->p_flags & PF_X))
		return "segment is both writable and executable";
	return NULL;
}

/* Read and check the headers of @src into @h. */
static const char *read_headers(const struct elf_source *src,
				struct elf_headers *h)
{
	const Elf64_Ehdr *eh = &h->eh;
	const Elf64_Phdr *ph = h->ph;
	const char *why;
	bool entry_ok = false, any_load = false;
	uint64_t bias;

	if (!src_read(src, 0, &h->eh, sizeof(h->eh)))
		return "file is smaller than an ELF header";
	why = check_header(eh, src->size);
	if (why)
		return why;
	if (!src_read(src, eh->e_phoff, h->ph, eh->e_phnum * sizeof(Elf64_Phdr)))
		return "program headers lie outside the file";
	bias = load_bias(eh);
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		why = check_segment(&ph[i], src->size, bias);
		if (why)
			return why;
		if (ph[i].p_type != PT_LOAD)
			continue;
		any_load = true;
		if ((ph[i].p_flags & PF_X) && eh->e_entry >= ph[i].p_vaddr &&
		    eh->e_entry - ph[i].p_vaddr < ph[i].p_memsz)
			entry_ok = true;
		/* Segments are mapped page by page: no page may be shared. */
		for (unsigned int j = 0; j < i; j++) {
			if (ph[j].p_type != PT_LOAD)
				continue;
			if (page_down(ph[i].p_vaddr) <
				    page_up(ph[j].p_vaddr + ph[j].p_memsz) &&
			    page_down(ph[j].p_vaddr) <
				    page_up(ph[i].p_vaddr + ph[i].p_memsz))
				return "segments overlap";
		}
	}
	if (!any_load)
		return "no loadable segment";
	if (!entry_ok)
		return "entry point is not in an executable segment";
	return NULL;
}

const char *elf_check(const void *image, size_t size)
{
	const struct elf_source src = { image, NULL, size };
	static struct elf_headers h; /* one system call at a time */

	return read_headers(&src, &h);
}

/*
 * Map page @va of the segment @ph (loaded at @vaddr) straight from the
 * program file, if it can be: the file's pages are a page cache
 * (kernel/fs/ramfs.c), so this costs a page table entry, not a copy.
 * It can be when the segment's bytes sit at the same place in a page of
 * the file as in memory (p_offset and p_vaddr equal modulo the page
 * size, as linkers lay programs out), when the segment has nothing but
 * file bytes in this page (a .bss tail must read as zeros, and the
 * file's page holds other bytes there), and when the file has the page
 * (a hole has none). Bytes of the page outside the segment show the
 * file's bytes there, as on Linux. A read-only segment's page is then
 * shared by every process that runs the file; a writable one's is
 * mapped read-only and copied at the first write (vm_cow_write(), as
 * after fork). False: the caller copies the page instead.
 */
static bool map_file_page(struct address_space *as, const Elf64_Phdr *ph,
			  const struct elf_source *src, uint64_t vaddr,
			  uint64_t va, int prot)
{
	uint64_t seg_end = vaddr + ph->p_memsz, file_end = vaddr + ph->p_filesz;
	uint64_t used_end = va + PAGE_SIZE < seg_end ? va + PAGE_SIZE : seg_end;
	uint64_t pa;

	if (!src->file || (ph->p_offset - vaddr) % PAGE_SIZE ||
	    used_end > file_end)
		return false;
	/* va may lie below vaddr (the first page): the congruence keeps
	 * the file offset of the page's start at or above 0. */
	pa = inode_page_get(src->file,
			    (ph->p_offset - (vaddr - va)) / PAGE_SIZE);
	if (!pa)
		return false;
	if (vm_map_page(as, va, pa, prot & ~VM_WRITE)) {
		page_put(pa);
		return false;
	}
	return true;
}

static const char *load_segment(struct address_space *as,
				 const Elf64_Phdr *ph,
				 const struct elf_source *src, uint64_t bias)
{
	int prot = (ph->p_flags & PF_W ? VM_WRITE : 0) |
		   (ph->p_flags & PF_X ? VM_EXEC : 0);
	unsigned int vma_prot = (ph->p_flags & PF_R ? PROT_READ : 0) |
				(ph->p_flags & PF_W ? PROT_WRITE : 0) |
				(ph->p_flags & PF_X ? PROT_EXEC : 0);
	uint64_t vaddr = ph->p_vaddr + bias, end = vaddr + ph->p_memsz;

	if (vma_add(as, page_down(vaddr), page_up(end), vma_prot, VMA_ELF))
		return "out of memory";
	/* The file offset of the region's first page, for /proc/PID/maps:
	 * Linux's vm_pgoff, from the offset and address the linker made
	 * congruent (a segment that is not still loads, by copying). */
	vma_find(as, page_down(vaddr))->file_offset =
		page_down(ph->p_offset);
	for (uint64_t va = page_down(vaddr); va < end; va += PAGE_SIZE) {
		uint64_t pa;
		/* The file bytes that belong in this page, if any. */
		uint64_t lo = va > vaddr ? va : vaddr;
		uint64_t hi = va + PAGE_SIZE;
		uint64_t file_end = vaddr + ph->p_filesz;

		if (map_file_page(as, ph, src, vaddr, va, prot))
			continue;
		/* Otherwise a page of its own, with a copy of those bytes. */
		pa = vm_map_new_page(as, va, prot);
		if (!pa)
			return "out of memory";
		if (hi > file_end)
			hi = file_end;
		if (lo < hi &&
		    !src_read(src, ph->p_offset + (lo - vaddr),
			      (char *)PHYS_TO_VIRT(pa) + (lo - va), hi - lo))
			return "file changed while it was loaded";
	}
	return NULL;
}

/* Does the image carry the seed ABI's note (<uapi/abi.h>)? The notes
 * are input like the rest: each is checked to lie inside its segment. */
static bool has_seed_note(const struct elf_source *src, const Elf64_Phdr *ph)
{
	static const char name[] = SEED_ABI_NOTE_NAME;
	uint64_t off, end;

	if (ph->p_type != PT_NOTE || ph->p_offset > src->size ||
	    ph->p_filesz > src->size - ph->p_offset)
		return false;
	off = ph->p_offset;
	end = off + ph->p_filesz;
	while (end - off >= sizeof(Elf64_Nhdr)) {
		Elf64_Nhdr n;
		char got[sizeof(name)];
		uint64_t namesz, descsz;

		if (!src_read(src, off, &n, sizeof(n)))
			return false;
		namesz = ((uint64_t)n.n_namesz + 3) & ~3ul;
		descsz = ((uint64_t)n.n_descsz + 3) & ~3ul;
		off += sizeof(n);
		if (namesz > end - off || descsz > end - off - namesz)
			return false;
		if (n.n_type == SEED_ABI_NOTE_TYPE &&
		    n.n_namesz == sizeof(name) && n.n_descsz == 4 &&
		    src_read(src, off, got, sizeof(got)) &&
		    !memcmp(got, name, sizeof(name)))
			return true;
		off += namesz + descsz;
	}
	return false;
}

static const char *load(struct address_space *as,
			const struct elf_source *src, struct elf_info *info)
{
	static struct elf_headers h; /* one system call at a time */
	const Elf64_Ehdr *eh = &h.eh;
	const Elf64_Phdr *ph = h.ph;
	const char *why = read_headers(src, &h);
	uint64_t end = USER_MIN_ADDR;

	if (why)
		return why;
	*info = (struct elf_info){ .bias = load_bias(eh), .phnum = eh->e_phnum };
	info->entry = eh->e_entry + info->bias;
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		uint64_t seg_end = ph[i].p_vaddr + info->bias + ph[i].p_memsz;

		if (ph[i].p_type == PT_PHDR)
			info->phdr = ph[i].p_vaddr + info->bias;
		if (has_seed_note(src, &ph[i]))
			info->seed_abi = true;
		if (ph[i].p_type != PT_LOAD)
			continue;
		/* Without PT_PHDR: the headers in memory, if a segment maps
		 * the file bytes that hold them. */
		if (!info->phdr && eh->e_phoff >= ph[i].p_offset &&
		    eh->e_phoff - ph[i].p_offset < ph[i].p_filesz)
			info->phdr = ph[i].p_vaddr + info->bias +
				     (eh->e_phoff - ph[i].p_offset);
		why = load_segment(as, &ph[i], src, info->bias);
		if (why)
			return why;
		if (seg_end <= USER_STACK_GUARD && seg_end > end)
			end = seg_end;
	}
	info->heap_start = page_up(end);
	return NULL;
}

const char *elf_load(struct address_space *as, const void *image, size_t size,
		     struct elf_info *info)
{
	const struct elf_source src = { image, NULL, size };

	return load(as, &src, info);
}

const char *elf_load_file(struct address_space *as, struct inode *file,
			  struct elf_info *info)
{
	const struct elf_source src = { NULL, file, file->size };

	return load(as, &src, info);
}
