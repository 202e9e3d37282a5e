// SPDX-License-Identifier: MIT
/*
 * m-dirlist: a directory of 10^4 names read with getdents64 and a small
 * buffer, and what happens to a listing when names come and go in the
 * middle of it, as far as POSIX and Linux define it:
 *
 *   - every name appears exactly once, "." and ".." too;
 *   - lseek back to a record's d_off (seekdir to a telldir) goes on with
 *     the record after it;
 *   - a name that is there from the opendir to the end of the listing
 *     is listed exactly once, whatever else is added or removed in
 *     between; a name added or removed meanwhile may or may not be
 *     listed (POSIX leaves it open, and file systems differ), but never
 *     twice;
 *   - a listing from the start after the changes shows exactly the names
 *     there are;
 *   - a buffer too small for one record is EINVAL.
 *
 * It works in m-dirlist.d in the current directory (the test runner runs
 * it on the build machine in a scratch directory) and removes it at the
 * end. The order of the names is never printed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define DIR_NAME "m-dirlist.d"
#define N 10000
#define BUF 256 /* about ten records a call */

struct dirent64_hdr {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* How often each name was listed: n00000.. (old), a00000.. (added). */
static unsigned char seen_old[N], seen_new[N];
static int seen_dot, seen_dotdot, seen_other;

static void note(const char *name)
{
	long i;

	if (!strcmp(name, "."))
		seen_dot++;
	else if (!strcmp(name, ".."))
		seen_dotdot++;
	else if ((name[0] == 'n' || name[0] == 'a') && strlen(name) == 6 &&
		 (i = strtol(name + 1, NULL, 10)) >= 0 && i < N)
		(name[0] == 'n' ? seen_old : seen_new)[i]++;
	else
		seen_other++;
}

static void forget(void)
{
	memset(seen_old, 0, sizeof(seen_old));
	memset(seen_new, 0, sizeof(seen_new));
	seen_dot = seen_dotdot = seen_other = 0;
}

/* One getdents64 call's records noted: the byte count, or -errno. The
 * last record's d_off goes to *@last_off. */
static long read_some(int fd, char *buf, size_t size, int64_t *last_off)
{
	long got = syscall(SYS_getdents64, fd, buf, size);

	if (got < 0)
		return -errno;
	for (long off = 0; off < got;) {
		struct dirent64_hdr *d = (struct dirent64_hdr *)(buf + off);

		note(d->d_name);
		if (last_off)
			*last_off = d->d_off;
		off += d->d_reclen;
	}
	return got;
}

static void name_of(char *buf, char kind, int i)
{
	snprintf(buf, 16, "%c%05d", kind, i);
}

static int make(char kind, int i)
{
	char name[16];
	int fd;

	name_of(name, kind, i);
	fd = openat(AT_FDCWD, name, O_CREAT | O_EXCL | O_WRONLY, 0644);
	return fd < 0 ? -1 : close(fd);
}

static int count(const unsigned char *seen, int times)
{
	int c = 0;

	for (int i = 0; i < N; i++)
		c += seen[i] == times;
	return c;
}

int main(void)
{
	static char buf[BUF];
	char name[16];
	int fd, made = 0, twice, stayed_once, stayed;
	long got, calls = 0, r;
	int64_t off = 0, mark;

	check_start();
	if (mkdir(DIR_NAME, 0755) || chdir(DIR_NAME)) {
		printf("m-dirlist: cannot make %s: %s\n", DIR_NAME,
		       errno_name(errno));
		return 1;
	}
	for (int i = 0; i < N; i++)
		made += make('n', i) == 0;
	CHECK(made == N, "made %d names", N);

	/* The whole directory, ten records or so at a time. */
	fd = open(".", O_RDONLY | O_DIRECTORY);
	forget();
	while ((got = read_some(fd, buf, sizeof(buf), NULL)) > 0)
		calls++;
	CHECK(got == 0, "getdents64 ends with 0");
	CHECK(count(seen_old, 1) == N && seen_dot == 1 && seen_dotdot == 1 &&
		      !seen_other,
	      "with a %d-byte buffer every name listed exactly once", BUF);
	CHECK(calls > N / 20, "in more than %d calls", N / 20);
	CHECK(read_some(fd, buf, sizeof(buf), NULL) == 0,
	      "at the end it stays 0");

	/* Back to a d_off: the records after it again, the same ones. */
	lseek(fd, 0, SEEK_SET);
	forget();
	for (int i = 0; i < 100; i++)
		read_some(fd, buf, sizeof(buf), &off);
	mark = off;
	{
		static char after[BUF], again[BUF];
		long a, b;

		a = syscall(SYS_getdents64, fd, after, sizeof(after));
		for (int i = 0; i < 50; i++)
			read_some(fd, buf, sizeof(buf), NULL);
		CHECK(lseek(fd, mark, SEEK_SET) == mark, "lseek to a d_off");
		b = syscall(SYS_getdents64, fd, again, sizeof(again));
		CHECK(a > 0 && a == b && !memcmp(after, again, (size_t)a),
		      "from there the same records again");
	}
	close(fd);

	/*
	 * Changes in the middle of a listing: a third of the way through,
	 * every fourth old name goes and 1000 names are added; at two
	 * thirds, 1000 more are added and every fourth old name from 1 on
	 * goes. The names that stay must each be listed once.
	 */
	fd = open(".", O_RDONLY | O_DIRECTORY);
	forget();
	r = 1;
	for (long step = 0; r > 0; step++) {
		r = read_some(fd, buf, sizeof(buf), NULL);
		if (step == N / 30) {
			for (int i = 0; i < N; i += 4) {
				name_of(name, 'n', i);
				unlink(name);
			}
			for (int i = 0; i < 1000; i++)
				make('a', i);
		} else if (step == 2 * N / 30) {
			for (int i = 1; i < N; i += 4) {
				name_of(name, 'n', i);
				unlink(name);
			}
			for (int i = 1000; i < 2000; i++)
				make('a', i);
		}
	}
	stayed = 0;
	stayed_once = 0;
	for (int i = 0; i < N; i++)
		if (i % 4 >= 2) {
			stayed++;
			stayed_once += seen_old[i] == 1;
		}
	twice = N - count(seen_old, 0) - count(seen_old, 1) +
		N - count(seen_new, 0) - count(seen_new, 1);
	CHECK(stayed_once == stayed && stayed == N / 2,
	      "names there all along: each of %d listed once", N / 2);
	CHECK(twice == 0 && !seen_other, "no name listed twice");
	CHECK(seen_dot == 1 && seen_dotdot == 1, ". and .. once");

	/* From the start again: exactly what is there now. */
	lseek(fd, 0, SEEK_SET);
	forget();
	while (read_some(fd, buf, sizeof(buf), NULL) > 0)
		;
	CHECK(count(seen_old, 1) == N / 2 && count(seen_old, 0) == N / 2 &&
		      count(seen_new, 1) == 2000 && count(seen_new, 0) == N - 2000,
	      "listed again from the start: the %d names there are",
	      N / 2 + 2000);
	lseek(fd, 0, SEEK_SET);
	CHECK(syscall(SYS_getdents64, fd, buf, 8) < 0 && errno == EINVAL,
	      "lseek 0 and an 8-byte buffer: EINVAL");
	close(fd);

	/* Tidy up. */
	for (int i = 0; i < N; i++) {
		name_of(name, 'n', i);
		unlink(name);
		name_of(name, 'a', i);
		unlink(name);
	}
	if (chdir("..") || rmdir(DIR_NAME))
		printf("m-dirlist: cannot remove %s: %s\n", DIR_NAME,
		       errno_name(errno));
	return check_finish("m-dirlist");
}
