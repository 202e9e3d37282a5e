// SPDX-License-Identifier: MIT
/*
 * m-pipe: file descriptors and pipes as Linux has them: pipe2 and its
 * flags, how much a pipe holds, end of file, SIGPIPE, a 10 MiB transfer
 * between processes, dup/dup2/dup3, fcntl's descriptor and status flags,
 * what fork shares and execve closes, running out of descriptors, and
 * readv/writev.
 *
 * Descriptor numbers are never printed, and no check assumes that only
 * fds 0-2 are open at start (the runner could leave more, or none):
 * the lowest free fd is found with dup(1), which must work as we print
 * to it. Fds 0-2 are the console here and whatever the runner gave on
 * Linux, so nothing here reads stdin or looks at their flags.
 *
 * Pipe capacity. Linux's pipe is 16 page-sized buffers (64 KiB); a
 * write of at most PIPE_BUF (4096) bytes goes in whole or not at all,
 * and a larger non-blocking write takes what fits. Linux counts the
 * space in pages, not bytes (bytes read from a page that is not yet
 * empty free nothing, a 4095-byte write takes a page of its own), so the
 * capacity checks only fill whole pages or top up the last one, where
 * counting either way gives the same answer.
 *
 * SIGPIPE is seen only as a child's death by it: there are no signal
 * handlers here yet, and the default action ends the writer. The child
 * runs of this program ("m-pipe --child-print", "m-pipe --child-fds")
 * are started by the bare name, which works on both systems as in
 * m-spawn.
 *
 * RLIMIT_NOFILE is 1024 here. On Linux the runner may allow more, so
 * the program lowers its own soft limit to 1024 first: the limit is what
 * the descriptor checks count against.
 */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

#define NOFILE 1024
#define PIPE_SIZE 65536 /* Linux's default pipe size */
#define PAGE 4096	/* == PIPE_BUF */
#define TRANSFER (10 << 20)
#define CHILD_LINE "a line from the child, through the pipe\n"
#define CHILD_FD_1 "its fd 1 is a pipe's write end: "

static unsigned char buf[2 * PIPE_SIZE];
static long nofile = NOFILE; /* the soft RLIMIT_NOFILE */

/* An address nothing is mapped at, out of the compiler's sight (it
 * warns of (int *)1 passed as int[2]). */
static volatile uintptr_t bad_address = 1;

/* Names for what check.h's tables lack. */
static const char *err_name(int e)
{
	return e == EMFILE ? "EMFILE" : e == EPIPE ? "EPIPE" : errno_name(e);
}

/* A call that must fail with @want: one line, and on failure one more
 * saying what happened instead. Call it as fails_with(what, call(), E). */
static void fails_with(const char *what, long r, int want)
{
	int got = errno;

	if (r != -1)
		printf("%s: succeeded\n", what);
	else if (got != want)
		printf("%s: failed with %s\n", what, err_name(got));
	CHECK(r == -1 && got == want, "%s: %s", what, err_name(want));
}

/* dup3 itself: musl's dup3() answers dup3(fd, fd, 0) with EINVAL
 * without asking the kernel, and turns flags without O_CLOEXEC into a
 * dup2. */
static int sys_dup3(int oldfd, int newfd, int flags)
{
	return (int)syscall(SYS_dup3, oldfd, newfd, flags);
}

/* The lowest free descriptor (-1 if none is free). */
static int lowest_free(void)
{
	int fd = dup(1);

	if (fd >= 0)
		close(fd);
	return fd;
}

static void close_pair(const int p[2])
{
	close(p[0]);
	close(p[1]);
}

static void nap_ms(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&t, NULL);
}

