// SPDX-License-Identifier: MIT
/* hostile: HOSTILE.md 19: paths and the file system (see user/hostile.c). */
#include "hostile.h"

#include <uapi/mman.h>
#include <uapi/signal.h>
#include <uapi/stat.h>

/* 19 (with the file system). Paths of 10^5 bytes and of PATH_MAX,
 * paths that run into unmapped memory or lie in the kernel, symlink
 * loops and chains, a symlink that grows a path past PATH_MAX, a
 * directory renamed into itself, getdents64 and read into 1-byte,
 * read-only and kernel buffers, the file system filled until ENOSPC,
 * device nodes made with mknod, and processes killed while they wait
 * to open a FIFO, one of them unlinked meanwhile: each gets Linux's
 * errno, and the kernel test counts pages and inodes before and after
 * (all is removed at the end). */

static char big[100001];

static long open_path(const char *path)
{
	return call6(__NR_openat, AT_FDCWD, (long)path, O_RDONLY, 0, 0, 0);
}

static void long_paths(void)
{
	char *p;
	long r;

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK(open_path(big) == -ENAMETOOLONG, "a path of 10^5 bytes");
	r = call3(__NR_mkdir, (long)big, 0755, 0);
	CHECK(r == -ENAMETOOLONG, "mkdir of 10^5 bytes = %ld", r);
	/* 4095 bytes and a NUL fit (ENOENT: no such name); 4096 do not. */
	for (int i = 0; i < 4095; i++)
		big[i] = i % 2 ? '/' : 'a';
	big[4095] = '\0';
	r = open_path(big);
	CHECK(r == -ENOENT, "a path of 4095 bytes = %ld", r);
	big[4095] = 'a';
	big[4096] = '\0';
	r = open_path(big);
	CHECK(r == -ENAMETOOLONG, "a path of 4096 bytes = %ld", r);
	/* A name of 256 bytes in a short path. */
	memset(big, 'n', 256);
	big[256] = '\0';
	r = open_path(big);
	CHECK(r == -ENAMETOOLONG, "a name of 256 bytes = %ld", r);

	/* No NUL in a whole page: PATH_MAX bytes read, ENAMETOOLONG before
	 * the unmapped page is touched (Linux's strncpy_from_user too).
	 * Nearer its end, the path runs into it: EFAULT. */
	p = (char *)call6(__NR_mmap, 0, 8192, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	call3(__NR_munmap, (long)(p + 4096), 4096, 0);
	memset(p, 'x', 4096);
	r = open_path(p);
	CHECK(r == -ENAMETOOLONG, "a page of path without a NUL = %ld", r);
	r = open_path(p + 4090);
	CHECK(r == -EFAULT, "6 bytes before unmapped memory = %ld", r);
	p[4095] = '\0';
	r = open_path(p + 4000);
	CHECK(r == -ENOENT, "a path ending in the last byte of a page = %ld", r);
	call3(__NR_munmap, (long)p, 4096, 0);
	CHECK(open_path((const char *)KERNEL_DATA) == -EFAULT, "a kernel path");
	CHECK(open_path(NULL) == -EFAULT, "a NULL path");
	r = call6(__NR_renameat2, AT_FDCWD, (long)"x", AT_FDCWD, KERNEL_DATA, 0, 0);
	CHECK(r == -EFAULT, "rename to a kernel path = %ld", r);
	r = call3(__NR_symlink, KERNEL_TEXT, (long)"sym", 0);
	CHECK(r == -EFAULT, "a symlink target in the kernel = %ld", r);
}

static void symlinks(void)
{
	char name[16], target[16];
	long r;

	call3(__NR_symlink, (long)"loop-b", (long)"loop-a", 0);
	call3(__NR_symlink, (long)"loop-a", (long)"loop-b", 0);
	CHECK(open_path("loop-a") == -ELOOP, "a loop of two");
	call3(__NR_symlink, (long)"self", (long)"self", 0);
	CHECK(open_path("self/x") == -ELOOP, "a loop in the middle of a path");
	/* A chain of 40 links resolves; one more is a loop. */
	call3(__NR_mkdir, (long)"end", 0755, 0);
	for (int i = 0; i <= 40; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		if (i)
			snprintf(target, sizeof(target), "c%d", i - 1);
		else
			strlcpy(target, "end", sizeof(target));
		call3(__NR_symlink, (long)target, (long)name, 0);
	}
	r = open_path("c39");
	CHECK(r >= 0, "a chain of 40 symlinks = %ld", r);
	call3(__NR_close, r, 0, 0);
	CHECK(open_path("c40") == -ELOOP, "a chain of 41");
	/* A target that makes the path longer than PATH_MAX. */
	memset(big, 'a', 3000);
	big[3000] = '\0';
	call3(__NR_symlink, (long)big, (long)"longlink", 0);
	memset(big, 'b', 2000);
	big[0] = 'l', big[1] = 'o', big[2] = 'n', big[3] = 'g', big[4] = 'l';
	big[5] = 'i', big[6] = 'n', big[7] = 'k', big[8] = '/';
	big[2000] = '\0';
	r = open_path(big);
	CHECK(r == -ENAMETOOLONG, "a symlink that grows the path past PATH_MAX = %ld", r);
	for (int i = 0; i <= 40; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		call3(__NR_unlink, (long)name, 0, 0);
	}
	call3(__NR_rmdir, (long)"end", 0, 0);
	call3(__NR_unlink, (long)"longlink", 0, 0);
	call3(__NR_unlink, (long)"self", 0, 0);
	call3(__NR_unlink, (long)"loop-a", 0, 0);
	call3(__NR_unlink, (long)"loop-b", 0, 0);
}

static void buffers(void)
{
	char one;
	long fd, r;

	call3(__NR_mkdir, (long)"d", 0755, 0);
	call3(__NR_mkdir, (long)"d/e", 0755, 0);
	r = call3(__NR_rename, (long)"d", (long)"d/e/f", 0);
	CHECK(r == -EINVAL, "a directory renamed into itself = %ld", r);
	fd = open_path("d");
	r = call3(__NR_getdents64, fd, (long)&one, 1);
	CHECK(r == -EINVAL, "getdents64 into 1 byte = %ld", r);
	r = call3(__NR_getdents64, fd, (long)&read_only_utsname, 4096);
	CHECK(r == -EFAULT, "getdents64 into read-only memory = %ld", r);
	r = call3(__NR_getdents64, fd, (long)KERNEL_DATA, 4096);
	CHECK(r == -EFAULT, "getdents64 into the kernel = %ld", r);
	/* A size of 2^40 is only a bound, user space being that big. */
	r = call3(__NR_getdents64, fd, (long)big, 1l << 40);
	CHECK(r == 72, "getdents64 of . and .. with a size of 2^40 = %ld", r);
	call3(__NR_close, fd, 0, 0);
	fd = call6(__NR_openat, AT_FDCWD, (long)"f", O_CREAT | O_RDWR, 0644, 0, 0);
	call3(__NR_write, fd, (long)"data", 4);
	call3(__NR_lseek, fd, 0, 0);
	r = call3(__NR_read, fd, (long)&read_only_utsname, 4);
	CHECK(r == -EFAULT, "read into read-only memory = %ld", r);
	r = call3(__NR_read, fd, (long)KERNEL_DATA, 4);
	CHECK(r == -EFAULT, "read into the kernel = %ld", r);
	r = call3(__NR_write, fd, (long)KERNEL_DATA, 4);
	CHECK(r == -EFAULT, "write from the kernel = %ld", r);
	r = call6(__NR_pwrite64, fd, (long)"x", 1, -1, 0, 0);
	CHECK(r == -EINVAL, "pwrite at -1 = %ld", r);
	r = call6(__NR_pwrite64, fd, (long)"x", 1, 1l << 62, 0, 0);
	CHECK(r == -EFBIG, "pwrite at 2^62 = %ld", r);
	r = call3(__NR_ftruncate, fd, 1l << 62, 0);
	CHECK(r == -EFBIG, "ftruncate to 2^62 = %ld", r);
	r = call3(__NR_fstat, fd, (long)KERNEL_DATA, 0);
	CHECK(r == -EFAULT, "fstat into the kernel = %ld", r);
	call3(__NR_close, fd, 0, 0);
	call3(__NR_unlink, (long)"f", 0, 0);
	call3(__NR_rmdir, (long)"d/e", 0, 0);
	call3(__NR_rmdir, (long)"d", 0, 0);
}

/* Write 1 MiB pieces until the file system says ENOSPC: nothing
 * breaks, the file holds what was written, and it all comes back. */
static void fill_up(void)
{
	static char piece[1 << 20];
	long fd = call6(__NR_openat, AT_FDCWD, (long)"full", O_CREAT | O_WRONLY,
			0644, 0, 0);
	long r = 0, total = 0, pieces = 0;
	char c = 0;

	memset(piece, 'z', sizeof(piece));
	while (pieces < 4096) {
		r = call3(__NR_write, fd, (long)piece, sizeof(piece));
		if (r <= 0)
			break;
		total += r;
		pieces++;
	}
	CHECK(r == -ENOSPC && total >= 8l << 20,
	      "writes until ENOSPC: %ld, after %ld MiB", r, total >> 20);
	r = call3(__NR_write, fd, (long)"x", 1);
	CHECK(r == -ENOSPC, "and again: %ld", r);
	call6(__NR_pread64, fd, (long)&c, 1, total - 1, 0, 0);
	call3(__NR_close, fd, 0, 0);
	fd = open_path("full");
	r = call6(__NR_pread64, fd, (long)&c, 1, total - 1, 0, 0);
	CHECK(r == 1 && c == 'z', "the last byte written reads back: %ld", r);
	call3(__NR_close, fd, 0, 0);
	call3(__NR_unlink, (long)"full", 0, 0);
	fd = call6(__NR_openat, AT_FDCWD, (long)"after", O_CREAT | O_WRONLY,
		   0644, 0, 0);
	r = call3(__NR_write, fd, (long)piece, 4096);
	CHECK(r == 4096, "after the unlink there is room again: %ld", r);
	call3(__NR_close, fd, 0, 0);
	call3(__NR_unlink, (long)"after", 0, 0);
}

/* A child that opens FIFO @path with @flags, which waits for the other
 * side, and is killed there: the open must leave nothing behind. */
static void killed_in_open(const char *path, long flags, const char *what)
{
	int status = 0, pid = fork();

	if (pid == 0) {
		call6(__NR_openat, AT_FDCWD, (long)path, flags, 0, 0, 0);
		exit(3); /* it should never get here */
	}
	msleep(30);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "%s: killed in open: %#x", what, status);
}

