/* SPDX-License-Identifier: MIT */
/* ELF64 as the System V ABI (gABI + x86-64 psABI) defines it, and the loader. */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stddef.h>
#include <stdint.h>

#include <kernel/vm.h>

#define EI_NIDENT 16
#define ELFMAG "\177ELF"
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define EV_CURRENT 1
#define ET_EXEC 2
#define EM_X86_64 62

#define PT_NULL 0
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PF_X 1
#define PF_W 2
#define PF_R 4

typedef struct {
	unsigned char e_ident[EI_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;
	uint64_t e_phoff;
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
} Elf64_Ehdr;

typedef struct {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;
	uint64_t p_vaddr;
	uint64_t p_paddr;
	uint64_t p_filesz;
	uint64_t p_memsz;
	uint64_t p_align;
} Elf64_Phdr;

#define ELF_MAX_PHDRS 32

/**
 * elf_check - validate an ELF executable image without touching memory
 * Returns NULL if it can be loaded, or the reason it cannot.
 */
const char *elf_check(const void *image, size_t size);

/**
 * elf_load - validate and map an executable into an empty address space
 * @entry: receives the entry point
 * Returns NULL or the reason; on failure @as may hold some pages, which
 * vm_destroy() frees.
 */
const char *elf_load(struct address_space *as, const void *image, size_t size,
		     uint64_t *entry);

/* Where the heap of a checked image starts: the page after the highest
 * segment below the stack. */
uint64_t elf_heap_start(const void *image);

#endif
