// SPDX-License-Identifier: MIT
/*
 * m-cow: what fork's copy looks like from user space, on Linux and on
 * this kernel, which shares the pages copy-on-write (kernel/mm/vm.c):
 *
 *   - parent and child write the same global, stack, heap and mmap'ed
 *     pages: each sees its own values, before and after the other's
 *     writes, and after the other has ended;
 *   - a page shared by three processes, written by each in turn;
 *   - MAP_SHARED memory stays shared after fork, MAP_PRIVATE does not;
 *   - read() from a pipe into a buffer the child shares with its parent;
 *   - mprotect, mremap and madvise(MADV_DONTNEED) of shared pages in the
 *     child;
 *   - a child that execs: the new program starts from its own file, and
 *     the parent's pages are untouched;
 *   - vfork's child still writes the parent's memory;
 *   - a thread that ends while a forked child still shares its stack:
 *     pthread_join wakes (the kernel's write of the thread id word is a
 *     copy-on-write fault, and the futex must follow the word).
 *
 * Processes take turns through pipes; every check prints one line.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define P 4096ul
#define RW (PROT_READ | PROT_WRITE)

static int global_word = 1;
static char global_page[P] __attribute__((aligned(4096))) = "the parent's";

static void put_byte(int fd, char c)
{
	if (write(fd, &c, 1) != 1)
		_exit(90);
}

static char get_byte(int fd)
{
	char c = 0;

	if (read(fd, &c, 1) != 1)
		_exit(91);
	return c;
}

static int wait_child(pid_t pid)
{
	int status = -1;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static char *map(size_t len, int flags)
{
	char *p = mmap(NULL, len, RW, flags | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* Parent and child write the same places; each keeps its own. */
static void both_write(void)
{
	int to_child[2], to_parent[2];
	int stack_word = 10, status;
	char *heap = malloc(100000), *m = map(64 * P, MAP_PRIVATE);
	pid_t pid;

	if (!heap || !m || pipe(to_child) || pipe(to_parent)) {
		CHECK(0, "both_write: set-up");
		return;
	}
	memset(heap, 'h', 100000);
	memset(m, 'm', 64 * P);
	global_word = 1;
	pid = fork();
	if (pid == 0) {
		int ok = global_word == 1 && stack_word == 10 &&
			 heap[99999] == 'h' && m[63 * P] == 'm';

		global_word = 2;
		stack_word = 20;
		memset(heap, 'H', 100000);
		memset(m, 'M', 64 * P);
		put_byte(to_parent[1], ok ? 'y' : 'n');
		get_byte(to_child[0]); /* the parent has written its own */
		ok = global_word == 2 && stack_word == 20 &&
		     heap[0] == 'H' && heap[99999] == 'H' &&
		     m[0] == 'M' && m[64 * P - 1] == 'M';
		_exit(ok ? 0 : 1);
	}
	CHECK(get_byte(to_parent[0]) == 'y',
	      "the child sees the parent's values at fork");
	CHECK(global_word == 1 && stack_word == 10 && heap[0] == 'h' &&
		      m[0] == 'm' && m[64 * P - 1] == 'm',
	      "the child's writes do not show in the parent");
	global_word = 3;
	stack_word = 30;
	memset(heap, 'x', 100000);
	memset(m, 'x', 64 * P);
	put_byte(to_child[1], 'g');
	status = wait_child(pid);
	CHECK(status == 0, "the parent's writes do not show in the child");
	CHECK(global_word == 3 && stack_word == 30 && heap[50000] == 'x' &&
		      m[32 * P] == 'x',
	      "the parent keeps its own after the child ended");
	free(heap);
	munmap(m, 64 * P);
	close(to_child[0]);
	close(to_child[1]);
	close(to_parent[0]);
	close(to_parent[1]);
}

