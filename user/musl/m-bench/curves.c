// SPDX-License-Identifier: MIT
/*
 * m-bench's curves: what an operation costs against a size that should
 * not matter (processes asleep, names in a directory) or should matter
 * only per byte (a pipe write's size). tools/bench-table.py prints and
 * draws each family of rows NAME-SIZE as one curve.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

/*
 * Pipe throughput against the size of a write: @count writes of @size
 * bytes to a child that reads them with a 64 KiB buffer and checks the
 * first and last byte of each read against where it is in the stream
 * (looking at every byte would cost more than the copy); at the end of
 * the file it sends back how many bytes it got and how many reads went
 * wrong. Per write.
 */
static unsigned char stream_byte(uint64_t at, long size)
{
	return (unsigned char)((uint64_t)(at % (uint64_t)size) * 13 + 1);
}

static void pipe_size(long size, long count)
{
	static unsigned char buf[BULK];
	int down[2], up[2], status = 0;
	const char *failed = NULL;
	uint64_t t0, ticks, back[2] = { 0, 0 };
	char name[32];
	pid_t pid;

	snprintf(name, sizeof(name), "pipe-write-%ld", size);
	if (pipe(down) || pipe(up)) {
		report(name, 1, 0, "pipe failed");
		return;
	}
	for (long i = 0; i < size; i++)
		buf[i] = stream_byte((uint64_t)i, size);
	pid = fork();
	if (pid == 0) {
		uint64_t got[2] = { 0, 0 };
		ssize_t r;

		close(down[1]);
		close(up[0]);
		while ((r = read(down[0], buf, BULK)) > 0) {
			got[1] += buf[0] != stream_byte(got[0], size) ||
				  buf[r - 1] != stream_byte(got[0] + r - 1, size);
			got[0] += (uint64_t)r;
		}
		_exit(write(up[1], got, sizeof(got)) == sizeof(got) ? 0 : 1);
	}
	close(down[0]);
	close(up[1]);
	t0 = rdtsc();
	for (long i = 0; i < count && !failed; i++)
		if (write(down[1], buf, (size_t)size) != (ssize_t)size)
			failed = "a write was short or failed";
	ticks = rdtsc() - t0;
	close(down[1]);
	if (!failed && read(up[0], back, sizeof(back)) != sizeof(back))
		failed = "no answer from the child";
	else if (!failed && (back[0] != (uint64_t)(size * count) ||
			     back[1] != 0))
		failed = "the child read other bytes";
	close(up[0]);
	waitpid(pid, &status, 0);
	if (!failed && (!WIFEXITED(status) || WEXITSTATUS(status)))
		failed = "the child failed";
	report(name, count, ticks, failed);
}

void pipe_sizes(void)
{
	pipe_size(1, n->calls);
	pipe_size(64, n->calls);
	pipe_size(4096, n->rounds * 2);
	pipe_size(65536, n->rounds / 5);
}

/*
 * Sleeping processes: @k children that share our memory (clone with
 * CLONE_VM, so that a thousand of them cost a thousand small stacks and
 * no copies), half of them asleep in a read of an empty pipe and half
 * in pause. They never wake while the yields, switches and pipe round
 * trips of the curve run beside them: a scheduler or a wakeup that
 * looks at every process shows as a cost that grows with @k.
 */
#define SLEEPER_STACK 4096

/* A name as getdents64 gives it (struct linux_dirent64). */
struct dirent64_hdr {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};