/* Wait for @pid: its wait status, -1 if waitpid failed. */
static int reaped(pid_t pid)
{
	int status = -1;

	if (pid <= 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static int exited(int status, int code)
{
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

/* Read until end of file or @size bytes: how many, -1 on an error. */
static ssize_t read_all(int fd, void *to, size_t size)
{
	size_t got = 0;

	while (got < size) {
		ssize_t n = read(fd, (char *)to + got, size - got);

		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/* ------------------------------------------------------------ the limit */

static void nofile_limit(void)
{
	struct rlimit r = { 0, 0 };
	int ok = getrlimit(RLIMIT_NOFILE, &r) == 0;

	if (ok && r.rlim_cur != NOFILE && r.rlim_max >= NOFILE) {
		r.rlim_cur = NOFILE; /* only on Linux: see the top */
		ok = setrlimit(RLIMIT_NOFILE, &r) == 0 &&
		     getrlimit(RLIMIT_NOFILE, &r) == 0;
	}
	CHECK(ok && r.rlim_cur == NOFILE, "soft RLIMIT_NOFILE is %d", NOFILE);
	if (ok && r.rlim_cur <= 4 * NOFILE)
		nofile = (long)r.rlim_cur;
}

/* ------------------------------------------------------------ pipe2 */

static void basics(void)
{
	int a = dup(1), b = dup(1), p[2] = { -1, -1 }, q[2] = { -1, -1 };
	int free_fd;
	char small[16] = { 0 };

	close(a);
	close(b);
	CHECK(pipe2(p, 0) == 0 && p[0] == a && p[1] == b,
	      "pipe2 gives the two lowest free fds, the read end first");
	CHECK(write(p[1], "hello", 5) == 5, "write 5 bytes");
	CHECK(read(p[0], small, sizeof(small)) == 5 &&
		  memcmp(small, "hello", 5) == 0,
	      "a read of 16 returns the 5 there are");
	CHECK(write(p[1], "abcdef", 6) == 6 && read(p[0], small, 4) == 4 &&
		  read(p[0], small + 4, 16) == 2 &&
		  memcmp(small, "abcdef", 6) == 0,
	      "reads of 4 then 16 take 6 bytes in order");
	CHECK(write(p[1], small, 0) == 0, "a write of 0 bytes returns 0");
	CHECK(read(p[0], small, 0) == 0,
	      "a read of 0 bytes from an empty pipe returns 0 at once");
	fails_with("write to the read end", write(p[0], "x", 1), EBADF);
	fails_with("read from the write end", read(p[1], small, 1), EBADF);

	CHECK(write(p[1], "abc", 3) == 3, "write 3 bytes");
	fails_with("read into an unmapped buffer",
		   read(p[0], (void *)bad_address, 3), EFAULT);
	CHECK(read(p[0], small, 16) == 3 && memcmp(small, "abc", 3) == 0,
	      "the 3 bytes are still there after the EFAULT");
	CHECK(write(p[1], "xy", 2) == 2, "write 2 bytes");
	fails_with("write from an unmapped buffer",
		   write(p[1], (void *)bad_address, 3), EFAULT);
	CHECK(read(p[0], small, 16) == 2 && memcmp(small, "xy", 2) == 0,
	      "only the 2 good bytes are in the pipe");
	close_pair(p);

	CHECK(pipe2(p, O_NONBLOCK) == 0, "pipe2 O_NONBLOCK");
	fails_with("read from an empty O_NONBLOCK pipe", read(p[0], small, 1),
		   EAGAIN);
	CHECK(fcntl(p[0], F_GETFD) == 0 && fcntl(p[1], F_GETFD) == 0,
	      "without O_CLOEXEC neither end has FD_CLOEXEC");
	close_pair(p);
	CHECK(pipe2(p, O_CLOEXEC) == 0 && fcntl(p[0], F_GETFD) == FD_CLOEXEC &&
		  fcntl(p[1], F_GETFD) == FD_CLOEXEC,
	      "pipe2 O_CLOEXEC: both ends have FD_CLOEXEC");
	close_pair(p);
	CHECK(pipe(p) == 0 && fcntl(p[0], F_GETFD) == 0 &&
		  fcntl(p[0], F_GETFL) == O_RDONLY,
	      "pipe() is pipe2 with no flags");
	close_pair(p);

	free_fd = lowest_free();
	fails_with("pipe2 O_APPEND", pipe2(q, O_APPEND), EINVAL);
	fails_with("pipe2 with all flags set", pipe2(q, -1), EINVAL);
	fails_with("pipe2 into an unmapped array",
		   pipe2((int *)bad_address, O_CLOEXEC), EFAULT);
	fails_with("pipe into an unmapped array", pipe((int *)bad_address),
		   EFAULT);
	CHECK(lowest_free() == free_fd && q[0] == -1 && q[1] == -1,
	      "the failed pipe2 calls left no fd open and the array alone");
}

/* ---------------------------------------------------------- capacity */

/* Write @chunk bytes at a time until EAGAIN: how many bytes went in. */
static long fill(int fd, size_t chunk, int *short_writes)
{
	long total = 0;
	ssize_t n;

	*short_writes = 0;
	while ((n = write(fd, buf, chunk)) > 0) {
		total += n;
		*short_writes += (size_t)n != chunk;
		if (total > 4 * PIPE_SIZE)
			break; /* no end: do not loop for ever */
	}
	if (n < 0 && errno != EAGAIN)
		return -1;
	return total;
}

static void capacity(void)
{
	int p[2], short_writes = 0;
	long total;
	ssize_t n;

	memset(buf, 'c', sizeof(buf));
	if (pipe2(p, O_NONBLOCK) != 0) {
		CHECK(0, "pipe2 O_NONBLOCK for the capacity checks");
		return;
	}
	total = fill(p[1], PAGE, &short_writes);
	CHECK(total == PIPE_SIZE && !short_writes,
	      "4 KiB writes until EAGAIN: 65536 bytes, each write whole");
	fails_with("full: a write of 1 byte", write(p[1], buf, 1), EAGAIN);
	fails_with("full: a write of 4096", write(p[1], buf, PAGE), EAGAIN);
	fails_with("full: a write of 65536", write(p[1], buf, PIPE_SIZE),
		   EAGAIN);
	CHECK(read(p[0], buf, sizeof(buf)) == PIPE_SIZE,
	      "a read of 128 KiB from the full pipe returns all 65536");
	fails_with("then the pipe is empty", read(p[0], buf, 1), EAGAIN);

	/* 15 pages and 4000 bytes, then 1-byte writes top the last up. */
	for (int i = 0; i < 15; i++)
		write(p[1], buf, PAGE);
	CHECK(write(p[1], buf, 4000) == 4000, "61440 bytes, then 4000 more");
	total = fill(p[1], 1, &short_writes);
	CHECK(total == 96, "then 1-byte writes until EAGAIN: 96 of them");
	CHECK(read(p[0], buf, sizeof(buf)) == PIPE_SIZE, "read all 65536");

	/* At most PIPE_BUF: all or nothing. */
	for (int i = 0; i < 15; i++)
		write(p[1], buf, PAGE);
	CHECK(write(p[1], buf, 3996) == 3996, "61440 bytes, then 3996 more");
	fails_with("100 bytes free: a write of 101 (<= PIPE_BUF)",
		   write(p[1], buf, 101), EAGAIN);
	CHECK(write(p[1], buf, 100) == 100,
	      "100 bytes free: a write of 100 goes in whole");
	CHECK(read(p[0], buf, sizeof(buf)) == PIPE_SIZE, "read all 65536");

	/* More than PIPE_BUF: what fits. */
	for (int i = 0; i < 15; i++)
		write(p[1], buf, PAGE);
	n = write(p[1], buf, 2 * PAGE);
	CHECK(n == PAGE, "4096 bytes free: a write of 8192 writes 4096");
	fails_with("then a write of 8192", write(p[1], buf, 2 * PAGE), EAGAIN);
	CHECK(read(p[0], buf, sizeof(buf)) == PIPE_SIZE, "read all 65536");
	CHECK(write(p[1], buf, PIPE_SIZE + 1) == PIPE_SIZE,
	      "empty: a write of 65537 writes 65536");
	close_pair(p);
}

/* -------------------------------------------------------- end of file */

static void end_of_file(void)
{
	int p[2], q[2], status;
	char c[8];
	pid_t pid;

	pipe(p);
	write(p[1], "x", 1);
	close(p[1]);
	CHECK(read(p[0], c, 8) == 1 && c[0] == 'x',
	      "no writer left: the data there is read first");
	CHECK(read(p[0], c, 8) == 0 && read(p[0], c, 8) == 0,
	      "then read returns 0, and again 0");
	close(p[0]);

	pipe2(p, O_NONBLOCK);
	close(p[1]);
	CHECK(read(p[0], c, 8) == 0,
	      "O_NONBLOCK, empty, no writer: read returns 0, not EAGAIN");
	close(p[0]);

	/* A reader asleep in read() when the last writer goes. */
	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		nap_ms(100);
		_exit(0); /* closes the last write end */
	}
	close(p[1]);
	CHECK(read(p[0], c, 8) == 0,
	      "a blocked read returns 0 when the child with the last write "
	      "end exits");
	status = reaped(pid);
	CHECK(exited(status, 0), "that child: %s", how_ended(status));
	close(p[0]);

	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		nap_ms(100);
		write(p[1], "late", 4);
		_exit(0);
	}
	close(p[1]);
	CHECK(read(p[0], c, 8) == 4 && memcmp(c, "late", 4) == 0,
	      "a blocked read wakes with what a child writes 100 ms later");
	CHECK(read(p[0], c, 8) == 0, "then 0 when it exits");
	reaped(pid);
	close(p[0]);

	/* The write end the child got from fork keeps the pipe open. */
	pipe(p);
	pipe(q);
	pid = fork();
	if (pid == 0) {
		close(q[1]);
		read(q[0], c, 1); /* until the parent has closed its end */
		write(p[1], "kid", 3);
		_exit(0);
	}
	close(q[0]);
	close(p[1]);
	write(q[1], "g", 1);
	CHECK(read(p[0], c, 8) == 3 && memcmp(c, "kid", 3) == 0,
	      "the parent closed its write end; the child's copy still "
	      "writes");
	CHECK(read(p[0], c, 8) == 0, "0 once the child has exited");
	reaped(pid);
	close(p[0]);
	close(q[1]);
}

/* ---------------------------------------------------------- SIGPIPE */

static int killed_by_sigpipe(int status)
{
	return status != -1 && WIFSIGNALED(status) &&
	       WTERMSIG(status) == SIGPIPE;
}

static void sigpipe(void)
{
	int p[2], status;
	pid_t pid;

	pipe(p);
	close(p[0]);
	pid = fork();
	if (pid == 0) {
		write(p[1], "x", 1);
		_exit(99); /* SIGPIPE must have ended it */
	}
	status = reaped(pid);
	CHECK(killed_by_sigpipe(status),
	      "a write with no reader: the writer is killed by SIGPIPE");
	close(p[1]);

	/* A writer asleep on a full pipe when the last reader goes. */
	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		write(p[1], buf, PIPE_SIZE + PAGE);
		_exit(99);
	}
	close(p[1]);
	nap_ms(100);
	close(p[0]);
	status = reaped(pid);
	CHECK(killed_by_sigpipe(status),
	      "a writer blocked on a full pipe is killed by SIGPIPE when the "
	      "reader closes");
}

/* ----------------------------------------------------------- 10 MiB */

static unsigned char pattern(uint32_t i)
{
	return (unsigned char)(i ^ (i >> 8) ^ (i >> 16) ^ (i >> 21));
}

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

/* The writer: TRANSFER bytes in writes of 4 KiB to 64 KiB, then the
 * 64-bit FNV-1a of them. Exit status 1 if a write came back short. */
static int transfer_writer(int fd)
{
	static const size_t sizes[] = {
		65536, 4096, 50000, 16384, 8192, 40000
	};
	static unsigned char chunk[65536];
	uint64_t h = FNV_OFFSET;
	uint32_t pos = 0;
	int short_writes = 0;

	for (int k = 0; pos < TRANSFER; k++) {
		size_t n = sizes[k % 6];

		if (n > TRANSFER - pos)
			n = TRANSFER - pos;
		for (size_t i = 0; i < n; i++) {
			chunk[i] = pattern(pos + (uint32_t)i);
			h = (h ^ chunk[i]) * FNV_PRIME;
		}
		short_writes += write(fd, chunk, n) != (ssize_t)n;
		pos += (uint32_t)n;
	}
	short_writes += write(fd, &h, sizeof(h)) != sizeof(h);
	return short_writes != 0;
}

static void transfer(void)
{
	static const size_t sizes[] = { 65536, 4096, 30000, 100000, 7 };
	uint64_t h = FNV_OFFSET, sent = 0;
	unsigned char *trailer = (unsigned char *)&sent;
	uint32_t pos = 0, wrong = 0;
	int p[2], status, errors = 0;
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		_exit(transfer_writer(p[1]));
	}
	close(p[1]);
	for (int k = 0;; k++) {
		ssize_t n = read(p[0], buf, sizes[k % 5]);

		if (n <= 0) {
			errors += n < 0;
			break;
		}
		for (ssize_t i = 0; i < n; i++, pos++) {
			if (pos < TRANSFER) {
				wrong += buf[i] != pattern(pos);
				h = (h ^ buf[i]) * FNV_PRIME;
			} else if (pos < TRANSFER + sizeof(sent)) {
				trailer[pos - TRANSFER] = buf[i];
			}
		}
	}
	close(p[0]);
	status = reaped(pid);
	CHECK(!errors && pos == TRANSFER + sizeof(sent),
	      "10 MiB and a checksum from a child: the length is right");
	CHECK(pos >= TRANSFER && wrong == 0, "every byte is right, in order");
	CHECK(h == sent, "the FNV-1a checksum matches the writer's");
	CHECK(exited(status, 0),
	      "each of the writer's blocking writes wrote it all (%s)",
	      how_ended(status));
}

/* A writer sleeps on a full pipe until a reader makes room. */
static void writer_blocks(void)
{
	int p[2], done[2], status;
	char c[8];
	pid_t pid;

	pipe(p);
	pipe2(done, 0);
	pid = fork();
	if (pid == 0) {
		ssize_t n;

		close(p[0]);
		close(done[0]);
		n = write(p[1], buf, PIPE_SIZE + 1);
		write(done[1], n == PIPE_SIZE + 1 ? "y" : "n", 1);
		_exit(0);
	}
	close(p[1]);
	close(done[1]);
	fcntl(done[0], F_SETFL, O_NONBLOCK);
	nap_ms(100);
	fails_with("a write of 65537 into an empty pipe has not returned "
		   "after 100 ms",
		   read(done[0], c, 1), EAGAIN);
	CHECK(read_all(p[0], buf, PAGE) == PAGE, "read 4096 of it");
	fcntl(done[0], F_SETFL, 0);
	CHECK(read(done[0], c, 1) == 1 && c[0] == 'y',
	      "then the write returns, all 65537 written");
	CHECK(read_all(p[0], buf, sizeof(buf)) == PIPE_SIZE + 1 - PAGE,
	      "and the rest reads out");
	status = reaped(pid);
	CHECK(exited(status, 0), "the writer: %s", how_ended(status));
	close(p[0]);
	close(done[0]);
}

/* ---------------------------------------------------------- dup */

static void dups(void)
{
	int from = lowest_free(), p[2], q[2], d, e, hole;
	char c[8];

	pipe(p);
	hole = lowest_free();
	d = dup(p[1]);
	CHECK(d == hole, "dup gives the lowest free fd");
	CHECK(write(d, "dup", 3) == 3 && read(p[0], c, 8) == 3 &&
		  memcmp(c, "dup", 3) == 0,
	      "the dup writes into the same pipe");
	close(p[1]);
	CHECK(write(d, "z", 1) == 1 && read(p[0], c, 8) == 1,
	      "and still does when the original is closed");
	e = dup(p[0]);
	CHECK(e == p[1], "dup fills the hole the close left");
	close(e);

	e = dup(d);
	CHECK(dup2(e, e) == e, "dup2 of an fd onto itself returns it");
	close(e);
	fails_with("dup2 of a closed fd onto itself", dup2(e, e), EBADF);

	/* Onto an open fd: closed first, silently. */
	pipe(q);
	e = dup2(d, q[1]);
	CHECK(e == q[1], "dup2 onto an open fd returns that fd");
	CHECK(read(q[0], c, 8) == 0,
	      "the pipe whose last write end it was now reads EOF");
	CHECK(write(q[1], "via", 3) == 3 && read(p[0], c, 8) == 3 &&
		  memcmp(c, "via", 3) == 0,
	      "and the fd writes into the first pipe");
	close(q[0]);
	close(q[1]);

	/* FD_CLOEXEC belongs to the fd, not to the open file. */
	fcntl(d, F_SETFD, FD_CLOEXEC);
	e = dup(d);
	CHECK(e >= 0 && fcntl(e, F_GETFD) == 0,
	      "dup of an FD_CLOEXEC fd: the new fd has none");
	CHECK(dup2(d, d) == d && fcntl(d, F_GETFD) == FD_CLOEXEC,
	      "dup2 of an fd onto itself keeps its FD_CLOEXEC");
	fcntl(e, F_SETFD, FD_CLOEXEC);
	CHECK(dup2(d, e) == e && fcntl(e, F_GETFD) == 0,
	      "dup2 onto an FD_CLOEXEC fd clears the flag");
	CHECK(dup2(d, 100) == 100 && fcntl(100, F_GETFD) == 0,
	      "dup2 onto fd 100, free and far above the others");
	close(100);
	CHECK(dup2(d, (int)nofile - 1) == nofile - 1,
	      "dup2 onto RLIMIT_NOFILE - 1");
	close((int)nofile - 1);
	fails_with("dup2 onto RLIMIT_NOFILE", dup2(d, (int)nofile), EBADF);
	fails_with("dup2 onto -1", dup2(d, -1), EBADF);

	fails_with("dup3 of an fd onto itself", sys_dup3(d, d, 0), EINVAL);
	fails_with("dup3 with O_NONBLOCK", sys_dup3(d, e, O_NONBLOCK), EINVAL);
	fails_with("dup3 with flags -1", sys_dup3(d, e, -1), EINVAL);
	CHECK(sys_dup3(d, e, O_CLOEXEC) == e && fcntl(e, F_GETFD) == FD_CLOEXEC,
	      "dup3 O_CLOEXEC onto an open fd sets FD_CLOEXEC");
	CHECK(sys_dup3(d, e, 0) == e && fcntl(e, F_GETFD) == 0,
	      "dup3 with no flags clears it");
	fails_with("dup3 onto RLIMIT_NOFILE", sys_dup3(d, (int)nofile, 0),
		   EBADF);
	close(e);
	fails_with("dup3 of a closed fd", sys_dup3(e, d, 0), EBADF);

	/* The status flags belong to the open file, which dups share. */
	e = dup(p[0]);
	fcntl(e, F_SETFL, O_NONBLOCK);
	CHECK(fcntl(p[0], F_GETFL) == (O_RDONLY | O_NONBLOCK),
	      "O_NONBLOCK set through a dup shows on the original");
	fails_with("and a read through the original", read(p[0], c, 1), EAGAIN);
	fcntl(p[0], F_SETFL, 0);
	close(e);
	close(p[0]);
	close(d);
	CHECK(lowest_free() == from,
	      "everything the dup checks opened is closed again");
}

/* ------------------------------------------------------- bad fds */

static const char *const calls_on_fds[] = {
	"close",	  "dup",	   "dup2 from",
	"dup3 from",	  "fcntl F_GETFD", "fcntl F_SETFD",
	"fcntl F_GETFL",  "fcntl F_SETFL", "fcntl F_DUPFD",
	"fcntl cmd 9999", "read",	   "write",
	"readv",	  "writev",
};

/* The @which-th of calls_on_fds on @fd. */
static long call_on_fd(int which, int fd)
{
	struct iovec iov = { buf, 1 };

	switch (which) {
	case 0:
		return close(fd);
	case 1:
		return dup(fd);
	case 2:
		return dup2(fd, 200);
	case 3:
		return sys_dup3(fd, 200, 0);
	case 4:
		return fcntl(fd, F_GETFD);
	case 5:
		return fcntl(fd, F_SETFD, FD_CLOEXEC);
	case 6:
		return fcntl(fd, F_GETFL);
	case 7:
		return fcntl(fd, F_SETFL, O_NONBLOCK);
	case 8:
		return fcntl(fd, F_DUPFD, 0);
	case 9:
		return fcntl(fd, 9999);
	case 10:
		return read(fd, buf, 1);
	case 11:
		return write(fd, buf, 1);
	case 12:
		return readv(fd, &iov, 1);
	default:
		return writev(fd, &iov, 1);
	}
}

/* Each call on fds that are not open: EBADF. One line per call, and a
 * line more for each fd that got something else. */
static void bad_fds(void)
{
	const char *names[] = { "-1", "1000000", "RLIMIT_NOFILE",
				"a closed fd" };
	int fds[] = { -1, 1000000, (int)nofile, lowest_free() };

	printf("each call on fd -1, 1000000, RLIMIT_NOFILE and a closed fd:\n");
	for (int c = 0; c < 14; c++) {
		int bad = 0;

		for (int i = 0; i < 4; i++) {
			long r = call_on_fd(c, fds[i]);
			int e = errno;

			if (r != -1 || e != EBADF) {
				printf("%s %s: %s\n", calls_on_fds[c], names[i],
				       r != -1 ? "succeeded" : err_name(e));
				bad++;
			}
		}
		CHECK(!bad, "%s: EBADF", calls_on_fds[c]);
	}
	CHECK(fcntl(200, F_GETFD) == -1, "none of them opened fd 200");
}

/* ------------------------------------------------------------ fcntl */

static void fcntls(void)
{
	int start = lowest_free(), p[2], from, d, e, next;

	pipe(p);
	CHECK(fcntl(p[0], F_GETFD) == 0, "F_GETFD of a new fd: 0");
	CHECK(fcntl(p[0], F_SETFD, FD_CLOEXEC) == 0 &&
		  fcntl(p[0], F_GETFD) == FD_CLOEXEC,
	      "F_SETFD FD_CLOEXEC, F_GETFD: FD_CLOEXEC");
	CHECK(fcntl(p[1], F_GETFD) == 0, "the other end is untouched");
	CHECK(fcntl(p[0], F_SETFD, 0) == 0 && fcntl(p[0], F_GETFD) == 0,
	      "F_SETFD 0 clears it");
	CHECK(fcntl(p[0], F_SETFD, 3) == 0 &&
		  fcntl(p[0], F_GETFD) == FD_CLOEXEC,
	      "F_SETFD 3 sets FD_CLOEXEC and ignores the other bit");
	fcntl(p[0], F_SETFD, 0);

	CHECK(fcntl(p[0], F_GETFL) == O_RDONLY,
	      "F_GETFL of the read end: O_RDONLY");
	CHECK(fcntl(p[1], F_GETFL) == O_WRONLY,
	      "F_GETFL of the write end: O_WRONLY");
	CHECK(fcntl(p[1], F_SETFL, O_NONBLOCK) == 0 &&
		  fcntl(p[1], F_GETFL) == (O_WRONLY | O_NONBLOCK),
	      "F_SETFL O_NONBLOCK: O_WRONLY|O_NONBLOCK");
	CHECK(fcntl(p[0], F_GETFL) == O_RDONLY, "the read end is untouched");
	CHECK(fcntl(p[1], F_SETFL, 0) == 0 && fcntl(p[1], F_GETFL) == O_WRONLY,
	      "F_SETFL 0: O_WRONLY again");
	CHECK(fcntl(p[0], F_SETFL, O_RDWR | O_NONBLOCK) == 0 &&
		  fcntl(p[0], F_GETFL) == (O_RDONLY | O_NONBLOCK),
	      "F_SETFL cannot change the access mode");
	fcntl(p[0], F_SETFL, 0);
	close_pair(p);
	CHECK(pipe2(p, O_NONBLOCK | O_CLOEXEC) == 0 &&
		  fcntl(p[0], F_GETFL) == (O_RDONLY | O_NONBLOCK) &&
		  fcntl(p[1], F_GETFL) == (O_WRONLY | O_NONBLOCK),
	      "pipe2 O_NONBLOCK|O_CLOEXEC: F_GETFL has O_NONBLOCK, "
	      "not O_CLOEXEC");
	close_pair(p);

	pipe(p);
	from = lowest_free();
	d = fcntl(p[1], F_DUPFD, 0);
	CHECK(d == from, "F_DUPFD 0 gives the lowest free fd");
	next = lowest_free();
	e = fcntl(p[1], F_DUPFD, d);
	CHECK(e == next, "F_DUPFD at a taken fd gives the next free one");
	close(e);
	CHECK(fcntl(p[1], F_DUPFD, 300) == 300 &&
		  fcntl(p[1], F_DUPFD, 300) == 301,
	      "F_DUPFD 300 twice: 300, then 301");
	CHECK(fcntl(300, F_GETFD) == 0, "F_DUPFD leaves FD_CLOEXEC clear");
	close(301);
	e = fcntl(p[1], F_DUPFD_CLOEXEC, 301);
	CHECK(e == 301 && fcntl(e, F_GETFD) == FD_CLOEXEC,
	      "F_DUPFD_CLOEXEC 301: 301, with FD_CLOEXEC");
	CHECK(write(e, "F", 1) == 1 && read(p[0], buf, 8) == 1 && buf[0] == 'F',
	      "it writes into the same pipe");
	close(300);
	close(301);
	CHECK(fcntl(p[1], F_DUPFD, (int)nofile - 1) == nofile - 1,
	      "F_DUPFD RLIMIT_NOFILE - 1");
	close((int)nofile - 1);
	fails_with("F_DUPFD RLIMIT_NOFILE", fcntl(p[1], F_DUPFD, (int)nofile),
		   EINVAL);
	fails_with("F_DUPFD_CLOEXEC RLIMIT_NOFILE",
		   fcntl(p[1], F_DUPFD_CLOEXEC, (int)nofile), EINVAL);
	fails_with("F_DUPFD -1", fcntl(p[1], F_DUPFD, -1), EINVAL);
	fails_with("fcntl cmd 9999", fcntl(p[1], 9999), EINVAL);
	fails_with("fcntl cmd -1", fcntl(p[1], -1), EINVAL);
	close(d);
	close_pair(p);
	CHECK(lowest_free() == start,
	      "everything the fcntl checks opened is closed");
}

/* ------------------------------------------------------------ fork */

static void fork_shares(void)
{
	int p[2], q[2], status;
	char c[16];
	pid_t pid;

	/* One pipe, one read position: what the child reads is gone. */
	pipe(p);
	write(p[1], "ab", 2);
	pid = fork();
	if (pid == 0)
		_exit(read(p[0], c, 1) == 1 && c[0] == 'a' ? 0 : 1);
	status = reaped(pid);
	CHECK(exited(status, 0),
	      "after fork the child reads the first byte (%s)",
	      how_ended(status));
	CHECK(read(p[0], c, 16) == 1 && c[0] == 'b',
	      "the parent then reads only the second");

	/* Parent writes, child reads (blocking until then), child replies. */
	pipe(q);
	pid = fork();
	if (pid == 0) {
		ssize_t n;

		close(p[1]);
		close(q[0]);
		n = read(p[0], c, 16);
		if (n == 5 && memcmp(c, "ping!", 5) == 0)
			write(q[1], "pong!", 5);
		fcntl(p[0], F_SETFL, O_NONBLOCK);
		_exit(0);
	}
	close(q[1]);
	nap_ms(20);
	write(p[1], "ping!", 5);
	CHECK(read(q[0], c, 16) == 5 && memcmp(c, "pong!", 5) == 0,
	      "the parent writes, the child reads and answers on another pipe");
	status = reaped(pid);
	CHECK(exited(status, 0), "that child: %s", how_ended(status));
	CHECK(fcntl(p[0], F_GETFL) == (O_RDONLY | O_NONBLOCK),
	      "O_NONBLOCK the child set shows in the parent (one open file)");
	close_pair(p);
	close(q[0]);
}

/* ------------------------------------------------------------ execve */

static int child_print(void)
{
	check_start();
	printf("%s", CHILD_LINE);
	printf(CHILD_FD_1 "%s\n", fcntl(1, F_GETFL) == O_WRONLY ? "yes" : "no");
	return 0;
}

static void redirect(void)
{
	char *argv[] = { "m-pipe", "--child-print", NULL };
	char text[256] = { 0 };
	int p[2], status;
	ssize_t n;
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close_pair(p);
		execve("m-pipe", argv, environ);
		_exit(99);
	}
	close(p[1]);
	n = read_all(p[0], text, sizeof(text) - 1);
	close(p[0]);
	status = reaped(pid);
	CHECK(exited(status, 0),
	      "a child with stdout on a pipe runs m-pipe --child-print (%s)",
	      how_ended(status));
	CHECK(n > 0 && strcmp(text, CHILD_LINE CHILD_FD_1 "yes\n") == 0,
	      "the parent reads its two lines from the pipe");
}

