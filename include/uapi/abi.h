/* SPDX-License-Identifier: MIT */
/*
 * ABI branding: which system call table a program gets.
 *
 * The project's own programs (user/, linked with user/lib) carry an ELF
 * note saying so; execve gives them the "seed" table, system_call_table,
 * where number 15 stays the seed design's unused number and reaches
 * no_system_call. Every other program is a Linux program and gets
 * linux_system_call_table, where 15 is rt_sigreturn. Both tables hold
 * the same handlers everywhere else. docs/syscalls.md, "ABI branding".
 *
 * The note, in a PT_NOTE segment (user/lib/abi_note.S writes it):
 *   namesz 5, descsz 4, type SEED_ABI_NOTE_TYPE, name "seed\0" (padded to
 *   8 bytes), desc: SEED_ABI_VERSION as a 32-bit word
 */
#ifndef UAPI_ABI_H
#define UAPI_ABI_H

/* A process's ABI, as the private call abi() returns it. */
#define ABI_LINUX 0
#define ABI_SEED 1

#define SEED_ABI_NOTE_NAME "seed"
#define SEED_ABI_NOTE_TYPE 1
#define SEED_ABI_VERSION 1

#endif
