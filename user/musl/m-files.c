// SPDX-License-Identifier: MIT
/*
 * m-files: files and directories, as Linux does them: create, write,
 * read, lseek, pread/pwrite, fstat, O_APPEND and O_TRUNC, a 1 MiB file
 * over many pages, ftruncate, hard links and symlinks, rename and its
 * flags, unlink while open, a directory of 1000 names read back with
 * getdents64, getcwd and chdir, chmod and utimensat, access, the
 * devices in /dev, and the errno of every misuse.
 *
 * It works in a directory of its own, m-files.d, made in the current
 * one (the test runner runs it on the build machine in a scratch
 * directory), and removes it at the end. Only facts that must be the
 * same on any Linux file system are printed: never an inode number, a
 * time of day, a directory's size or the order getdents64 returns.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "check.h"

#ifndef RENAME_NOREPLACE /* musl has them in <stdio.h> only lately */
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#endif

#define KERNEL_ADDR ((const char *)0xffffffff81000000ul)

/* What a call returned: "ok" or its errno's name. */
static const char *result(long r)
{
	return r < 0 ? errno_name(errno) : "ok";
}

static void expect_errno(long r, int e, const char *what)
{
	CHECK(r == -1 && errno == e, "%s: %s", what, result(r));
}

static long write_file(const char *name, const char *data)
{
	int fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	long n;

	if (fd < 0)
		return -1;
	n = write(fd, data, strlen(data));
	close(fd);
	return n;
}