/* A page shared by the parent and two children, written in turn. */
static void three_sharers(void)
{
	int turn[3][2], status;
	pid_t pid[2];
	char *m = map(P, MAP_PRIVATE);

	if (!m || pipe(turn[0]) || pipe(turn[1]) || pipe(turn[2])) {
		CHECK(0, "three_sharers: set-up");
		return;
	}
	strcpy(m, "parent");
	for (int i = 0; i < 2; i++) {
		pid[i] = fork();
		if (pid[i] == 0) {
			char mine[8] = "child0";
			int ok;

			mine[5] = (char)('1' + i);
			get_byte(turn[i][0]);
			ok = strcmp(m, "parent") == 0;
			strcpy(m, mine);
			put_byte(turn[2][1], 'w');
			get_byte(turn[i][0]); /* the end */
			_exit(ok && strcmp(m, mine) == 0 ? 0 : 1);
		}
	}
	put_byte(turn[0][1], 'g');
	get_byte(turn[2][0]);
	put_byte(turn[1][1], 'g');
	get_byte(turn[2][0]);
	CHECK(strcmp(m, "parent") == 0,
	      "two children wrote the page: the parent's is unchanged");
	strcpy(m, "parent2");
	put_byte(turn[0][1], 'e');
	put_byte(turn[1][1], 'e');
	for (int i = 0; i < 2; i++) {
		status = wait_child(pid[i]);
		CHECK(status == 0, "child %d saw the parent's, then its own", i + 1);
	}
	CHECK(strcmp(m, "parent2") == 0, "the parent's own write");
	munmap(m, P);
	for (int i = 0; i < 3; i++) {
		close(turn[i][0]);
		close(turn[i][1]);
	}
}

/* MAP_SHARED stays shared; MAP_PRIVATE is copied. */
static void shared_and_private(void)
{
	char *s = map(P, MAP_SHARED), *p = map(P, MAP_PRIVATE);
	pid_t pid;

	if (!s || !p) {
		CHECK(0, "shared_and_private: set-up");
		return;
	}
	strcpy(s, "before");
	strcpy(p, "before");
	pid = fork();
	if (pid == 0) {
		strcpy(s, "child");
		strcpy(p, "child");
		_exit(0);
	}
	CHECK(wait_child(pid) == 0, "the child wrote both");
	CHECK(strcmp(s, "child") == 0,
	      "MAP_SHARED: the child's write shows in the parent");
	CHECK(strcmp(p, "before") == 0,
	      "MAP_PRIVATE: the child's write does not");
	munmap(s, P);
	munmap(p, P);
}

/* The kernel writes into a page shared with the parent: read(). */
static void read_into_shared(void)
{
	static const char msg[] = "from the pipe";
	char *m = map(2 * P, MAP_PRIVATE), *buf;
	int fds[2], status;
	pid_t pid;

	if (!m || pipe(fds)) {
		CHECK(0, "read_into_shared: set-up");
		return;
	}
	buf = m + P - 5; /* across two pages */
	memset(m, '.', 2 * P);
	pid = fork();
	if (pid == 0) {
		ssize_t n = read(fds[0], buf, sizeof(msg));

		_exit(n == sizeof(msg) && memcmp(buf, msg, sizeof(msg)) == 0
			      ? 0
			      : 1);
	}
	if (write(fds[1], msg, sizeof(msg)) != sizeof(msg))
		CHECK(0, "write to the pipe");
	status = wait_child(pid);
	CHECK(status == 0, "read() into a page the child shares: it has the data");
	CHECK(buf[0] == '.' && buf[sizeof(msg) - 1] == '.',
	      "and the parent's page is unchanged");
	munmap(m, 2 * P);
	close(fds[0]);
	close(fds[1]);
}

