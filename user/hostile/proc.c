// SPDX-License-Identifier: MIT
/* hostile: HOSTILE.md 19: /proc while processes come and go (see
 * user/hostile.c). */
#include "hostile.h"

#include <lib/printf.h>
#include <uapi/signal.h>
#include <uapi/stat.h>

/* 19 (with /proc). Every file of every process read, a byte at a time
 * and whole, while processes are made and end around the reader; a
 * process's files after it has gone (ESRCH, ENOENT), its directory still
 * open and still the working directory; reads into read-only and kernel
 * buffers, getdents64 into too little room and into the kernel, readlink
 * with short buffers, positions far past the end; a thousand
 * descriptors listed a few at a time; names changed in /proc refused.
 * The kernel test counts /proc's inodes and the pages before and after:
 * nothing may stay behind. */

static char buf[8192];
static char dents[512];

static long open_path(const char *path, long flags)
{
	return call6(__NR_openat, AT_FDCWD, (long)path, flags, 0, 0, 0);
}

/* Read @path to its end, @chunk bytes at a time: the bytes, or -errno. */
static long read_all(const char *path, long chunk)
{
	long fd = open_path(path, O_RDONLY), total = 0, r;

	if (fd < 0)
		return fd;
	while ((r = call3(__NR_read, fd, (long)buf, chunk)) > 0)
		total += r;
	call3(__NR_close, fd, 0, 0);
	return r < 0 ? r : total;
}

/* Call @fn with every name in directory @path, a few records at a
 * time: how many there were, or -errno. */
static long each_name(const char *path, void (*fn)(const char *, long),
		      long arg)
{
	long fd = open_path(path, O_RDONLY | O_DIRECTORY), n, names = 0;

	if (fd < 0)
		return fd;
	while ((n = call3(__NR_getdents64, fd, (long)dents, sizeof(dents))) > 0)
		for (long at = 0; at < n;) {
			struct linux_dirent64 *d = (void *)(dents + at);

			if (fn)
				fn(d->d_name, arg);
			names++;
			at += d->d_reclen;
		}
	call3(__NR_close, fd, 0, 0);
	return n < 0 ? n : names;
}

/* Everything of process @pid; any of it may be gone meanwhile. */
static void read_process(const char *pid, long chunk)
{
	static const char *const files[] = { "stat", "status", "statm",
					     "cmdline", "environ", "comm",
					     "mounts" };
	static const char *const dirs[] = { "fd", "task" };
	static const char *const links[] = { "exe", "cwd", "root" };
	char path[64];

	for (unsigned int i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "/proc/%s/%s", pid, files[i]);
		read_all(path, chunk);
	}
	for (unsigned int i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "/proc/%s/%s", pid, dirs[i]);
		each_name(path, NULL, 0);
	}
	for (unsigned int i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		snprintf(path, sizeof(path), "/proc/%s/%s", pid, links[i]);
		call3(__NR_readlink, (long)path, (long)buf, chunk);
	}
}

static void read_if_number(const char *name, long chunk)
{
	if (name[0] >= '1' && name[0] <= '9')
		read_process(name, chunk);
}

/* Processes that make children that end at once, again and again. */
static void churn(void)
{
	for (int i = 0; i < 20; i++) {
		int pid = fork();

		if (pid == 0)
			exit(0);
		waitpid(pid, NULL, 0);
	}
	exit(0);
}

static void while_processes_change(void)
{
	static const char *const system[] = { "meminfo", "stat", "uptime",
					      "loadavg", "cpuinfo", "version",
					      "mounts", "filesystems" };
	int kids[6];
	char path[64];
	long r;

	for (int i = 0; i < 6; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			churn();
	}
	for (int round = 0; round < 4; round++) {
		r = each_name("/proc", read_if_number, round ? 4096 : 1);
		CHECK(r > 10, "/proc listed while processes change: %ld", r);
	}
	for (int i = 0; i < 6; i++)
		waitpid(kids[i], NULL, 0);
	for (unsigned int i = 0; i < sizeof(system) / sizeof(system[0]); i++) {
		snprintf(path, sizeof(path), "/proc/%s", system[i]);
		r = read_all(path, 1);
		CHECK(r > 0, "%s a byte at a time = %ld", path, r);
	}
}

