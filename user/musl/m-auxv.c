// SPDX-License-Identifier: MIT
/*
 * m-auxv: the start-up stack of the System V x86-64 ABI (psABI 3.4.1):
 * argc, argv, envp and the auxiliary vector, as getauxval() reads it.
 *
 * Values that are the same on every x86-64 Linux are printed (AT_PAGESZ,
 * AT_PHENT, AT_CLKTCK, AT_PLATFORM, ...); values that depend on the
 * machine or the user are compared with what they must equal and only
 * the verdict is printed (AT_UID == getuid(), AT_PHDR == the program's
 * own headers, AT_RANDOM not all zero, ...).
 *
 * AT_EXECFN is the path given to execve: on this kernel the module name,
 * on Linux whatever path the test runner used. Only its last component
 * is printed, which is the program's name on both.
 *
 * musl's _start realigns the stack before main, so main's frame says
 * nothing about the kernel's alignment. The kernel's RSP at the entry
 * point is argv - 8 (it points at argc), and that is what is checked.
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "check.h"

extern const Elf64_Ehdr __ehdr_start; /* GNU ld: the ELF header */
extern char _start[];
extern char **environ;

static void print_value(const char *name, unsigned long type)
{
	errno = 0;
	unsigned long v = getauxval(type);

	printf("%s = %lu%s\n", name, v, errno ? " (missing)" : "");
}

/* Walk the vector by hand from envp's NULL, and count its entries. */
static int auxv_after_envp(char **envp, unsigned long *pagesz)
{
	char **e = envp;
	Elf64_auxv_t *a;
	int n = 0;

	while (*e)
		e++;
	for (a = (Elf64_auxv_t *)(e + 1); a->a_type != AT_NULL; a++, n++)
		if (a->a_type == AT_PAGESZ)
			*pagesz = a->a_un.a_val;
	return n;
}

int main(int argc, char **argv, char **envp)
{
	const Elf64_Ehdr *eh = &__ehdr_start;
	const unsigned char *rnd = (const void *)getauxval(AT_RANDOM);
	const char *platform = (const char *)getauxval(AT_PLATFORM);
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	unsigned long pagesz = 0, entry_rsp = (unsigned long)argv - 8;
	int nonzero = 0;

	check_start();
	printf("argc = %d, argv[0] = %s\n", argc, argv[0]);
	CHECK(entry_rsp % 16 == 0, "RSP at the entry point 16-byte aligned");
	CHECK(*(long *)entry_rsp == argc, "RSP at the entry point holds argc");
	CHECK(argv[argc] == NULL && envp == argv + argc + 1,
	      "envp follows argv's NULL");
	CHECK(auxv_after_envp(envp, &pagesz) > 0 &&
		  pagesz == getauxval(AT_PAGESZ),
	      "the auxiliary vector follows envp's NULL");
	CHECK(environ == envp, "environ is main's envp");

	print_value("AT_PAGESZ", AT_PAGESZ);
	print_value("AT_PHENT", AT_PHENT);
	print_value("AT_PHNUM", AT_PHNUM);
	print_value("AT_CLKTCK", AT_CLKTCK);
	print_value("AT_SECURE", AT_SECURE);
	print_value("AT_BASE", AT_BASE);
	CHECK(getauxval(AT_PHDR) == (unsigned long)eh + eh->e_phoff,
	      "AT_PHDR is the program's own program headers");
	CHECK(getauxval(AT_PHNUM) == eh->e_phnum &&
		  getauxval(AT_PHENT) == eh->e_phentsize,
	      "AT_PHNUM and AT_PHENT match the ELF header");
	CHECK(getauxval(AT_ENTRY) == eh->e_entry &&
		  getauxval(AT_ENTRY) == (unsigned long)_start,
	      "AT_ENTRY is e_entry, _start");
	CHECK(getauxval(AT_UID) == getuid() && getauxval(AT_EUID) == geteuid(),
	      "AT_UID and AT_EUID match getuid() and geteuid()");
	CHECK(getauxval(AT_GID) == getgid() && getauxval(AT_EGID) == getegid(),
	      "AT_GID and AT_EGID match getgid() and getegid()");
	for (int i = 0; rnd && i < 16; i++)
		nonzero |= rnd[i];
	CHECK(rnd && nonzero, "AT_RANDOM: 16 bytes, not all zero");
	/* AT_HWCAP is CPUID.1:EDX on x86: bit 25 SSE, bit 26 SSE2. */
	CHECK((getauxval(AT_HWCAP) & (3UL << 25)) == (3UL << 25),
	      "AT_HWCAP has SSE and SSE2");
	printf("AT_PLATFORM = \"%s\"\n", platform ? platform : "(missing)");
	printf("AT_EXECFN ends in \"%s\"\n",
	       execfn
		   ? (strrchr(execfn, '/') ? strrchr(execfn, '/') + 1 : execfn)
		   : "(missing)");
	return check_finish("m-auxv");
}
