/* SPDX-License-Identifier: MIT */
/*
 * clone(2) flags, with Linux's values (include/uapi/linux/sched.h):
 * tests/host/test_uapi_mman.c checks them against the build machine's.
 */
#ifndef UAPI_SCHED_H
#define UAPI_SCHED_H

#define CSIGNAL 0x000000ff              /* the signal sent at exit */
#define CLONE_VM 0x00000100             /* share the address space */
#define CLONE_FS 0x00000200             /* share cwd, root, umask */
#define CLONE_FILES 0x00000400          /* share the file descriptors */
#define CLONE_SIGHAND 0x00000800        /* share signal handlers */
#define CLONE_PIDFD 0x00001000
#define CLONE_PTRACE 0x00002000
#define CLONE_VFORK 0x00004000          /* parent waits for exec or exit */
#define CLONE_PARENT 0x00008000
#define CLONE_THREAD 0x00010000         /* same thread group (process) */
#define CLONE_NEWNS 0x00020000
#define CLONE_SYSVSEM 0x00040000        /* share System V semaphore undo */
#define CLONE_SETTLS 0x00080000         /* FS base for the child */
#define CLONE_PARENT_SETTID 0x00100000  /* child's tid to *parent_tid */
#define CLONE_CHILD_CLEARTID 0x00200000 /* zero and wake *child_tid at exit */
#define CLONE_DETACHED 0x00400000       /* ignored (as in Linux) */
#define CLONE_UNTRACED 0x00800000
#define CLONE_CHILD_SETTID 0x01000000   /* child's tid to *child_tid */
#define CLONE_NEWCGROUP 0x02000000
#define CLONE_NEWUTS 0x04000000
#define CLONE_NEWIPC 0x08000000
#define CLONE_NEWUSER 0x10000000
#define CLONE_NEWPID 0x20000000
#define CLONE_NEWNET 0x40000000
#define CLONE_IO 0x80000000

#endif