static long raw_syscall3(long nr, long a, long b, long c)
{
	long r;

	__asm__ volatile("syscall"
			 : "=a"(r)
			 : "a"(nr), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return r;
}

/* The child: no libc, nothing shared written. */
static int sleeper(void *arg)
{
	long fd = (long)arg;
	char c;

	for (;;) {
		if (fd < 0)
			raw_syscall3(SYS_pause, 0, 0, 0);
		else
			raw_syscall3(SYS_read, fd, (long)&c, 1);
	}
	return 0;
}

/* A child that ends at once, in our memory, on its own little stack. */
static int child_exits_at_once(void *arg)
{
	(void)arg;
	raw_syscall3(SYS_exit, 3, 0, 0);
	return 0;
}

/*
 * /proc's directory, read whole with a 4 KiB buffer: how many process
 * directories it lists, and whether each of the @k sleepers @pids (whose
 * smallest is @lo) is among them, once: @seen has a byte per pid from @lo
 * up to @lo + @range. -1 if it cannot be read.
 */
static long list_proc(const pid_t *pids, long k, pid_t lo, long range,
		      char *seen)
{
	static char dbuf[4096];
	int fd = open("/proc", O_RDONLY | O_DIRECTORY);
	long got, listed = 0, found = 0;

	if (fd < 0)
		return -1;
	memset(seen, 0, (size_t)range);
	while ((got = syscall(SYS_getdents64, fd, dbuf, sizeof(dbuf))) > 0)
		for (long off = 0; off < got;) {
			struct dirent64_hdr *d =
				(struct dirent64_hdr *)(dbuf + off);
			long pid = strtol(d->d_name, NULL, 10);

			off += d->d_reclen;
			if (d->d_name[0] < '1' || d->d_name[0] > '9')
				continue;
			listed++;
			if (pid >= lo && pid - lo < range && !seen[pid - lo]++)
				found++;
		}
	close(fd);
	for (long i = 0; i < k; i++) /* each sleeper once, none twice */
		if (seen[pids[i] - lo] != 1)
			return -1;
	return got < 0 || found != k ? -1 : listed;
}

/*
 * What finds a process by its pid, by its parent or in a list of them
 * all, beside @k sleeping children @pids: getppid, kill(pid, 0) of the
 * sleeper in the middle, a child made, ended and collected by wait4
 * (clone(CLONE_VM) + exit + wait4), and /proc's directory listed (per
 * process directory listed). Each result is checked.
 */
static void beside_sleepers(long k, const pid_t *pids)
{
	char name[48], *seen, *stack = malloc(SLEEPER_STACK);
	const char *failed = NULL;
	pid_t lo = pids[0], hi = pids[0], parent = getppid();
	long listed = 0, reads;
	uint64_t t0;

	snprintf(name, sizeof(name), "getppid-sleepers-%ld", k);
	t0 = rdtsc();
	for (long i = 0; i < n->calls && !failed; i++)
		if (getppid() != parent)
			failed = "getppid changed";
	report(name, n->calls, rdtsc() - t0, failed);

	snprintf(name, sizeof(name), "kill0-sleepers-%ld", k);
	t0 = rdtsc();
	for (long i = 0; i < n->rounds && !failed; i++)
		if (kill(pids[k / 2], 0))
			failed = "kill(pid, 0) did not find the sleeper";
	report(name, n->rounds, rdtsc() - t0, failed);

	snprintf(name, sizeof(name), "wait4-sleepers-%ld", k);
	t0 = rdtsc();
	for (long i = 0; i < n->rounds && stack && !failed; i++) {
		int status;
		pid_t c = clone(child_exits_at_once, stack + SLEEPER_STACK,
				CLONE_VM | SIGCHLD, NULL);

		if (c < 0 || waitpid(c, &status, 0) != c ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 3)
			failed = "a child was not collected as it ended";
	}
	report(name, n->rounds, rdtsc() - t0, stack ? failed : "no memory");
	free(stack);

	/* /proc may not be mounted where m-bench is Linux's /init. */
	if (access("/proc/self", F_OK)) {
		mkdir("/proc", 0555);
		mount("proc", "/proc", "proc", 0, NULL);
	}
	for (long i = 0; i < k; i++) {
		lo = pids[i] < lo ? pids[i] : lo;
		hi = pids[i] > hi ? pids[i] : hi;
	}
	seen = hi - lo < (1 << 22) ? malloc((size_t)(hi - lo + 1)) : NULL;
	snprintf(name, sizeof(name), "getdents-proc-sleepers-%ld", k);
	reads = numbers ? 10000 / k : 1; /* about 10^4 names in all */
	t0 = rdtsc();
	for (long r = 0; r < reads && seen && !failed; r++) {
		long got = list_proc(pids, k, lo, hi - lo + 1, seen);

		if (got < k + 1) /* the sleepers and m-bench at least */
			failed = "/proc did not list every process";
		listed += got;
	}
	report(name, listed ? listed : 1, rdtsc() - t0,
	       seen ? failed : "no memory");
	free(seen);
}

void with_sleepers(long k)
{
	char name[48];
	int fds[2];
	pid_t *pids = calloc((size_t)k, sizeof(*pids));
	char *stacks = mmap(NULL, (size_t)k * SLEEPER_STACK,
			    PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	const char *failed = NULL;
	long started = 0, ended = 0;

	snprintf(name, sizeof(name), "sleepers-%ld", k);
	if (!pids || stacks == MAP_FAILED || pipe(fds)) {
		report(name, 1, 0, "no memory or no pipe for the sleepers");
		return;
	}
	for (; started < k; started++) {
		void *top = stacks + (started + 1) * SLEEPER_STACK;
		long arg = started % 2 ? -1 : fds[0];

		pids[started] = clone(sleeper, top, CLONE_VM | SIGCHLD,
				      (void *)arg);
		if (pids[started] < 0) {
			failed = "clone failed";
			break;
		}
	}
	/* Until every one of them sleeps: each yield lets them run. */
	for (long i = 0; i < 2 * k + 10; i++)
		sched_yield();
	if (!failed) {
		snprintf(name, sizeof(name), "yield-sleepers-%ld", k);
		yield_alone(name);
		snprintf(name, sizeof(name), "switch-sleepers-%ld", k);
		switch_processes(name);
		snprintf(name, sizeof(name), "pipe-rtt-sleepers-%ld", k);
		pipe_round_trip(name);
		beside_sleepers(k, pids);
	}
	/* Each has the pipe's write end too (a copy of our descriptors):
	 * SIGKILL ends them all, readers and pausers alike. */
	for (long i = 0; i < started; i++)
		kill(pids[i], SIGKILL);
	for (long i = 0; i < started; i++) {
		int status;

		if (waitpid(pids[i], &status, 0) == pids[i] &&
		    WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
			ended++;
	}
	close(fds[1]);
	close(fds[0]);
	if (!failed && ended != k)
		failed = "a sleeper did not end as it should";
	snprintf(name, sizeof(name), "sleepers-%ld", k);
	if (failed)
		report(name, 1, 0, failed);
	munmap(stacks, (size_t)k * SLEEPER_STACK);
	free(pids);
}

/*
 * A directory of @entries names in /tmp: stat of one name in it (path
 * lookup), and getdents64 of the whole directory with a 4 KiB buffer,
 * per entry. The names are made before and removed after, untimed.
 */
void directory(long entries)
{
	static char dbuf[4096];
	char dir[64], path[96], name[48];
	const char *failed = NULL;
	long made = 0, listed = 0, reads;
	uint64_t t0, ticks;
	struct stat st;

	mkdir("/tmp", 01777);
	snprintf(dir, sizeof(dir), "/tmp/m-bench-dir.%d", (int)getpid());
	snprintf(name, sizeof(name), "stat-dir-%ld", entries);
	if (mkdir(dir, 0755)) {
		report(name, 1, 0, "mkdir failed");
		return;
	}
	for (; made < entries; made++) {
		int fd;

		snprintf(path, sizeof(path), "%s/f%07ld", dir, made);
		fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);
		if (fd < 0 || close(fd)) {
			failed = "could not make the names";
			break;
		}
	}
	/* The name in the middle: a lookup that scanned would pass half. */
	snprintf(path, sizeof(path), "%s/f%07ld", dir, entries / 2);
	t0 = rdtsc();
	for (long i = 0; i < n->rounds && !failed; i++)
		if (stat(path, &st) || !S_ISREG(st.st_mode))
			failed = "stat failed";
	report(name, n->rounds, rdtsc() - t0, failed);

	/* Enough readings for about 10^4 entries in all, at least one. */
	reads = entries >= 10000 ? 1 : 10000 / entries;
	if (!numbers)
		reads = 1;
	snprintf(name, sizeof(name), "getdents-dir-%ld", entries);
	t0 = rdtsc();
	for (long r = 0; r < reads && !failed; r++) {
		int fd = open(dir, O_RDONLY | O_DIRECTORY);
		long got, seen = 0;

		if (fd < 0) {
			failed = "open of the directory failed";
			break;
		}
		while ((got = syscall(SYS_getdents64, fd, dbuf, sizeof(dbuf))) > 0)
			for (long off = 0; off < got;) {
				struct dirent64_hdr *d =
					(struct dirent64_hdr *)(dbuf + off);

				seen += d->d_name[0] != '.';
				off += d->d_reclen;
			}
		close(fd);
		if (got < 0 || seen != made)
			failed = "getdents64 failed or listed another count";
		listed += seen;
	}
	ticks = rdtsc() - t0;
	report(name, listed ? listed : 1, ticks, failed);

	for (long i = 0; i < made; i++) {
		snprintf(path, sizeof(path), "%s/f%07ld", dir, i);
		unlink(path);
	}
	rmdir(dir);
}
