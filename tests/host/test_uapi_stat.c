// SPDX-License-Identifier: MIT
/*
 * tests/host/test_uapi_stat.c - include/uapi/stat.h and the file system
 * constants of include/uapi/fcntl.h against the build machine's headers:
 * struct stat field by field (Linux's <asm/stat.h>), the getdents64
 * record (glibc's struct dirent64 has linux_dirent64's layout), the type
 * and permission bits, the *at flags, lseek's whence, renameat2's flags
 * and the access modes. One line: "[OK] uapi: stat" or "[FAIL] ...".
 */
#define _GNU_SOURCE
#include <asm/stat.h>
#include <dirent.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/limits.h>
/* <linux/stat.h> leaves the S_IF* bits to glibc when it sees glibc;
 * these are to be Linux's own. */
#pragma push_macro("__GLIBC__")
#undef __GLIBC__
#include <linux/stat.h>
#pragma pop_macro("__GLIBC__")
#include <unistd.h>

#include <stddef.h>
#include <stdio.h>

/* clang-format off */
#define CONSTANTS(X) \
	X(S_IFMT) X(S_IFSOCK) X(S_IFLNK) X(S_IFREG) X(S_IFBLK) X(S_IFDIR) \
	X(S_IFCHR) X(S_IFIFO) X(S_ISUID) X(S_ISGID) X(S_ISVTX) \
	X(DT_UNKNOWN) X(DT_FIFO) X(DT_CHR) X(DT_DIR) X(DT_BLK) X(DT_REG) \
	X(DT_LNK) X(DT_SOCK) X(O_PATH) X(O_TMPFILE) X(AT_FDCWD) \
	X(AT_SYMLINK_NOFOLLOW) X(AT_EACCESS) X(AT_REMOVEDIR) \
	X(AT_SYMLINK_FOLLOW) X(AT_NO_AUTOMOUNT) X(AT_EMPTY_PATH) \
	X(F_OK) X(X_OK) X(W_OK) X(R_OK) X(SEEK_SET) X(SEEK_CUR) X(SEEK_END) \
	X(SEEK_DATA) X(SEEK_HOLE) X(RENAME_NOREPLACE) X(RENAME_EXCHANGE) \
	X(RENAME_WHITEOUT) X(PATH_MAX) X(NAME_MAX)
/* clang-format on */

#define LINUX_VALUE(n) static const long linux_##n = (long)(n);
CONSTANTS(LINUX_VALUE)

#define ST(f) static const size_t linux_st_##f = offsetof(struct stat, f);
ST(st_dev) ST(st_ino) ST(st_nlink) ST(st_mode) ST(st_uid) ST(st_gid)
ST(st_rdev) ST(st_size) ST(st_blksize) ST(st_blocks) ST(st_atime)
ST(st_atime_nsec) ST(st_mtime) ST(st_mtime_nsec) ST(st_ctime)
ST(st_ctime_nsec)
static const size_t linux_st_size_of = sizeof(struct stat);
#define DE(f) static const size_t linux_de_##f = offsetof(struct dirent64, f);
DE(d_ino) DE(d_off) DE(d_reclen) DE(d_type) DE(d_name)

/* Ours, under other names. */
#define stat our_stat
#undef S_IFMT
#undef S_IFSOCK
#undef S_IFLNK
#undef S_IFREG
#undef S_IFBLK
#undef S_IFDIR
#undef S_IFCHR
#undef S_IFIFO
#undef S_ISUID
#undef S_ISGID
#undef S_ISVTX
#undef S_ISREG
#undef S_ISDIR
#undef S_ISLNK
#undef S_ISCHR
#undef S_ISBLK
#undef S_ISFIFO
#undef DT_UNKNOWN
#undef DT_FIFO
#undef DT_CHR
#undef DT_DIR
#undef DT_BLK
#undef DT_REG
#undef DT_LNK
#undef DT_SOCK
#undef O_PATH
#undef O_TMPFILE
#undef AT_FDCWD
#undef AT_SYMLINK_NOFOLLOW
#undef AT_EACCESS
#undef AT_REMOVEDIR
#undef AT_SYMLINK_FOLLOW
#undef AT_NO_AUTOMOUNT
#undef AT_EMPTY_PATH
#undef F_OK
#undef X_OK
#undef W_OK
#undef R_OK
#undef SEEK_SET
#undef SEEK_CUR
#undef SEEK_END
#undef SEEK_DATA
#undef SEEK_HOLE
#undef RENAME_NOREPLACE
#undef RENAME_EXCHANGE
#undef RENAME_WHITEOUT
#undef PATH_MAX
#undef NAME_MAX
#undef st_atime
#undef st_mtime
#undef st_ctime
/* The rest of <uapi/fcntl.h> is test_uapi_fcntl.c's; keep theirs out. */
#undef O_RDONLY
#undef O_WRONLY
#undef O_RDWR
#undef O_ACCMODE
#undef O_CREAT
#undef O_EXCL
#undef O_NOCTTY
#undef O_TRUNC
#undef O_APPEND
#undef O_NONBLOCK
#undef O_DSYNC
#undef O_ASYNC
#undef O_DIRECT
#undef O_LARGEFILE
#undef O_DIRECTORY
#undef O_NOFOLLOW
#undef O_NOATIME
#undef O_CLOEXEC
#undef F_DUPFD
#undef F_GETFD
#undef F_SETFD
#undef F_GETFL
#undef F_SETFL
#undef F_DUPFD_CLOEXEC
#undef FD_CLOEXEC
#undef PIPE_BUF
#include <uapi/fcntl.h>
#include <uapi/stat.h>

int main(void)
{
	int bad = 0;

#define COMPARE(n)                                                            \
	if ((long)(n) != linux_##n) {                                         \
		printf("[FAIL] uapi: stat: %s is %ld, Linux's %ld\n", #n,     \
		       (long)(n), linux_##n);                                 \
		bad++;                                                        \
	}
	CONSTANTS(COMPARE)
#define SAME_ST(f)                                                            \
	if (offsetof(struct our_stat, f) != linux_st_##f) {                   \
		printf("[FAIL] uapi: stat: %s at %zu, Linux's at %zu\n", #f,  \
		       offsetof(struct our_stat, f), linux_st_##f);           \
		bad++;                                                        \
	}
	SAME_ST(st_dev) SAME_ST(st_ino) SAME_ST(st_nlink) SAME_ST(st_mode)
	SAME_ST(st_uid) SAME_ST(st_gid) SAME_ST(st_rdev) SAME_ST(st_size)
	SAME_ST(st_blksize) SAME_ST(st_blocks) SAME_ST(st_atime)
	SAME_ST(st_atime_nsec) SAME_ST(st_mtime) SAME_ST(st_mtime_nsec)
	SAME_ST(st_ctime) SAME_ST(st_ctime_nsec)
	if (sizeof(struct our_stat) != linux_st_size_of) {
		printf("[FAIL] uapi: stat: struct stat is %zu bytes, Linux's %zu\n",
		       sizeof(struct our_stat), linux_st_size_of);
		bad++;
	}
#define SAME_DE(f)                                                            \
	if (offsetof(struct linux_dirent64, f) != linux_de_##f) {             \
		printf("[FAIL] uapi: stat: dirent %s at %zu, Linux's at %zu\n", \
		       #f, offsetof(struct linux_dirent64, f), linux_de_##f); \
		bad++;                                                        \
	}
	SAME_DE(d_ino) SAME_DE(d_off) SAME_DE(d_reclen) SAME_DE(d_type)
	SAME_DE(d_name)
	if (!bad)
		printf("[OK] uapi: stat\n");
	return bad != 0;
}