static long read_file(const char *name, char *buf, size_t size)
{
	int fd = open(name, O_RDONLY);
	long n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

static void basics(void)
{
	char buf[64];
	struct stat st;
	int fd = open("a", O_CREAT | O_RDWR | O_EXCL, 0644);
	long n;

	CHECK(fd >= 0, "create a: %s", result(fd));
	n = write(fd, "hello, world", 12);
	CHECK(n == 12, "write 12 bytes: %ld", n);
	CHECK(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		      (st.st_mode & 07777) == 0644 && st.st_size == 12 &&
		      st.st_nlink == 1,
	      "fstat: regular, mode %o, size %ld, nlink %ld",
	      st.st_mode & 07777, (long)st.st_size, (long)st.st_nlink);
	CHECK(lseek(fd, 7, SEEK_SET) == 7, "lseek to 7");
	n = read(fd, buf, sizeof(buf));
	buf[n > 0 ? n : 0] = '\0';
	CHECK(n == 5 && !strcmp(buf, "world"), "read from 7: \"%s\"", buf);
	CHECK(read(fd, buf, sizeof(buf)) == 0, "read at the end: 0");
	CHECK(lseek(fd, -5, SEEK_END) == 7, "lseek -5 from the end: 7");
	CHECK(lseek(fd, -1, SEEK_CUR) == 6, "lseek -1 from 7: 6");
	expect_errno(lseek(fd, -100, SEEK_CUR), EINVAL, "lseek before 0");
	expect_errno(lseek(fd, 0, 99), EINVAL, "lseek whence 99");
	/* A hole: writing past the end leaves zeros between. */
	CHECK(pwrite(fd, "!", 1, 20) == 1, "pwrite at 20");
	CHECK(lseek(fd, 0, SEEK_CUR) == 6, "pwrite leaves the offset at 6");
	n = pread(fd, buf, 9, 12);
	CHECK(n == 9 && !memcmp(buf, "\0\0\0\0\0\0\0\0!", 9),
	      "pread 12..20: 8 zeros and '!'");
	fstat(fd, &st);
	CHECK(st.st_size == 21, "size after the hole: %ld", (long)st.st_size);
	expect_errno(pread(fd, buf, 1, -1), EINVAL, "pread at -1");
	close(fd);

	/* O_APPEND: every write at the end, whatever the offset. */
	fd = open("a", O_WRONLY | O_APPEND);
	lseek(fd, 0, SEEK_SET);
	write(fd, "XY", 2);
	close(fd);
	n = read_file("a", buf, sizeof(buf));
	CHECK(n == 23 && buf[21] == 'X' && buf[22] == 'Y',
	      "O_APPEND wrote at the end: size %ld", n);
	/* O_TRUNC empties it. */
	fd = open("a", O_WRONLY | O_TRUNC);
	fstat(fd, &st);
	CHECK(st.st_size == 0, "O_TRUNC: size %ld", (long)st.st_size);
	close(fd);
	/* Read-only and write-only descriptors. */
	fd = open("a", O_RDONLY);
	expect_errno(write(fd, "x", 1), EBADF, "write to an O_RDONLY fd");
	expect_errno(ftruncate(fd, 0), EINVAL, "ftruncate of an O_RDONLY fd");
	close(fd);
	fd = open("a", O_WRONLY);
	expect_errno(read(fd, buf, 1), EBADF, "read from an O_WRONLY fd");
	close(fd);
}

/* A 1 MiB file written in odd-sized pieces, read back anywhere. */
static void big_file(void)
{
	static unsigned char block[1000], back[4096];
	const long size = 1 << 20;
	uint32_t sum = 0, sum2 = 0;
	bool same = true;
	int fd = open("big", O_CREAT | O_RDWR | O_TRUNC, 0600);
	long done = 0, n;
	struct stat st;

	for (long at = 0; at < size;) {
		long chunk = size - at < 1000 ? size - at : 1000;

		for (long i = 0; i < chunk; i++)
			block[i] = (unsigned char)((at + i) * 7 + (at + i) / 4096);
		n = write(fd, block, (size_t)chunk);
		if (n != chunk)
			break;
		at += n;
		done = at;
	}
	CHECK(done == size, "1 MiB written in 1000-byte pieces: %ld", done);
	fstat(fd, &st);
	CHECK(st.st_size == size, "its size: %ld", (long)st.st_size);
	lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, back, sizeof(back))) > 0)
		for (long i = 0; i < n; i++)
			sum = sum * 31 + back[i];
	for (long i = 0; i < size; i++)
		sum2 = sum2 * 31 + (unsigned char)(i * 7 + i / 4096);
	CHECK(sum == sum2, "read back in 4 KiB pieces: the same bytes");
	for (long at = 4095; at < size; at += 65537) {
		n = pread(fd, back, 3, at);
		for (long i = 0; i < n; i++)
			if (back[i] != (unsigned char)((at + i) * 7 + (at + i) / 4096))
				same = false;
		if (n != 3)
			same = false;
	}
	CHECK(same, "pread of 3 bytes across page boundaries");
	CHECK(ftruncate(fd, 5000) == 0, "ftruncate to 5000");
	CHECK(ftruncate(fd, 9000) == 0, "ftruncate back up to 9000");
	n = pread(fd, back, 4000, 5000);
	same = n == 4000;
	for (long i = 0; i < n; i++)
		if (back[i])
			same = false;
	CHECK(same, "the part cut and grown again reads as zeros");
	fstat(fd, &st);
	CHECK(st.st_size == 9000, "size %ld", (long)st.st_size);
	expect_errno(ftruncate(fd, -1), EINVAL, "ftruncate to -1");
	close(fd);
	unlink("big");
}

