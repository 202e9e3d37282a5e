// SPDX-License-Identifier: MIT
/*
 * Loading static ELF64 executables into user address spaces.
 *
 * An image comes from a boot module: input from outside the kernel. All of
 * it is checked before anything is mapped, and every offset and size is
 * checked for overflow before it is added to anything:
 *
 *   header     magic, 64-bit, little-endian, version, ET_EXEC, x86-64,
 *              program headers of the right size, inside the file
 *   segments   PT_LOAD only (no PT_INTERP/PT_DYNAMIC: static programs),
 *              file part inside the file, file size <= memory size,
 *              wholly in user space above USER_MIN_ADDR, clear of the
 *              stack and its guard page, no two sharing a page, never writable and
 *              executable at once (W^X for user programs too)
 *   entry      inside an executable segment
 */
#include <stdbool.h>

#include <kernel/elf.h>
#include <kernel/mmu.h>
#include <lib/string.h>

static const Elf64_Phdr *phdrs(const void *image)
{
	const Elf64_Ehdr *eh = image;

	return (const Elf64_Phdr *)((const char *)image + eh->e_phoff);
}

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
	if (eh->e_type != ET_EXEC)
		return "not an executable (ET_EXEC) file";
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

static const char *check_segment(const Elf64_Phdr *ph, size_t size)
{
	if (ph->p_type == PT_INTERP || ph->p_type == PT_DYNAMIC)
		return "dynamically linked programs are not supported";
	if (ph->p_type != PT_LOAD)
		return NULL; /* notes, GNU_STACK and the like: nothing to load */
	if (ph->p_filesz > ph->p_memsz)
		return "segment file size is larger than its memory size";
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
		return "segment data lies outside the file";
	if (ph->p_memsz == 0)
		return "segment is empty";
	if (ph->p_vaddr < USER_MIN_ADDR || ph->p_vaddr >= USER_SPACE_END ||
	    ph->p_memsz > USER_SPACE_END - ph->p_vaddr)
		return "segment lies outside user space";
	if (page_down(ph->p_vaddr) < USER_STACK_TOP &&
	    page_up(ph->p_vaddr + ph->p_memsz) > USER_STACK_GUARD)
		return "segment overlaps the user stack";
	if ((ph->p_flags & PF_W) && (ph->p_flags & PF_X))
		return "segment is both writable and executable";
	return NULL;
}

const char *elf_check(const void *image, size_t size)
{
	const Elf64_Ehdr *eh = image;
	const Elf64_Phdr *ph;
	const char *why;
	bool entry_ok = false, any_load = false;

	why = check_header(eh, size);
	if (why)
		return why;
	ph = phdrs(image);
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		why = check_segment(&ph[i], size);
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

static const char *load_segment(struct address_space *as,
				 const Elf64_Phdr *ph, const char *image)
{
	int prot = (ph->p_flags & PF_W ? VM_WRITE : 0) |
		   (ph->p_flags & PF_X ? VM_EXEC : 0);
	uint64_t end = ph->p_vaddr + ph->p_memsz;

	for (uint64_t va = page_down(ph->p_vaddr); va < end; va += PAGE_SIZE) {
		uint64_t pa = vm_map_new_page(as, va, prot);
		/* The file bytes that belong in this page, if any. */
		uint64_t lo = va > ph->p_vaddr ? va : ph->p_vaddr;
		uint64_t hi = va + PAGE_SIZE;
		uint64_t file_end = ph->p_vaddr + ph->p_filesz;

		if (!pa)
			return "out of memory";
		if (hi > file_end)
			hi = file_end;
		if (lo < hi)
			memcpy((char *)PHYS_TO_VIRT(pa) + (lo - va),
			       image + ph->p_offset + (lo - ph->p_vaddr),
			       hi - lo);
	}
	return NULL;
}

const char *elf_load(struct address_space *as, const void *image, size_t size,
		     uint64_t *entry)
{
	const Elf64_Ehdr *eh = image;
	const char *why = elf_check(image, size);

	if (why)
		return why;
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = &phdrs(image)[i];

		if (ph->p_type != PT_LOAD)
			continue;
		why = load_segment(as, ph, image);
		if (why)
			return why;
	}
	*entry = eh->e_entry;
	return NULL;
}

uint64_t elf_heap_start(const void *image)
{
	const Elf64_Ehdr *eh = image;
	uint64_t end = USER_MIN_ADDR;

	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = &phdrs(image)[i];
		uint64_t seg_end = ph->p_vaddr + ph->p_memsz;

		if (ph->p_type == PT_LOAD && seg_end <= USER_STACK_GUARD &&
		    seg_end > end)
			end = seg_end;
	}
	return page_up(end);
}
