// SPDX-License-Identifier: MIT
/* What _start (crt0.S) calls: choose the system call entry, run main. */
#include "user.h"

int main(int argc, char **argv);
int __libc_start(int argc, char **argv);

/* The fastest entry the CPU offers first (see `make bench`). */
int __libc_start(int argc, char **argv)
{
	if (syscall_use_entry(SYSCALL_ENTRY_SYSCALL) &&
	    syscall_use_entry(SYSCALL_ENTRY_SYSENTER))
		syscall_use_entry(SYSCALL_ENTRY_INT80);
	return main(argc, argv);
}