static void errors(void)
{
	char long_name[300];
	int fd;

	memset(long_name, 'n', 256);
	long_name[256] = '\0';
	mkdir("d", 0755);
	write_file("f", "x");
	expect_errno(open("missing", O_RDONLY), ENOENT, "open a missing file");
	expect_errno(open("f/x", O_RDONLY), ENOTDIR, "open f/x where f is a file");
	expect_errno(open("f/", O_RDONLY), ENOTDIR, "open f/ (a file)");
	expect_errno(open("d", O_WRONLY), EISDIR, "open a directory to write");
	expect_errno(open("f", O_RDONLY | O_DIRECTORY), ENOTDIR,
		     "O_DIRECTORY on a file");
	expect_errno(open("f", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST,
		     "O_CREAT | O_EXCL on an existing file");
	expect_errno(open("d", O_CREAT | O_WRONLY, 0644), EISDIR,
		     "O_CREAT on a directory");
	expect_errno(open(long_name, O_CREAT | O_WRONLY, 0644), ENAMETOOLONG,
		     "a 256-byte name");
	long_name[255] = '\0';
	fd = open(long_name, O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0, "a 255-byte name: %s", result(fd));
	close(fd);
	unlink(long_name);
	expect_errno(open(KERNEL_ADDR, O_RDONLY), EFAULT,
		     "a path in the kernel half");
	expect_errno(open("", O_RDONLY), ENOENT, "an empty path");
	expect_errno(mkdir("d", 0755), EEXIST, "mkdir of an existing name");
	expect_errno(mkdir("missing/d", 0755), ENOENT, "mkdir in a missing dir");
	write_file("d/inside", "x");
	expect_errno(rmdir("d"), ENOTEMPTY, "rmdir of a non-empty directory");
	expect_errno(rmdir("f"), ENOTDIR, "rmdir of a file");
	expect_errno(unlink("d"), EISDIR, "unlink of a directory");
	expect_errno(unlink("missing"), ENOENT, "unlink of a missing name");
	expect_errno(rmdir("."), EINVAL, "rmdir .");
	expect_errno(rmdir("d/.."), ENOTEMPTY, "rmdir d/..");
	expect_errno(rename("d", "d/sub"), EINVAL, "rename d into itself");
	expect_errno(rename("f", "d"), EISDIR, "rename a file over a directory");
	expect_errno(rename("d", "f"), ENOTDIR, "rename a directory over a file");
	expect_errno(link("d", "d2"), EPERM, "link to a directory");
	expect_errno(link("f", "d/inside"), EEXIST, "link over an existing name");
	expect_errno(link("f", "/dev/m-files-link"), EXDEV,
		     "link into another file system (/dev)");
	expect_errno(close(-1), EBADF, "close(-1)");
	expect_errno(fchdir(-1), EBADF, "fchdir(-1)");
	expect_errno(chdir("f"), ENOTDIR, "chdir to a file");
	unlink("d/inside");
	rmdir("d");
	unlink("f");
}

static void links(void)
{
	char buf[64];
	struct stat st, st2;
	long n;
	int fd;

	write_file("a", "data");
	CHECK(link("a", "h") == 0, "link a h");
	stat("a", &st);
	stat("h", &st2);
	CHECK(st.st_nlink == 2 && st.st_ino == st2.st_ino,
	      "two names, one file: nlink %ld", (long)st.st_nlink);
	unlink("a");
	stat("h", &st);
	CHECK(st.st_nlink == 1 && read_file("h", buf, sizeof(buf)) == 4,
	      "unlink a: h keeps the data, nlink %ld", (long)st.st_nlink);

	CHECK(symlink("h", "l") == 0, "symlink h l");
	n = readlink("l", buf, sizeof(buf));
	CHECK(n == 1 && buf[0] == 'h', "readlink l: %ld bytes", n);
	/* The system call itself: musl's readlink() handles 0 on its own. */
	n = syscall(SYS_readlink, "l", buf, 0);
	CHECK(n == -1 && errno == EINVAL, "readlink into 0 bytes: %s",
	      result(n));
	CHECK(lstat("l", &st) == 0 && S_ISLNK(st.st_mode) && st.st_size == 1,
	      "lstat l: a symlink of size %ld", (long)st.st_size);
	CHECK(stat("l", &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 4,
	      "stat l: the file it names");
	CHECK(read_file("l", buf, sizeof(buf)) == 4 && !strcmp(buf, "data"),
	      "open through l: \"%s\"", buf);
	expect_errno(open("l", O_RDONLY | O_NOFOLLOW), ELOOP, "O_NOFOLLOW on l");
	expect_errno(readlink("h", buf, sizeof(buf)), EINVAL,
		     "readlink of a file");
	symlink("nowhere", "dangling");
	expect_errno(open("dangling", O_RDONLY), ENOENT, "a dangling symlink");
	CHECK(lstat("dangling", &st) == 0, "lstat of it works");
	symlink("loop2", "loop1");
	symlink("loop1", "loop2");
	expect_errno(open("loop1", O_RDONLY), ELOOP, "a symlink loop");
	mkdir("dir", 0755);
	symlink("dir", "dirlink");
	write_file("dir/x", "x");
	CHECK(stat("dirlink/x", &st) == 0, "a path through a directory symlink");
	symlink("../dir/x", "dir/up");
	CHECK(stat("dir/up", &st) == 0 && S_ISREG(st.st_mode),
	      "a relative symlink with ..");
	symlink("dirlink/", "slashlink");
	CHECK(stat("slashlink", &st) == 0 && S_ISDIR(st.st_mode),
	      "a symlink to \"dirlink/\"");
	unlink("dir/up");
	unlink("dir/x");
	unlink("slashlink");
	unlink("dirlink");
	rmdir("dir");
	unlink("loop1");
	unlink("loop2");
	unlink("dangling");
	unlink("l");

	/* Unlinked while open: the data stays until the last close. */
	fd = open("h", O_RDWR);
	unlink("h");
	fstat(fd, &st);
	CHECK(st.st_nlink == 0, "open, then unlinked: nlink %ld",
	      (long)st.st_nlink);
	n = pwrite(fd, "more", 4, 4);
	n = pread(fd, buf, 8, 0);
	CHECK(n == 8 && !memcmp(buf, "datamore", 8),
	      "it still reads and writes: %ld bytes", n);
	close(fd);
	expect_errno(stat("h", &st), ENOENT, "and has no name");
}

static void renames(void)
{
	char buf[16];
	struct stat st;

	write_file("r1", "one");
	write_file("r2", "two");
	CHECK(rename("r1", "r2") == 0, "rename r1 over r2");
	CHECK(read_file("r2", buf, sizeof(buf)) == 3 && !strcmp(buf, "one") &&
		      stat("r1", &st) == -1,
	      "r2 has r1's data, r1 is gone");
	write_file("r1", "new");
	CHECK(syscall(SYS_renameat2, AT_FDCWD, "r1", AT_FDCWD, "r2",
		      RENAME_NOREPLACE) == -1 && errno == EEXIST,
	      "RENAME_NOREPLACE over r2: %s", errno_name(errno));
	CHECK(syscall(SYS_renameat2, AT_FDCWD, "r1", AT_FDCWD, "r2",
		      RENAME_EXCHANGE) == 0,
	      "RENAME_EXCHANGE r1 r2");
	read_file("r1", buf, sizeof(buf));
	CHECK(!strcmp(buf, "one"), "r1 now has \"%s\"", buf);
	CHECK(rename("r1", "r1") == 0, "rename r1 to itself");
	mkdir("m1", 0755);
	mkdir("m1/sub", 0755);
	mkdir("m2", 0755);
	CHECK(rename("m1", "m2") == 0, "rename a directory over an empty one");
	CHECK(stat("m2/sub", &st) == 0 && S_ISDIR(st.st_mode),
	      "its contents came along");
	stat("m2", &st);
	CHECK(st.st_nlink == 3, "m2 has nlink 3 (., its name, sub's ..): %ld",
	      (long)st.st_nlink);
	mkdir("m3", 0755);
	write_file("m3/x", "x");
	expect_errno(rename("m2", "m3"), ENOTEMPTY,
		     "rename over a non-empty directory");
	unlink("m3/x");
	rmdir("m3");
	rmdir("m2/sub");
	rmdir("m2");
	unlink("r1");
	unlink("r2");
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1000 names, read back with getdents64 through a small buffer. */
static void big_directory(void)
{
	static char names[1002][16];
	static char *sorted[1002];
	char buf[512], name[32];
	int fd, count = 0, bad_type = 0;
	bool ordered = true;
	long n;

	mkdir("many", 0755);
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "many/f%04d", i);
		if (i % 100 == 0)
			mkdir(name, 0755);
		else
			close(open(name, O_CREAT | O_WRONLY, 0644));
	}
	fd = open("many", O_RDONLY | O_DIRECTORY);
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			bool dot = !strcmp(d->d_name, ".") ||
				   !strcmp(d->d_name, "..");
			int i = atoi(d->d_name + 1);

			if (count < 1002)
				snprintf(names[count], sizeof(names[count]),
					 "%.15s", d->d_name);
			if (!dot && d->d_type != (i % 100 ? DT_REG : DT_DIR))
				bad_type++;
			count++;
			off += d->d_reclen;
		}
	}
	CHECK(n == 0 && count == 1002, "getdents64: %d names (1000, . and ..)",
	      count);
	for (int i = 0; i < count && i < 1002; i++)
		sorted[i] = names[i];
	qsort(sorted, (size_t)(count < 1002 ? count : 1002), sizeof(char *),
	      by_name);
	for (int i = 0; i < 1000 && count == 1002; i++) {
		snprintf(name, sizeof(name), "f%04d", i);
		if (strcmp(sorted[i + 2], name))
			ordered = false;
	}
	CHECK(ordered && count == 1002 && !strcmp(sorted[0], ".") &&
		      !strcmp(sorted[1], ".."),
	      "each name once");
	CHECK(bad_type == 0, "d_type right for files and directories: %d wrong",
	      bad_type);
	lseek(fd, 0, SEEK_SET); /* at the end, any buffer gets 0 */
	n = syscall(SYS_getdents64, fd, buf, 8);
	CHECK(n == -1 && errno == EINVAL, "a buffer too small for a record: %s",
	      result(n));
	close(fd);
	fd = open("many/f0001", O_RDONLY);
	n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
	CHECK(n == -1 && errno == ENOTDIR, "getdents64 of a file: %s",
	      result(n));
	close(fd);
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "many/f%04d", i);
		if (i % 100 == 0)
			rmdir(name);
		else
			unlink(name);
	}
	CHECK(rmdir("many") == 0, "all removed, then the directory");
}