/* A child's files after it has ended and been collected. */
static void after_the_end(void)
{
	char path[64];
	long stat_fd, dir_fd, r;
	int kid = fork();

	if (kid == 0) {
		for (;;)
			msleep(1000);
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", kid);
	stat_fd = open_path(path, O_RDONLY);
	snprintf(path, sizeof(path), "/proc/%d", kid);
	dir_fd = open_path(path, O_RDONLY | O_DIRECTORY);
	r = call3(__NR_chdir, (long)path, 0, 0);
	CHECK(r == 0, "chdir into a child's directory = %ld", r);
	kill(kid, SIGKILL);
	waitpid(kid, NULL, 0);
	r = call3(__NR_read, stat_fd, (long)buf, sizeof(buf));
	CHECK(r == -ESRCH, "its stat, opened before = %ld", r);
	r = call3(__NR_getdents64, dir_fd, (long)dents, sizeof(dents));
	CHECK(r == -ENOENT, "its directory, opened before = %ld", r);
	r = call6(__NR_openat, dir_fd, (long)"status", O_RDONLY, 0, 0, 0);
	CHECK(r == -ENOENT, "a file in it = %ld", r);
	r = open_path("stat", O_RDONLY);
	CHECK(r == -ENOENT, "its stat from inside = %ld", r);
	call3(__NR_getcwd, (long)buf, sizeof(buf), 0);
	call3(__NR_chdir, (long)"/", 0, 0);
	call3(__NR_close, stat_fd, 0, 0);
	call3(__NR_close, dir_fd, 0, 0);
	r = call3(__NR_readlink, (long)path, (long)buf, sizeof(buf));
	CHECK(r == -ENOENT, "readlink in it once collected = %ld", r);
}

static void bad_buffers(void)
{
	long fd = open_path("/proc/self/status", O_RDONLY), r;
	char one;

	r = call3(__NR_read, fd, (long)KERNEL_DATA, 100);
	CHECK(r == -EFAULT, "read into the kernel = %ld", r);
	r = call3(__NR_read, fd, (long)&read_only_utsname, 100);
	CHECK(r == -EFAULT, "read into read-only memory = %ld", r);
	r = call6(__NR_pread64, fd, (long)buf, 100, 1l << 40, 0, 0);
	CHECK(r == 0, "pread far past the end = %ld", r);
	r = call3(__NR_lseek, fd, 1l << 40, 0);
	r = call3(__NR_read, fd, (long)buf, 100);
	CHECK(r == 0, "read far past the end = %ld", r);
	call3(__NR_close, fd, 0, 0);
	fd = open_path("/proc/self/cmdline", O_RDONLY);
	r = call6(__NR_pread64, fd, (long)KERNEL_DATA, 100, 0, 0, 0);
	CHECK(r == -EFAULT, "cmdline into the kernel = %ld", r);
	r = call6(__NR_pread64, fd, (long)buf, 100, -1, 0, 0);
	CHECK(r == -EINVAL, "cmdline at -1 = %ld", r);
	call3(__NR_close, fd, 0, 0);
	fd = open_path("/proc", O_RDONLY | O_DIRECTORY);
	r = call3(__NR_getdents64, fd, (long)&one, 1);
	CHECK(r == -EINVAL, "getdents64 of /proc into 1 byte = %ld", r);
	r = call3(__NR_getdents64, fd, (long)KERNEL_DATA, 4096);
	CHECK(r == -EFAULT, "getdents64 of /proc into the kernel = %ld", r);
	call3(__NR_lseek, fd, 1l << 40, 0);
	r = call3(__NR_getdents64, fd, (long)dents, sizeof(dents));
	CHECK(r == 0, "getdents64 of /proc far past its end = %ld", r);
	call3(__NR_close, fd, 0, 0);
	r = call3(__NR_readlink, (long)"/proc/self/exe", (long)buf, 1);
	CHECK(r == 1 && buf[0] == '/', "readlink exe into 1 byte = %ld", r);
	r = call3(__NR_readlink, (long)"/proc/self/exe", (long)KERNEL_DATA, 100);
	CHECK(r == -EFAULT, "readlink exe into the kernel = %ld", r);
	r = call3(__NR_readlink, (long)"/proc/self/fd/999", (long)buf, 100);
	CHECK(r == -ENOENT, "readlink of a descriptor not open = %ld", r);
	r = call3(__NR_readlink, (long)"/proc/0", (long)buf, 100);
	CHECK(r == -ENOENT, "/proc/0 = %ld", r);
	r = call3(__NR_readlink, (long)"/proc/00001", (long)buf, 100);
	CHECK(r == -ENOENT, "/proc/00001 = %ld", r);
	r = call3(__NR_readlink, (long)"/proc/99999999999", (long)buf, 100);
	CHECK(r == -ENOENT, "/proc/99999999999 = %ld", r);
}

/* 1000 descriptors, listed in fd/ a few records at a time. */
static void many_descriptors(void)
{
	long first = open_path("/proc/self/comm", O_RDONLY), r;

	for (int i = 0; i < 999; i++)
		call3(__NR_dup, first, 0, 0);
	r = each_name("/proc/self/fd", NULL, 0);
	/* ., .., 0-2, the thousand, and the directory's own */
	CHECK(r == 2 + 3 + 1000 + 1, "fd/ lists %ld names", r);
	for (long fd = first; fd < first + 1000; fd++)
		call3(__NR_close, fd, 0, 0);
}

static void names_refused(void)
{
	long r;

	r = call3(__NR_mkdir, (long)"/proc/x", 0755, 0);
	CHECK(r == -ENOENT, "mkdir in /proc = %ld", r);
	r = call3(__NR_unlink, (long)"/proc/self/stat", 0, 0);
	CHECK(r == -EPERM, "unlink self/stat = %ld", r);
	r = call3(__NR_rmdir, (long)"/proc/self/fd", 0, 0);
	CHECK(r == -EPERM, "rmdir self/fd = %ld", r);
	r = call3(__NR_rename, (long)"/proc/meminfo", (long)"/proc/version", 0);
	CHECK(r == -EPERM, "rename in /proc = %ld", r);
	r = call3(__NR_link, (long)"/proc/meminfo", (long)"/tmp/meminfo", 0);
	CHECK(r == -EXDEV, "link out of /proc = %ld", r);
	r = call3(__NR_symlink, (long)"x", (long)"/proc/self/fd/x", 0);
	CHECK(r == -ENOENT, "symlink in fd/ = %ld", r);
	r = call3(__NR_mknod, (long)"/proc/f", S_IFIFO | 0644, 0);
	CHECK(r == -ENOENT, "mknod in /proc = %ld", r);
	r = call3(__NR_chmod, (long)"/proc/self/status", 0777, 0);
	CHECK(r == -EPERM, "chmod self/status = %ld", r);
	r = call3(__NR_truncate, (long)"/proc/meminfo", 0, 0);
	CHECK(r == 0 && read_all("/proc/meminfo", 4096) > 0,
	      "truncate meminfo does nothing = %ld", r);
}

void bad_proc_calls(void)
{
	while_processes_change();
	after_the_end();
	bad_buffers();
	many_descriptors();
	names_refused();
}