/* mprotect, mremap and MADV_DONTNEED in the child, on shared pages. */
static int child_changes(char *m)
{
	int status, ok = 1;
	long r;
	pid_t pid;

	/* Read-only: a write faults (in a grandchild), then back to
	 * writable, and the write is the child's. */
	mprotect(m, P, PROT_READ);
	pid = fork();
	if (pid == 0) {
		m[0] = 'c';
		_exit(0);
	}
	status = wait_child(pid);
	ok &= WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
	ok &= mprotect(m, P, RW) == 0;
	m[0] = 'c';
	r = syscall(SYS_mremap, m + P, P, 2 * P, MREMAP_MAYMOVE, 0);
	ok &= r != -1 && ((char *)r)[0] == 'p';
	if (r != -1)
		((char *)r)[0] = 'c';
	ok &= madvise(m + 2 * P, P, MADV_DONTNEED) == 0 && m[2 * P] == 0;
	m[2 * P] = 'c';
	return ok ? 0 : 1;
}

static void changes_in_child(void)
{
	char *m = map(3 * P, MAP_PRIVATE);
	int status;
	pid_t pid;

	if (!m) {
		CHECK(0, "changes_in_child: set-up");
		return;
	}
	memset(m, 'p', 3 * P);
	pid = fork();
	if (pid == 0)
		_exit(child_changes(m));
	status = wait_child(pid);
	CHECK(status == 0,
	      "the child: mprotect read-only faults, back to read-write "
	      "writes, mremap keeps, MADV_DONTNEED reads zeros");
	CHECK(m[0] == 'p' && m[P] == 'p' && m[2 * P] == 'p',
	      "the parent's pages after all that");
	munmap(m, 3 * P);
}

/* A child that execs this program: the new image is its file's. */
static void exec_in_child(void)
{
	int status;
	pid_t pid;

	global_word = 77;
	strcpy(global_page, "changed");
	pid = fork();
	if (pid == 0) {
		char *argv[] = { "m-cow", "exec", NULL };

		global_page[0] = 'C'; /* a copy, dropped by the exec */
		execv("m-cow", argv); /* a bare name works on both (m-spawn) */
		_exit(127);
	}
	status = wait_child(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the child's execve: the new program starts with its file's data");
	CHECK(global_word == 77 && strcmp(global_page, "changed") == 0,
	      "the parent's data after the child's execve");
}

/* vfork's child borrows the parent's memory: its write is the
 * parent's. */
static volatile int vfork_word;

static void vfork_shares(void)
{
	int status;
	pid_t pid;

	vfork_word = 1;
	pid = vfork();
	if (pid == 0) {
		vfork_word = 2;
		_exit(0);
	}
	status = wait_child(pid);
	CHECK(status == 0 && vfork_word == 2,
	      "vfork: the child's write shows in the parent");
}

/* A thread blocked on a pipe while a forked child shares its stack:
 * when it ends, pthread_join must wake. */
static int thread_pipe[2];

static void *blocked_thread(void *arg)
{
	(void)arg;
	get_byte(thread_pipe[0]);
	return (void *)42;
}

static void join_after_fork(void)
{
	int hold[2], status;
	pthread_t t;
	void *ret = NULL;
	pid_t pid;

	if (pipe(thread_pipe) || pipe(hold) ||
	    pthread_create(&t, NULL, blocked_thread, NULL)) {
		CHECK(0, "join_after_fork: set-up");
		return;
	}
	pid = fork();
	if (pid == 0) {
		get_byte(hold[0]); /* keep sharing until the join is done */
		_exit(0);
	}
	put_byte(thread_pipe[1], 'x');
	CHECK(pthread_join(t, &ret) == 0 && ret == (void *)42,
	      "pthread_join of a thread that ended while a child shared its "
	      "stack");
	put_byte(hold[1], 'x');
	status = wait_child(pid);
	CHECK(status == 0, "and the child");
	close(hold[0]);
	close(hold[1]);
	close(thread_pipe[0]);
	close(thread_pipe[1]);
}

int main(int argc, char **argv)
{
	check_start();
	if (argc > 1 && strcmp(argv[1], "exec") == 0)
		return global_word == 1 &&
				       strcmp(global_page, "the parent's") == 0
			       ? 0
			       : 1;
	both_write();
	three_sharers();
	shared_and_private();
	read_into_shared();
	changes_in_child();
	exec_in_child();
	vfork_shares();
	join_after_fork();
	return check_finish("m-cow");
}