static void directories(void)
{
	char top[4096], here[4096];
	struct stat st;
	int fd;

	getcwd(top, sizeof(top));
	mkdir("sub", 0755);
	stat("sub", &st);
	CHECK(S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0755 &&
		      st.st_nlink == 2,
	      "mkdir sub: mode %o, nlink %ld", st.st_mode & 0777,
	      (long)st.st_nlink);
	mkdir("sub/deeper", 0700);
	stat("sub", &st);
	CHECK(st.st_nlink == 3, "a subdirectory adds one: %ld", (long)st.st_nlink);
	CHECK(chdir("sub/deeper") == 0, "chdir sub/deeper");
	getcwd(here, sizeof(here));
	CHECK(strlen(here) == strlen(top) + 11 &&
		      !strncmp(here, top, strlen(top)) &&
		      !strcmp(here + strlen(top), "/sub/deeper"),
	      "getcwd: the old one + /sub/deeper");
	CHECK(syscall(SYS_getcwd, here, 5) == -1 && errno == ERANGE,
	      "getcwd into 5 bytes: %s", errno_name(errno));
	chdir("../..");
	getcwd(here, sizeof(here));
	CHECK(!strcmp(here, top), "chdir ../.. comes back");
	fd = open("sub", O_RDONLY | O_DIRECTORY);
	CHECK(fchdir(fd) == 0, "fchdir to sub");
	CHECK(stat("deeper", &st) == 0, "relative paths start there");
	CHECK(fstatat(fd, "deeper", &st, 0) == 0 && S_ISDIR(st.st_mode),
	      "fstatat from a directory fd");
	CHECK(mkdirat(fd, "third", 0755) == 0, "mkdirat from a directory fd");
	CHECK(unlinkat(fd, "third", AT_REMOVEDIR) == 0,
	      "unlinkat AT_REMOVEDIR");
	expect_errno(unlinkat(fd, "deeper", 0), EISDIR,
		     "unlinkat of a directory without AT_REMOVEDIR");
	chdir(top);
	close(fd);
	/* Removed while it is the working directory. */
	mkdir("gone", 0755);
	chdir("gone");
	rmdir("../gone");
	expect_errno(open("x", O_CREAT | O_WRONLY, 0644), ENOENT,
		     "create in a removed working directory");
	CHECK(syscall(SYS_getcwd, here, sizeof(here)) == -1 && errno == ENOENT,
	      "getcwd in it: %s", errno_name(errno));
	chdir(top);
	rmdir("sub/deeper");
	rmdir("sub");
}