/*
 * The child run "m-pipe --child-fds cN oM ...": fd N must be closed, fd
 * M open without FD_CLOEXEC. The exit status has bit i set when the i-th
 * was wrong, and "open" fds get a byte written ('0' + i), so the parent
 * sees the pipe still works.
 */
static int child_fds(int argc, char **argv)
{
	int wrong = 0;

	for (int i = 2; i < argc && i < 10; i++) {
		int fd = atoi(argv[i] + 1), r = fcntl(fd, F_GETFD);
		char c = (char)('0' + i - 2);

		if (argv[i][0] == 'c' ? !(r == -1 && errno == EBADF)
				      : !(r == 0 && write(fd, &c, 1) == 1))
			wrong |= 1 << (i - 2);
	}
	return wrong;
}

struct fd_case {
	const char *what;
	int fd;
	char expect; /* 'c' closed or 'o' open after execve */
};

static void close_on_exec(void)
{
	struct fd_case cases[7] = {
		{ "pipe2 O_CLOEXEC", -1, 'c' },
		{ "pipe2 without it", -1, 'o' },
		{ "a dup given FD_CLOEXEC by F_SETFD", -1, 'c' },
		{ "F_DUPFD_CLOEXEC", -1, 'c' },
		{ "dup3 O_CLOEXEC", -1, 'c' },
		{ "a dup of the O_CLOEXEC one", -1, 'o' },
		{ "dup2 of the O_CLOEXEC one", -1, 'o' },
	};
	char *argv[10] = { "m-pipe", "--child-fds" };
	char args[7][16], got[16] = { 0 };
	int a[2], b[2], status, ran, wrong;
	pid_t pid;

	pipe2(a, O_CLOEXEC);
	pipe2(b, 0);
	cases[0].fd = a[1];
	cases[1].fd = b[1];
	cases[2].fd = dup(b[1]);
	fcntl(cases[2].fd, F_SETFD, FD_CLOEXEC);
	cases[3].fd = fcntl(b[1], F_DUPFD_CLOEXEC, 0);
	cases[4].fd = sys_dup3(b[1], 150, O_CLOEXEC);
	cases[5].fd = dup(a[1]);
	cases[6].fd = dup2(a[1], 151);
	for (int i = 0; i < 7; i++) {
		snprintf(args[i], sizeof(args[i]), "%c%d", cases[i].expect,
			 cases[i].fd);
		argv[2 + i] = args[i];
	}
	argv[9] = NULL;

	/* fork copies the fds, FD_CLOEXEC and all; a failed execve closes
	 * none. */
	pid = fork();
	if (pid == 0) {
		char *missing[] = { "m-no-such-program", NULL };

		execve("m-no-such-program", missing, environ);
		_exit(fcntl(a[1], F_GETFD) == FD_CLOEXEC &&
			      fcntl(cases[2].fd, F_GETFD) == FD_CLOEXEC &&
			      fcntl(b[1], F_GETFD) == 0
			  ? 0
			  : 1);
	}
	status = reaped(pid);
	CHECK(exited(status, 0),
	      "after fork and a failed execve the FD_CLOEXEC fds are still "
	      "open, flag and all");

	pid = fork();
	if (pid == 0) {
		close(a[0]);
		close(b[0]);
		execve("m-pipe", argv, environ);
		_exit(255);
	}
	for (int i = 0; i < 7; i++)
		close(cases[i].fd);
	status = reaped(pid);
	ran = status != -1 && WIFEXITED(status) && WEXITSTATUS(status) != 255;
	wrong = ran ? WEXITSTATUS(status) : 0x7f;
	CHECK(ran, "a child execve's m-pipe --child-fds with 7 fds");
	for (int i = 0; i < 7; i++)
		CHECK(!(wrong & (1 << i)), "after execve, the fd from %s is %s",
		      cases[i].what,
		      cases[i].expect == 'c' ? "closed"
					     : "open, no FD_CLOEXEC");
	CHECK(read_all(b[0], got, sizeof(got) - 1) == 1 &&
		  strcmp(got, "1") == 0,
	      "the new image wrote into the pipe it kept");
	memset(got, 0, sizeof(got));
	CHECK(read_all(a[0], got, sizeof(got) - 1) == 2 &&
		  strcmp(got, "56") == 0,
	      "and through the dups of the O_CLOEXEC end, which it kept");
	close(a[0]);
	close(b[0]);
}

