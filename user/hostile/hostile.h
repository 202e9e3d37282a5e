/* SPDX-License-Identifier: MIT */
/*
 * What the parts of the hostile program share (user/hostile.c and
 * the files in user/hostile/, one per group of ../shared/HOSTILE.md cases):
 * the entry under test, the failure count, CHECK, and the calls made
 * through that entry.
 */
#ifndef USER_HOSTILE_H
#define USER_HOSTILE_H

#include "user.h"

/* The kernel's own definitions of what this program attacks. */
#include <kernel/msr.h>     /* RFLAGS_* */
#include <kernel/segment.h> /* KERNEL_CS, KERNEL_DS */
#include <kernel/vm.h>      /* USER_STACK_TOP, USER_SPACE_END, ... */
#include <uapi/fcntl.h>
#include <uapi/futex.h>
#include <uapi/sched.h>
#include <uapi/wait.h>

/* Kernel addresses to aim at: the image (text, then data) and the
 * direct map, all present in every address space, none user-accessible. */
#define KERNEL_TEXT (KERNEL_VMA + KERNEL_PHYS_BASE)
#define KERNEL_DATA (KERNEL_VMA + KERNEL_PHYS_BASE + 0x10000)
#define DIRECT_MAP (PHYS_MAP_BASE + KERNEL_PHYS_BASE)

extern unsigned int entry; /* SYSCALL_ENTRY_*: the one under test */
/* A read-only page's worth of zeros, for writes that must fail. */
extern const struct utsname read_only_utsname;
extern int failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("hostile: FAILED %s: ", #cond);                 \
			printf(__VA_ARGS__);                                   \
			printf("\n");                                          \
			failures++;                                            \
		}                                                              \
	} while (0)

static inline long call3(long nr, long a1, long a2, long a3)
{
	return syscall_via(entry, nr, a1, a2, a3, 0, 0, 0);
}

static inline long call6(long nr, long a1, long a2, long a3, long a4, long a5,
			 long a6)
{
	return syscall_via(entry, nr, a1, a2, a3, a4, a5, a6);
}

/* How a child running @body ends: its wait status (user/hostile/threads.c). */
int status_of(void (*body)(void));

/* 18: memory, TLS, futex and id calls (user/hostile/memory.c) */
void bad_memory_calls(void);
void unmap_own_stack(void);
void bad_tls_bases(void);
void bad_futex_calls(void);
void futex_wait_forever(const char *variant);
void bad_id_calls(void);
/* 18: copy-on-write fork (user/hostile/cow.c) */
void copy_on_write_fork(void);
/* 18: clone and threads (user/hostile/threads.c) */
void bad_clone_calls(void);
/* 19: descriptors and pipes (user/hostile/fds.c) */
void bad_fd_calls(void);
/* 19: paths and the file system (user/hostile/files.c) */
void bad_file_calls(void);
/* 19: /proc while processes come and go (user/hostile/proc.c) */
void bad_proc_calls(void);
/* 17: signals through this entry (user/hostile/signals.c) */
void signals_through_entry(void);

#endif
