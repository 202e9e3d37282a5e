// SPDX-License-Identifier: MIT
/*
 * tests/host/test_uapi_fcntl.c - include/uapi/fcntl.h against the build
 * machine's Linux UAPI headers (Debian's linux-libc-dev), as
 * test_uapi_mman.c does: Linux's values first, then ours, compared.
 * One line: "[OK] uapi: fcntl" or "[FAIL] ...".
 */
#include <linux/fcntl.h>
#include <linux/limits.h>

#include <stdio.h>

/* clang-format off */
#define CONSTANTS(X) \
	X(O_RDONLY) X(O_WRONLY) X(O_RDWR) X(O_ACCMODE) X(O_CREAT) X(O_EXCL) \
	X(O_NOCTTY) X(O_TRUNC) X(O_APPEND) X(O_NONBLOCK) X(O_DSYNC) \
	X(FASYNC) X(O_DIRECT) X(O_LARGEFILE) X(O_DIRECTORY) X(O_NOFOLLOW) \
	X(O_NOATIME) X(O_CLOEXEC) X(F_DUPFD) X(F_GETFD) X(F_SETFD) X(F_GETFL) \
	X(F_SETFL) X(F_DUPFD_CLOEXEC) X(FD_CLOEXEC) X(PIPE_BUF)
/* clang-format on */

#define LINUX_VALUE(n) static const long linux_##n = n;
CONSTANTS(LINUX_VALUE)

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
#undef FASYNC
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

/* Checked by test_uapi_stat.c: out of the way here. */
#undef O_PATH
#undef O_TMPFILE
#undef AT_FDCWD
#undef AT_SYMLINK_NOFOLLOW
#undef AT_EACCESS
#undef AT_REMOVEDIR
#undef AT_SYMLINK_FOLLOW
#undef AT_NO_AUTOMOUNT
#undef AT_EMPTY_PATH
#undef PATH_MAX
#undef NAME_MAX
#include <uapi/fcntl.h>
#define FASYNC O_ASYNC /* Linux's other name for it */

int main(void)
{
	int bad = 0;

#define COMPARE(n)                                                            \
	if ((long)(n) != linux_##n) {                                         \
		printf("[FAIL] uapi: fcntl: %s is %ld, Linux says %ld\n", #n, \
		       (long)(n), linux_##n);                                 \
		bad++;                                                        \
	}
	CONSTANTS(COMPARE)
	if (!bad)
		printf("[OK] uapi: fcntl\n");
	return bad != 0;
}