/* ----------------------------------------------------------- EMFILE */

static void out_of_fds(void)
{
	static int fds[4 * NOFILE];
	int n = 0, p[2], all_open = 1, extra = 0, failures = 0, same = 1;
	int from = lowest_free(), fd, last, err;

	while (n + 2 <= (int)(sizeof(fds) / sizeof(fds[0])) &&
	       pipe2(p, 0) == 0) {
		fds[n++] = p[0];
		fds[n++] = p[1];
	}
	err = errno;
	CHECK(err == EMFILE, "pipe2 until it fails: it fails with EMFILE");
	while (n < (int)(sizeof(fds) / sizeof(fds[0])) && (fd = dup(1)) >= 0) {
		fds[n++] = fd;
		extra++;
	}
	CHECK(extra <= 1, "at most one fd was left, too few for a pipe");
	for (int i = 0; i < nofile; i++)
		all_open &= fcntl(i, F_GETFD) != -1;
	CHECK(all_open, "now every fd below RLIMIT_NOFILE is open");
	fails_with("dup", dup(1), EMFILE);
	fails_with("fcntl F_DUPFD 0", fcntl(1, F_DUPFD, 0), EMFILE);
	fails_with("pipe2", pipe2(p, 0), EMFILE);
	CHECK(dup2(fds[0], fds[2]) == fds[2],
	      "dup2 onto an open fd still works, needing no new one");

	last = fds[--n];
	close(last);
	fails_with("one fd free: pipe2", pipe2(p, O_CLOEXEC), EMFILE);
	CHECK(dup(1) == last, "the free fd is still free after that");
	close(last);
	close(fds[n - 1]);
	CHECK(pipe2(p, 0) == 0 &&
		  p[0] == (last < fds[n - 1] ? last : fds[n - 1]),
	      "two fds free: pipe2 works");
	close_pair(p);
	for (int i = 0; i < n - 1; i++)
		close(fds[i]);
	CHECK(lowest_free() == from, "all closed again");

	for (int i = 0; i < 10000; i++) {
		if (pipe2(p, i & 1 ? O_CLOEXEC : 0) != 0) {
			failures++;
			continue;
		}
		same &= p[0] == from;
		close_pair(p);
	}
	CHECK(failures == 0 && same,
	      "10000 rounds of pipe2 and two closes: no failure, no leak");
}