static void attributes(void)
{
	struct timespec times[2] = { { 1000000000, 5 }, { 1234567890, 0 } };
	struct stat st;
	int fd;

	write_file("m", "x");
	CHECK(chmod("m", 0741) == 0, "chmod 0741");
	stat("m", &st);
	CHECK((st.st_mode & 07777) == 0741, "mode now %o", st.st_mode & 07777);
	fd = open("m", O_RDONLY);
	CHECK(fchmod(fd, 04600) == 0, "fchmod 04600");
	fstat(fd, &st);
	CHECK((st.st_mode & 07777) == 04600, "mode now %o", st.st_mode & 07777);
	close(fd);
	CHECK(access("m", R_OK | W_OK) == 0, "access R_OK|W_OK (root)");
	expect_errno(access("m", X_OK), EACCES, "access X_OK without an x bit");
	chmod("m", 0644);
	CHECK(utimensat(AT_FDCWD, "m", times, 0) == 0, "utimensat");
	stat("m", &st);
	CHECK(st.st_atim.tv_sec == 1000000000 && st.st_atim.tv_nsec == 5 &&
		      st.st_mtim.tv_sec == 1234567890,
	      "atime %ld.%09ld, mtime %ld", (long)st.st_atim.tv_sec,
	      (long)st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec);
	times[0].tv_nsec = 1000000000;
	expect_errno(utimensat(AT_FDCWD, "m", times, 0), EINVAL,
		     "utimensat with tv_nsec 10^9");
	umask(077);
	write_file("u", "x");
	stat("u", &st);
	CHECK((st.st_mode & 0777) == 0600, "umask 077: created %o",
	      st.st_mode & 0777);
	umask(022);
	unlink("u");
	unlink("m");
}

