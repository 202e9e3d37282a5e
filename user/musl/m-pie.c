// SPDX-License-Identifier: MIT
/*
 * m-pie: a static-pie (ET_DYN without PT_INTERP), linked by the Makefile
 * with musl's rcrt1.o, which applies the program's own relocations
 * before main. The kernel loads it at a base (Linux at a random one,
 * this kernel at 0x555555554000) and tells it where through AT_PHDR; the
 * program prints only what must hold at any base.
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

#include "check.h"

extern void _start(void);
/* The linker's symbol for the ELF header, wherever it was loaded. */
extern const Elf64_Ehdr __ehdr_start __attribute__((visibility("hidden")));

/* Pointers in data: right only if the relocations were applied. */
static const char *const words[] = { "relocated", "pointers" };

int main(void)
{
	const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
	unsigned long n = getauxval(AT_PHNUM), bias = 0, text_lo = 0, text_hi = 0;

	check_start();
	/* The first segment maps the file from offset 0 at p_vaddr 0. */
	bias = (unsigned long)&__ehdr_start;
	for (unsigned long i = 0; ph && i < n; i++)
		if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & PF_X)) {
			text_lo = bias + ph[i].p_vaddr;
			text_hi = text_lo + ph[i].p_memsz;
		}
	CHECK((unsigned long)ph == bias + __ehdr_start.e_phoff,
	      "AT_PHDR is where the ELF header says the headers are");
	CHECK(n == __ehdr_start.e_phnum, "AT_PHNUM is the header's count");
	CHECK(bias != 0 && bias % 4096 == 0, "loaded at a page-aligned base above 0");
	CHECK(__ehdr_start.e_type == ET_DYN,
	      "the ELF header at the base says ET_DYN");
	CHECK(getauxval(AT_ENTRY) == (unsigned long)_start,
	      "AT_ENTRY is _start, with the base added");
	CHECK((unsigned long)main >= text_lo && (unsigned long)main < text_hi,
	      "main lies in the executable segment");
	CHECK(getauxval(AT_BASE) == 0, "AT_BASE is 0: no interpreter");
	CHECK(!strcmp(words[0], "relocated") && !strcmp(words[1], "pointers"),
	      "%s %s", words[0], words[1]);
	printf("%.3f\n", 2.0 / 3.0);
	return check_finish("m-pie");
}
