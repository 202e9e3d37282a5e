/* SPDX-License-Identifier: MIT */
/*
 * Open-file flags, fcntl(2) commands and pipe sizes, with Linux's x86-64
 * values (include/uapi/asm-generic/fcntl.h, linux/limits.h):
 * tests/host/test_uapi_fcntl.c checks them against the build machine's.
 */
#ifndef UAPI_FCNTL_H
#define UAPI_FCNTL_H

#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_ACCMODE 03
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DSYNC 010000
#define O_ASYNC 020000
#define O_DIRECT 040000
#define O_LARGEFILE 0100000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW 0400000
#define O_NOATIME 01000000
#define O_CLOEXEC 02000000

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030

#define FD_CLOEXEC 1

#define O_PATH 010000000
#define O_TMPFILE 020200000 /* with O_DIRECTORY, as Linux defines it */

/* The *at calls: a path relative to the working directory, and flags. */
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EACCESS 0x200  /* faccessat */
#define AT_REMOVEDIR 0x200 /* unlinkat */
#define AT_SYMLINK_FOLLOW 0x400
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000

/* faccessat's mode. */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/* lseek's whence. */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4

/* renameat2's flags. */
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#define RENAME_WHITEOUT 4

/* utimensat: a tv_nsec that means "now" or "leave it". */
#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

#define PATH_MAX 4096 /* with its NUL */
#define NAME_MAX 255  /* one component */
#define MAXSYMLINKS 40 /* symlinks one path walk follows */

#define PIPE_BUF 4096 /* writes up to this size are atomic */

#endif