/* sendfile: a file into a file and into a pipe, with and without an
 * offset of its own, and what it refuses. */
static void sendfile_calls(void)
{
	char buf[64];
	int in, out, fds[2];
	off_t off = 6;
	long n;

	write_file("src", "0123456789abcdef");
	in = open("src", O_RDONLY);
	out = open("dst", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	n = syscall(SYS_sendfile, out, in, NULL, 10);
	CHECK(n == 10 && lseek(in, 0, SEEK_CUR) == 10,
	      "sendfile of 10 bytes moves the offset: %ld", n);
	n = syscall(SYS_sendfile, out, in, NULL, 100);
	CHECK(n == 6, "then 100 asked, 6 left: %ld", n);
	n = syscall(SYS_sendfile, out, in, NULL, 100);
	CHECK(n == 0, "then at the end: %ld", n);
	close(out);
	CHECK(read_file("dst", buf, sizeof(buf)) == 16 &&
		      !strcmp(buf, "0123456789abcdef"),
	      "the copy: \"%s\"", buf);
	pipe(fds);
	n = syscall(SYS_sendfile, fds[1], in, &off, 4);
	CHECK(n == 4 && off == 10 && lseek(in, 0, SEEK_CUR) == 16,
	      "into a pipe from offset 6: %ld, offset now %ld", n, (long)off);
	n = read(fds[0], buf, sizeof(buf));
	buf[n > 0 ? n : 0] = '\0';
	CHECK(n == 4 && !strcmp(buf, "6789"), "the pipe holds \"%s\"", buf);
	n = syscall(SYS_sendfile, fds[1], fds[0], NULL, 4);
	CHECK(n == -1 && errno == EINVAL, "from a pipe: %s", result(n));
	out = open("dst", O_WRONLY | O_APPEND);
	n = syscall(SYS_sendfile, out, in, NULL, 4);
	CHECK(n == -1 && errno == EINVAL, "to an O_APPEND file: %s", result(n));
	close(out);
	n = syscall(SYS_sendfile, -1, in, NULL, 4);
	CHECK(n == -1 && errno == EBADF, "to fd -1: %s", result(n));
	off = -1;
	n = syscall(SYS_sendfile, fds[1], in, &off, 4);
	CHECK(n == -1 && errno == EINVAL, "from offset -1: %s", result(n));
	close(fds[0]);
	close(fds[1]);
	close(in);
	unlink("src");
	unlink("dst");
}

/* The ioctls every open file takes (Linux's do_vfs_ioctl), and ENOTTY
 * for a terminal's request on a file. */
static void file_ioctls(void)
{
	int fd = open("io", O_CREAT | O_RDWR, 0644), on = 1;
	long r;

	CHECK(ioctl(fd, FIOCLEX) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC,
	      "FIOCLEX sets close-on-exec");
	CHECK(ioctl(fd, FIONCLEX) == 0 && fcntl(fd, F_GETFD) == 0,
	      "FIONCLEX clears it");
	CHECK(ioctl(fd, FIONBIO, &on) == 0 && (fcntl(fd, F_GETFL) & O_NONBLOCK),
	      "FIONBIO 1 sets O_NONBLOCK");
	on = 0;
	CHECK(ioctl(fd, FIONBIO, &on) == 0 &&
		      !(fcntl(fd, F_GETFL) & O_NONBLOCK),
	      "FIONBIO 0 clears it");
	r = ioctl(fd, FIONBIO, (int *)0xffffffff81000000ul);
	CHECK(r == -1 && errno == EFAULT, "FIONBIO from the kernel: %s",
	      result(r));
	r = ioctl(fd, TCGETS, &on);
	CHECK(r == -1 && errno == ENOTTY, "TCGETS on a file: %s", result(r));
	close(fd);
	unlink("io");
}

static void devices(void)
{
	char buf[8] = "xxxxxxx";
	struct stat st;
	int fd;

	CHECK(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode) &&
		      major(st.st_rdev) == 1 && minor(st.st_rdev) == 3,
	      "/dev/null: a character device 1:3");
	fd = open("/dev/null", O_RDWR);
	CHECK(write(fd, "abc", 3) == 3 && read(fd, buf, 8) == 0,
	      "/dev/null swallows writes, reads end at once");
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	CHECK(read(fd, buf, 8) == 8 && !memcmp(buf, "\0\0\0\0\0\0\0\0", 8),
	      "/dev/zero reads zeros");
	close(fd);
	fd = open("/dev/full", O_WRONLY);
	expect_errno(write(fd, "x", 1), ENOSPC, "/dev/full on write");
	close(fd);
	fd = open("/dev/urandom", O_RDONLY);
	CHECK(read(fd, buf, 8) == 8, "/dev/urandom gives 8 bytes");
	close(fd);
	CHECK(stat("/dev/zero", &st) == 0 && major(st.st_rdev) == 1 &&
		      minor(st.st_rdev) == 5,
	      "/dev/zero is 1:5");
}

int main(void)
{
	check_start();
	umask(022);
	rmdir("m-files.d"); /* an empty leftover from an earlier run */
	CHECK(mkdir("m-files.d", 0755) == 0, "mkdir m-files.d");
	if (chdir("m-files.d")) {
		printf("m-files: cannot chdir into m-files.d\n");
		return 1;
	}
	basics();
	unlink("a");
	big_file();
	errors();
	links();
	renames();
	big_directory();
	directories();
	attributes();
	sendfile_calls();
	file_ioctls();
	devices();
	chdir("..");
	CHECK(rmdir("m-files.d") == 0, "rmdir m-files.d: %s", result(0));
	return check_finish("m-files");
}
