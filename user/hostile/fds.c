// SPDX-License-Identifier: MIT
/* hostile: HOSTILE.md 19: descriptors and pipes (see user/hostile.c). */
#include "hostile.h"

#include <uapi/mman.h>
#include <uapi/termios.h>

/* 2, for the console's ioctls: pointers into the kernel, unmapped or
 * running off the end of user space are EFAULT and change nothing;
 * requests it does not know, and any on a pipe, are ENOTTY. */
static void bad_tty_calls(void)
{
	static const unsigned long requests[] = {
		TCGETS,	    TCSETS,	TCSETSW,   TCSETSF,  TIOCGWINSZ,
		TIOCSWINSZ, TIOCGPGRP, TIOCSPGRP, TIOCGSID, FIONREAD,
	};
	const long pointers[] = { (long)KERNEL_DATA, (long)DIRECT_MAP, 8,
				  (long)USER_SPACE_END - 2 };
	unsigned char before[36], after[36];
	int fds[2];
	long r;

	r = call3(__NR_ioctl, 1, TCGETS, (long)before);
	CHECK(r == 0, "TCGETS on the console = %ld", r);
	for (unsigned int i = 0; i < sizeof(requests) / sizeof(requests[0]); i++)
		for (unsigned int j = 0; j < sizeof(pointers) / sizeof(long); j++) {
			r = call3(__NR_ioctl, 1, (long)requests[i], pointers[j]);
			CHECK(r == -EFAULT, "ioctl(1, %#lx, %#lx) = %ld",
			      requests[i], pointers[j], r);
		}
	r = call3(__NR_ioctl, 1, TCGETS, (long)after);
	CHECK(r == 0 && !memcmp(before, after, sizeof(before)),
	      "the settings are as they were = %ld", r);
	r = call3(__NR_ioctl, 1, 0x54ff, 0);
	CHECK(r == -ENOTTY, "an unknown request = %ld", r);
	r = call3(__NR_ioctl, 1, -1, (long)KERNEL_DATA);
	CHECK(r == -ENOTTY, "request -1 = %ld", r);
	call3(__NR_pipe2, (long)fds, 0, 0);
	r = call3(__NR_ioctl, fds[0], TCGETS, (long)before);
	CHECK(r == -ENOTTY, "TCGETS on a pipe = %ld", r);
	call3(__NR_close, fds[0], 0, 0);
	call3(__NR_close, fds[1], 0, 0);
}

/* 19 (the part that comes with pipes). Descriptors that name nothing,
 * pipe ends into the kernel, buffers in the kernel, a table filled to
 * RLIMIT_NOFILE, 10^4 pipes made and closed: Linux's errors, and no fd
 * or page left behind (the kernel test counts pages). */
static void bad_poll_calls(void);

