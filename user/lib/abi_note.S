/* SPDX-License-Identifier: MIT */
/*
 * The ELF note that brands a program as one of this project's own
 * (include/uapi/abi.h): execve gives such a program the seed design's
 * system call table, where number 15 is still unused. The Makefile links
 * this object into every program in user/; programs built for Linux do
 * not have it and get Linux's table.
 */
#include <uapi/abi.h>

	.section .note.seed, "a", @note
	.balign 4
	.long 2f - 1f			/* n_namesz */
	.long 4f - 3f			/* n_descsz */
	.long SEED_ABI_NOTE_TYPE	/* n_type */
1:	.asciz SEED_ABI_NOTE_NAME
2:	.balign 4
3:	.long SEED_ABI_VERSION
4:	.balign 4

	.section .note.GNU-stack, "", @progbits
