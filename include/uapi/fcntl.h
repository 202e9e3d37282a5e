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

#define PIPE_BUF 4096 /* writes up to this size are atomic */

#endif