static void fifos(void)
{
	static char data[65536];
	long fd, r;
	struct stat st;

	r = call3(__NR_mknod, (long)"fifo", S_IFIFO | 0644, 0);
	CHECK(r == 0, "mknod a fifo = %ld", r);
	killed_in_open("fifo", O_RDONLY, "a reader");
	killed_in_open("fifo", O_WRONLY, "a writer");
	r = call6(__NR_openat, AT_FDCWD, (long)"fifo", O_WRONLY | O_NONBLOCK,
		  0, 0, 0);
	CHECK(r == -ENXIO, "after them, no reader is left: %ld", r);
	/* Full of data, unlinked while open, then closed: the pipe's pages
	 * and the inode go. */
	fd = call6(__NR_openat, AT_FDCWD, (long)"fifo", O_RDWR, 0, 0, 0);
	memset(data, 'f', sizeof(data));
	r = call3(__NR_write, fd, (long)data, sizeof(data));
	CHECK(r == (long)sizeof(data), "fill the fifo's 64 KiB = %ld", r);
	call3(__NR_unlink, (long)"fifo", 0, 0);
	r = call3(__NR_fstat, fd, (long)&st, 0);
	CHECK(r == 0 && S_ISFIFO(st.st_mode) && st.st_nlink == 0,
	      "fstat of the unlinked fifo = %ld", r);
	call3(__NR_close, fd, 0, 0);
	/* Data in a fifo nobody has open but a writer waiting in open
	 * (its reader and its other writer gone), which is killed: the
	 * pipe's pages go with the last of them, the one that never
	 * opened. */
	call3(__NR_mknod, (long)"held", S_IFIFO | 0644, 0);
	r = call6(__NR_openat, AT_FDCWD, (long)"held", O_RDONLY | O_NONBLOCK,
		  0, 0, 0);
	fd = call6(__NR_openat, AT_FDCWD, (long)"held", O_WRONLY, 0, 0, 0);
	call3(__NR_write, fd, (long)data, 16384);
	call3(__NR_close, r, 0, 0);
	r = fork();
	if (r == 0) {
		call3(__NR_close, fd, 0, 0); /* the parent's writer only */
		call6(__NR_openat, AT_FDCWD, (long)"held", O_WRONLY, 0, 0, 0);
		exit(3);
	}
	msleep(30);
	call3(__NR_close, fd, 0, 0);
	kill((int)r, SIGKILL);
	waitpid((int)r, NULL, 0);
	call3(__NR_unlink, (long)"held", 0, 0);
	/* A reader waits in the open of a fifo that is unlinked meanwhile,
	 * and is killed: the inode goes with it. */
	call3(__NR_mknod, (long)"gone", S_IFIFO | 0644, 0);
	fd = fork();
	if (fd == 0) {
		call6(__NR_openat, AT_FDCWD, (long)"gone", O_RDONLY, 0, 0, 0);
		exit(3);
	}
	msleep(30);
	call3(__NR_unlink, (long)"gone", 0, 0);
	kill((int)fd, SIGKILL);
	waitpid((int)fd, NULL, 0);

	/* Device nodes: everyone is root, which may make them. */
	r = call3(__NR_mknod, (long)"null", S_IFCHR | 0666, MKDEV(1, 3));
	CHECK(r == 0, "mknod c 1 3 = %ld", r);
	r = call3(__NR_stat, (long)"null", (long)&st, 0);
	CHECK(r == 0 && S_ISCHR(st.st_mode) && st.st_rdev == MKDEV(1, 3),
	      "stat of it: rdev %#lx", (long)st.st_rdev);
	fd = call6(__NR_openat, AT_FDCWD, (long)"null", O_RDWR, 0, 0, 0);
	r = call3(__NR_write, fd, (long)"gone", 4);
	CHECK(r == 4, "it is /dev/null: a write vanishes = %ld", r);
	r = call3(__NR_read, fd, (long)data, 4);
	CHECK(r == 0, "and a read ends at once = %ld", r);
	call3(__NR_close, fd, 0, 0);
	call3(__NR_mknod, (long)"c199", S_IFCHR | 0666, MKDEV(1, 99));
	r = open_path("c199");
	CHECK(r == -ENXIO, "a character node of no device: open = %ld", r);
	call3(__NR_mknod, (long)"b13", S_IFBLK | 0666, MKDEV(1, 3));
	r = open_path("b13");
	CHECK(r == -ENXIO, "a block node: open = %ld", r);
	r = call3(__NR_mknod, KERNEL_DATA, S_IFIFO | 0644, 0);
	CHECK(r == -EFAULT, "mknod of a kernel path = %ld", r);
	r = call6(__NR_mknodat, AT_FDCWD, (long)"x", 0170000, 0, 0, 0);
	CHECK(r == -EINVAL, "mknodat of type 0170000 = %ld", r);
	call3(__NR_unlink, (long)"null", 0, 0);
	call3(__NR_unlink, (long)"c199", 0, 0);
	call3(__NR_unlink, (long)"b13", 0, 0);
}

void bad_file_calls(void)
{
	long r = call3(__NR_mkdir, (long)"/tmp/hostile.d", 0755, 0);

	CHECK(r == 0, "mkdir /tmp/hostile.d = %ld", r);
	call3(__NR_chdir, (long)"/tmp/hostile.d", 0, 0);
	long_paths();
	symlinks();
	buffers();
	fill_up();
	fifos();
	call3(__NR_chdir, (long)"/", 0, 0);
	r = call3(__NR_rmdir, (long)"/tmp/hostile.d", 0, 0);
	CHECK(r == 0, "all removed: rmdir = %ld", r);
}
