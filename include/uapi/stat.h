/* SPDX-License-Identifier: MIT */
/*
 * What stat(2) and getdents64(2) give user space, with Linux's x86-64
 * layout and values (arch/x86/include/uapi/asm/stat.h, linux/stat.h,
 * linux/dirent.h's linux_dirent64): tests/host/test_uapi_stat.c checks
 * every field and constant against the build machine's headers.
 */
#ifndef UAPI_STAT_H
#define UAPI_STAT_H

#include <stdint.h>

/* The file type, in st_mode's top bits. */
#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define S_ISUID 04000
#define S_ISGID 02000
#define S_ISVTX 01000
#define S_IALLUGO 07777 /* every permission bit chmod may set */

#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m) (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

/* x86-64's struct stat: 144 bytes. */
struct stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint64_t st_nlink;
	uint32_t st_mode;
	uint32_t st_uid;
	uint32_t st_gid;
	uint32_t __pad0;
	uint64_t st_rdev;
	int64_t st_size;
	int64_t st_blksize;
	int64_t st_blocks; /* in 512-byte units */
	uint64_t st_atime;
	uint64_t st_atime_nsec;
	uint64_t st_mtime;
	uint64_t st_mtime_nsec;
	uint64_t st_ctime;
	uint64_t st_ctime_nsec;
	int64_t __unused[3];
};

/* One record of getdents64: 8-byte aligned, d_reclen bytes long. */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off; /* where the next record starts: for lseek */
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[]; /* NUL-terminated */
};

/* d_type: the file type, S_IFMT >> 12. */
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

/* Device numbers as Linux's new_encode_dev() packs them for st_rdev. */
#define MKDEV(major, minor)                                                   \
	((((uint64_t)(minor)) & 0xff) | (((uint64_t)(major)) << 8) |          \
	 ((((uint64_t)(minor)) & ~0xffull) << 12))

#endif