void bad_fd_calls(void)
{
	static const long bad_fds[] = { -1, 3, 99, 1024, 16384, 1l << 31,
					INT32_MIN };
	char buf[8] = "abcdefg";
	int fds[2] = { -1, -1 }, n = 0, first;
	long r;

	for (unsigned int i = 0; i < sizeof(bad_fds) / sizeof(bad_fds[0]); i++) {
		long fd = bad_fds[i];

		CHECK(call3(__NR_close, fd, 0, 0) == -EBADF, "close(%ld)", fd);
		CHECK(call3(__NR_dup, fd, 0, 0) == -EBADF, "dup(%ld)", fd);
		CHECK(call3(__NR_dup2, fd, 5, 0) == -EBADF, "dup2(%ld, 5)", fd);
		CHECK(call3(__NR_fcntl, fd, F_GETFD, 0) == -EBADF,
		      "fcntl(%ld)", fd);
		CHECK(call3(__NR_read, fd, (long)buf, 1) == -EBADF,
		      "read(%ld)", fd);
		CHECK(call3(__NR_ioctl, fd, 0x5401, 0) == -EBADF,
		      "ioctl(%ld)", fd);
	}
	r = call3(__NR_dup2, 1, 1l << 20, 0);
	CHECK(r == -EBADF, "dup2 beyond RLIMIT_NOFILE = %ld", r);
	r = call3(__NR_dup3, 1, 1, 0);
	CHECK(r == -EINVAL, "dup3 onto itself = %ld", r);
	r = call3(__NR_dup3, 1, 5, 1);
	CHECK(r == -EINVAL, "dup3 with a bad flag = %ld", r);
	r = call3(__NR_fcntl, 1, F_DUPFD, 1l << 20);
	CHECK(r == -EINVAL, "F_DUPFD beyond the limit = %ld", r);
	r = call3(__NR_fcntl, 1, 12345, 0);
	CHECK(r == -EINVAL, "fcntl unknown command = %ld", r);

	/* pipe2's array in the kernel or unmapped: EFAULT, nothing left
	 * open (the next pipe gets fds 3 and 4 again). */
	r = call3(__NR_pipe2, (long)KERNEL_DATA, 0, 0);
	CHECK(r == -EFAULT, "pipe2(kernel address) = %ld", r);
	r = call3(__NR_pipe2, 8, 0, 0);
	CHECK(r == -EFAULT, "pipe2(8) = %ld", r);
	r = call3(__NR_pipe2, (long)fds, 0x1000000, 0);
	CHECK(r == -EINVAL, "pipe2 with a bad flag = %ld", r);
	r = call3(__NR_pipe2, (long)fds, 0, 0);
	CHECK(r == 0 && fds[0] == 3 && fds[1] == 4, "pipe2 = %ld: %d %d", r,
	      fds[0], fds[1]);

	/* Kernel buffers both ways: EFAULT, the pipe unharmed. */
	r = call3(__NR_write, fds[1], (long)KERNEL_DATA, 8);
	CHECK(r == -EFAULT, "write from the kernel = %ld", r);
	r = call3(__NR_write, fds[1], (long)buf, 8);
	CHECK(r == 8, "write = %ld", r);
	r = call3(__NR_read, fds[0], (long)KERNEL_DATA, 8);
	CHECK(r == -EFAULT, "read into the kernel = %ld", r);
	r = call3(__NR_read, fds[0], (long)DIRECT_MAP, 8);
	CHECK(r == -EFAULT, "read into the direct map = %ld", r);
	r = call3(__NR_read, fds[1], (long)buf, 8);
	CHECK(r == -EBADF, "read of the write end = %ld", r);
	r = call3(__NR_write, fds[0], (long)buf, 8);
	CHECK(r == -EBADF, "write of the read end = %ld", r);
	r = call3(__NR_readv, fds[0], (long)KERNEL_DATA, 1);
	CHECK(r == -EFAULT, "readv of a kernel iovec = %ld", r);
	r = call3(__NR_readv, fds[0], (long)buf, -1);
	CHECK(r == -EINVAL, "readv of -1 iovecs = %ld", r);
	r = call3(__NR_read, fds[0], (long)buf, 8);
	CHECK(r == 8 && !memcmp(buf, "abcdefg", 8), "read = %ld", r);
	call3(__NR_close, fds[0], 0, 0);
	call3(__NR_close, fds[1], 0, 0);

	/* Fill the table: every descriptor up to RLIMIT_NOFILE (1024). */
	first = -1;
	while ((r = call3(__NR_pipe2, (long)fds, 0, 0)) == 0) {
		if (first < 0)
			first = fds[0];
		n += 2;
	}
	CHECK(r == -EMFILE && first == 3,
	      "pipe2 until it fails = %ld, first fd %d", r, first);
	/* 3..1022 in pairs; 1023 is free again after the last pipe2 gave
	 * back its read end. */
	CHECK(n == 1020, "%d descriptors before EMFILE", n);
	r = call3(__NR_dup, 0, 0, 0);
	CHECK(r == 1023, "dup in a nearly full table = %ld", r);
	r = call3(__NR_dup, 0, 0, 0);
	CHECK(r == -EMFILE, "dup in a full table = %ld", r);
	for (int fd = 3; fd < 1024; fd++)
		call3(__NR_close, fd, 0, 0);
	for (int i = 0; i < 10000; i++) {
		r = call3(__NR_pipe2, (long)fds, 0, 0);
		if (r) {
			CHECK(0, "pipe2 round %d = %ld", i, r);
			break;
		}
		call3(__NR_close, fds[0], 0, 0);
		call3(__NR_close, fds[1], 0, 0);
	}
	CHECK(fds[0] == 3, "still fds 3 and 4 after 10^4 pipes: %d", fds[0]);
	bad_poll_calls();
	bad_tty_calls();
}

/* 19, poll and select: absurd counts, arrays and sets in the kernel or
 * running off the end of mapped memory, times that overflow. Linux's
 * errors, no kernel memory that grows with nfds (the kernel test counts
 * pages), and the process goes on. */