/* ------------------------------------------------------ readv/writev */

static void vectors(void)
{
	char x[3], y[5], z[100];
	struct iovec out[4] = {
		{ "one ", 4 }, { "", 0 }, { "two ", 4 }, { "three", 5 }
	};
	struct iovec in[3] = { { x, 3 }, { y, 5 }, { z, 100 } };
	static struct iovec many[1025];
	int p[2];

	pipe2(p, O_NONBLOCK);
	CHECK(writev(p[1], out, 4) == 13,
	      "writev of 4 iovecs (one empty): 13 bytes");
	CHECK(readv(p[0], in, 3) == 13 && memcmp(x, "one", 3) == 0 &&
		  memcmp(y, " two ", 5) == 0 && memcmp(z, "three", 5) == 0,
	      "readv into 3, 5 and 100 bytes splits them in order");
	CHECK(writev(p[1], out, 0) == 0, "writev of no iovecs: 0");
	fails_with("readv of an empty O_NONBLOCK pipe", readv(p[0], in, 3),
		   EAGAIN);
	for (int i = 0; i < 1025; i++)
		many[i] = (struct iovec){ buf, 1 };
	fails_with("writev of 1025 iovecs (> IOV_MAX)",
		   writev(p[1], many, 1025), EINVAL);
	fails_with("writev of -1 iovecs", writev(p[1], many, -1), EINVAL);
	CHECK(writev(p[1], many, 1024) == 1024 && read(p[0], buf, 2048) == 1024,
	      "writev of 1024 one-byte iovecs: 1024 bytes");
	fails_with("writev from an unmapped iovec array",
		   writev(p[1], (struct iovec *)bad_address, 1), EFAULT);
	for (int i = 0; i < 8; i++)
		many[i] = (struct iovec){ buf, 16384 };
	CHECK(writev(p[1], many, 8) == PIPE_SIZE,
	      "O_NONBLOCK writev of 8 x 16 KiB into an empty pipe: 65536");
	fails_with("and the next", writev(p[1], many, 1), EAGAIN);
	close_pair(p);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--child-print") == 0)
		return child_print();
	if (argc > 1 && strcmp(argv[1], "--child-fds") == 0)
		return child_fds(argc, argv);
	check_start();
	nofile_limit();
	basics();
	capacity();
	end_of_file();
	sigpipe();
	transfer();
	writer_blocks();
	dups();
	bad_fds();
	fcntls();
	fork_shares();
	redirect();
	close_on_exec();
	out_of_fds();
	vectors();
	return check_finish("m-pipe");
}
