/* SPDX-License-Identifier: MIT */
/* ELF64 as the System V ABI (gABI + x86-64 psABI) defines it, and the loader. */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kernel/vm.h>

#define EI_NIDENT 16
#define ELFMAG "\177ELF"
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define EV_CURRENT 1
#define ET_REL 1
#define ET_EXEC 2
#define ET_DYN 3 /* position-independent: static-pie, when it has no PT_INTERP */
#define EM_X86_64 62

#define PT_NULL 0
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PT_NOTE 4
#define PT_PHDR 6
#define PT_TLS 7
#define PT_GNU_STACK 0x6474e551
#define PT_GNU_RELRO 0x6474e552
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

typedef struct {
	uint32_t n_namesz;
	uint32_t n_descsz;
	uint32_t n_type;
} Elf64_Nhdr;

/*
 * Where an ET_DYN program (static-pie) is loaded: Linux's ELF_ET_DYN_BASE
 * on x86-64 without address-space randomisation, so that addresses match
 * what the same program shows under Linux with ASLR off.
 */
#define ELF_ET_DYN_BASE 0x555555554000ul

/* What the loader learnt, for the start-up stack's auxiliary vector. */
struct elf_info {
	uint64_t entry;      /* AT_ENTRY, the load bias added */
	uint64_t phdr;       /* AT_PHDR: the program headers in memory, or 0 */
	uint64_t phnum;      /* AT_PHNUM */
	uint64_t bias;       /* 0 for ET_EXEC, ELF_ET_DYN_BASE for ET_DYN */
	uint64_t heap_start; /* the page after the highest segment */
	bool seed_abi;       /* carries the SEED_ABI note (<uapi/abi.h>) */
};

/**
 * elf_check - validate an ELF executable image without touching memory
 * Returns NULL if it can be loaded, or the reason it cannot.
 */
const char *elf_check(const void *image, size_t size);

/**
 * elf_load - validate and map an executable into an empty address space
 * @info: receives the entry point and what the auxiliary vector needs
 * Returns NULL or the reason; on failure @as may hold some pages and
 * regions, which vm_destroy() frees.
 */
const char *elf_load(struct address_space *as, const void *image, size_t size,
		     struct elf_info *info);
/* The same, from the file @file of the file system (execve). */
struct inode;
const char *elf_load_file(struct address_space *as, struct inode *file,
			  struct elf_info *info);

#endif