static void bad_poll_calls(void)
{
	static uint64_t zeros[16384 / 64]; /* an empty fd_set as big as a table */
	struct pollfd out = { 1, POLLOUT, 0 };
	struct timeval tv = { 0, 0 };
	struct timespec ts = { 0, 0 };
	struct pollfd *page;
	long r;

	r = call3(__NR_poll, (long)&out, 1l << 31, 0);
	CHECK(r == -EINVAL, "poll(nfds 2^31) = %ld", r);
	r = call3(__NR_poll, (long)&out, 1l << 32 | 1, 0); /* nfds is 32 bits */
	CHECK(r == 1 && out.revents == POLLOUT, "poll(nfds 2^32 + 1) = %ld", r);
	r = call3(__NR_poll, 0, 1025, -1);
	CHECK(r == -EINVAL, "poll(nfds 1025 > RLIMIT_NOFILE) = %ld", r);
	r = call3(__NR_poll, (long)KERNEL_DATA, 1, 0);
	CHECK(r == -EFAULT, "poll(kernel array) = %ld", r);
	r = call3(__NR_poll, (long)DIRECT_MAP, 1024, 0);
	CHECK(r == -EFAULT, "poll(direct map) = %ld", r);
	r = call3(__NR_poll, (long)(USER_SPACE_END - 8), 2, 0);
	CHECK(r == -EFAULT, "poll(array across the top of user space) = %ld", r);
	r = call3(__NR_poll, -8l, 1, 0);
	CHECK(r == -EFAULT, "poll(~0 - 7) = %ld", r);
	r = call3(__NR_poll, (long)&read_only_utsname, 4, 0);
	CHECK(r == -EFAULT, "poll(read-only array) = %ld", r);

	/* An array whose last entry ends the mapping: 1 entry works, 2
	 * run off it. */
	page = (struct pollfd *)call6(__NR_mmap, 0, 8192, PROT_READ | PROT_WRITE,
				      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	call3(__NR_munmap, (long)page + 4096, 4096, 0);
	page[511] = out;
	r = call3(__NR_poll, (long)&page[511], 1, 0);
	CHECK(r == 1, "poll(last entry of a mapping) = %ld", r);
	r = call3(__NR_poll, (long)&page[511], 2, 0);
	CHECK(r == -EFAULT, "poll(one entry past a mapping) = %ld", r);
	call3(__NR_munmap, (long)page, 4096, 0);

	r = call6(__NR_select, 0x7fffffff, 0, 0, 0, (long)&tv, 0);
	CHECK(r == 0, "select(nfds INT_MAX, no sets) = %ld", r);
	r = call6(__NR_select, 0x7fffffff, (long)zeros, (long)zeros,
		  (long)zeros, (long)&tv, 0);
	CHECK(r == 0, "select(nfds INT_MAX, empty sets) = %ld", r);
	r = call6(__NR_select, 1l << 31, 0, 0, 0, (long)&tv, 0);
	CHECK(r == -EINVAL, "select(nfds -2^31) = %ld", r);
	r = call6(__NR_select, 0x7fffffff, (long)KERNEL_DATA, 0, 0, (long)&tv, 0);
	CHECK(r == -EFAULT, "select(kernel set) = %ld", r);
	r = call6(__NR_select, 1, 0, 0, 0, (long)KERNEL_DATA, 0);
	CHECK(r == -EFAULT, "select(kernel timeval) = %ld", r);
	/* The result is written back even when it is empty, as Linux does. */
	r = call6(__NR_select, 1, (long)&read_only_utsname, 0, 0, (long)&tv, 0);
	CHECK(r == -EFAULT, "select(read-only empty set) = %ld", r);
	tv = (struct timeval){ INT64_MAX, 1000000 }; /* carries and wraps */
	r = call6(__NR_select, 0, 0, 0, 0, (long)&tv, 0);
	CHECK(r == -EINVAL, "select(tv_sec LONG_MAX + 1) = %ld", r);

	r = call6(__NR_ppoll, (long)&out, 1, (long)KERNEL_DATA, 0, 8, 0);
	CHECK(r == -EFAULT, "ppoll(kernel timespec) = %ld", r);
	r = call6(__NR_ppoll, (long)&out, 1, (long)&ts, (long)KERNEL_DATA, 8, 0);
	CHECK(r == -EFAULT, "ppoll(kernel mask) = %ld", r);
	ts = (struct timespec){ INT64_MAX, 999999999 };
	r = call6(__NR_ppoll, (long)&out, 1, (long)&ts, 0, 0, 0);
	CHECK(r == 1, "ppoll(the longest time, ready) = %ld", r);
	r = call6(__NR_pselect6, 1, 0, 0, 0, (long)&ts, (long)KERNEL_DATA);
	CHECK(r == -EFAULT, "pselect6(kernel pack) = %ld", r);
}
