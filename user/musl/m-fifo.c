// SPDX-License-Identifier: MIT
/*
 * m-fifo: named pipes and mknod, as Linux has them.
 *
 * - mknod and mknodat: a FIFO, a regular file (type 0 or S_IFREG), a
 *   socket's name; the umask; the errors, in Linux's order (the type
 *   before the path: EPERM for a directory, EINVAL for no type Linux
 *   knows; then EEXIST, ENOENT, ENOTDIR, EBADF, EFAULT).
 * - The open rules (Linux's fifo_open): a reader waits for a writer and
 *   a writer for a reader; O_NONBLOCK lets a reader in at once and
 *   refuses a writer with ENXIO when nobody reads; O_RDWR never waits.
 * - Then a pipe: data in order, end of file when the last writer goes,
 *   EPIPE and SIGPIPE when no reader is left, poll and select, the
 *   contents gone once nobody has it open.
 * - A wait in open interrupted: EINTR after a handler without
 *   SA_RESTART, the open going on after one with it and after a stop
 *   and a continue; a process killed there leaves no reader behind.
 * - fstat, lseek and pread on an open FIFO, unlink while it is open.
 *
 * Device nodes are not made here: that needs CAP_MKNOD on the build
 * machine. HOSTILE 19's files case makes them on this kernel.
 *
 * It works in a directory of its own, m-fifo.d, made in the current one
 * (the runner uses a scratch directory on the build machine). The waits
 * are ordered by sleeps of 100-300 ms, but no line depends on how long
 * anything took: a child that must still be waiting is asked with
 * WNOHANG, and it cannot have finished without the other side.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static volatile uintptr_t bad_address = 8;
static volatile sig_atomic_t alarms;

static const char *result(long r)
{
	return r < 0 ? errno_name(errno) : "ok";
}

static void expect_errno(long r, int e, const char *what)
{
	CHECK(r == -1 && errno == e, "%s: %s", what, result(r));
}

static void nap_ms(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&t, NULL);
}

static int reaped(pid_t pid)
{
	int status = -1;

	if (pid <= 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* Is child @pid still running (not ended, not stopped)? */
static int still_running(pid_t pid)
{
	int status;

	return waitpid(pid, &status, WNOHANG) == 0;
}

/* The events poll sees on @fd within @ms, as names. */
static const char *poll_names(int fd, short events, int ms)
{
	static char buf[64];
	struct pollfd p = { fd, events, 0 };
	int n = poll(&p, 1, ms);

	if (n < 0)
		return errno_name(errno);
	snprintf(buf, sizeof(buf), "%s%s%s%s%s", n == 0 ? "none" : "",
		 p.revents & POLLIN ? " POLLIN" : "",
		 p.revents & POLLOUT ? " POLLOUT" : "",
		 p.revents & POLLHUP ? " POLLHUP" : "",
		 p.revents & POLLERR ? " POLLERR" : "");
	return buf[0] == ' ' ? buf + 1 : buf;
}

static const char *file_type(const char *path)
{
	struct stat st;

	if (lstat(path, &st))
		return errno_name(errno);
	return S_ISFIFO(st.st_mode)  ? "fifo"
	       : S_ISREG(st.st_mode) ? "regular"
	       : S_ISSOCK(st.st_mode) ? "socket"
	       : S_ISDIR(st.st_mode) ? "directory"
				      : "other";
}

static unsigned int perms(const char *path)
{
	struct stat st;

	return lstat(path, &st) ? 0 : st.st_mode & 07777;
}

/* ------------------------------------------------------------ mknod */

static void making(void)
{
	struct stat st;
	int dfd, ffd;

	umask(022);
	CHECK(mkfifo("p", 0666) == 0, "mkfifo p");
	CHECK(!strcmp(file_type("p"), "fifo") && perms("p") == 0644,
	      "p is a fifo, mode %o (0666 under umask 022)", perms("p"));
	CHECK(stat("p", &st) == 0 && st.st_size == 0 && st.st_nlink == 1,
	      "stat p: size 0, one link");
	expect_errno(mkfifo("p", 0644), EEXIST, "mkfifo p again");
	CHECK(mknod("r", 0644, 0) == 0 && !strcmp(file_type("r"), "regular"),
	      "mknod with type 0: a regular file");
	CHECK(mknod("r2", S_IFREG | 0666, 0) == 0 && perms("r2") == 0644 &&
		      stat("r2", &st) == 0 && st.st_size == 0,
	      "mknod S_IFREG: an empty file, mode %o", perms("r2"));
	CHECK(mknod("s", S_IFSOCK | 0755, 0) == 0 &&
		      !strcmp(file_type("s"), "socket") && perms("s") == 0755,
	      "mknod S_IFSOCK: a socket's name");
	expect_errno(open("s", O_RDONLY), ENXIO, "open a socket's name");
	CHECK(mknod("w", 0x10000 | S_IFIFO | 0600, 0) == 0 &&
		      !strcmp(file_type("w"), "fifo"),
	      "mode bits above 16 are not looked at (umode_t)");
	umask(0);
	CHECK(mknod("q", S_IFIFO | 0666, 0) == 0 && perms("q") == 0666,
	      "umask 0: mode 0666");
	umask(077);
	CHECK(mknod("q2", S_IFIFO | 0666, 0) == 0 && perms("q2") == 0600,
	      "umask 077: mode 0600");
	umask(022);

	expect_errno(mknod("d", S_IFDIR | 0755, 0), EPERM, "mknod S_IFDIR");
	expect_errno(mknod("missing/d", S_IFDIR | 0755, 0), EPERM,
		     "mknod S_IFDIR in a missing directory (the type first)");
	expect_errno(mknod("l", S_IFLNK | 0777, 0), EINVAL, "mknod S_IFLNK");
	expect_errno(mknod("x", 0170000 | 0644, 0), EINVAL,
		     "mknod type 0170000");
	expect_errno(mknod("x", 0030000 | 0644, 0), EINVAL,
		     "mknod type 0030000");
	expect_errno(mknod("p", S_IFIFO | 0644, 0), EEXIST, "mknod over a fifo");
	expect_errno(mknod("r", S_IFIFO | 0644, 0), EEXIST, "mknod over a file");
	symlink("nowhere", "dangling");
	expect_errno(mknod("dangling", S_IFIFO | 0644, 0), EEXIST,
		     "mknod over a dangling symlink");
	expect_errno(mknod(".", S_IFIFO | 0644, 0), EEXIST, "mknod .");
	expect_errno(mknod("..", S_IFIFO | 0644, 0), EEXIST, "mknod ..");
	expect_errno(mknod("missing/x", S_IFIFO | 0644, 0), ENOENT,
		     "mknod in a missing directory");
	expect_errno(mknod("r/x", S_IFIFO | 0644, 0), ENOTDIR,
		     "mknod under a file");
	expect_errno(mknod("new/", S_IFIFO | 0644, 0), ENOENT,
		     "mknod of a new name ending in /");
	expect_errno(mknod("p/", S_IFIFO | 0644, 0), EEXIST,
		     "mknod of a taken name ending in /");
	expect_errno(mknod("", S_IFIFO | 0644, 0), ENOENT, "mknod \"\"");
	expect_errno(mknod((const char *)bad_address, S_IFIFO | 0644, 0),
		     EFAULT, "mknod of an unmapped path");

	mkdir("sub", 0755);
	dfd = open("sub", O_RDONLY | O_DIRECTORY);
	ffd = open("r", O_RDONLY);
	CHECK(mknodat(dfd, "f", S_IFIFO | 0640, 0) == 0 &&
		      !strcmp(file_type("sub/f"), "fifo") &&
		      perms("sub/f") == 0640,
	      "mknodat from a directory fd");
	CHECK(mknodat(AT_FDCWD, "sub/g", S_IFIFO | 0644, 0) == 0 &&
		      !strcmp(file_type("sub/g"), "fifo"),
	      "mknodat from AT_FDCWD");
	expect_errno(mknodat(ffd, "f", S_IFIFO | 0644, 0), ENOTDIR,
		     "mknodat from a file's fd");
	expect_errno(mknodat(-1, "f", S_IFIFO | 0644, 0), EBADF,
		     "mknodat from fd -1");
	{
		char abs[4096 + 8];

		if (!getcwd(abs, 4096))
			abs[0] = '\0';
		strcat(abs, "/sub/h");
		CHECK(mknodat(-1, abs, S_IFIFO | 0644, 0) == 0 &&
			      !strcmp(file_type("sub/h"), "fifo"),
		      "mknodat of an absolute path does not look at the fd");
	}
	close(dfd);
	close(ffd);
	unlink("sub/f");
	unlink("sub/g");
	unlink("sub/h");
	rmdir("sub");

	{
		DIR *d = opendir(".");
		struct dirent *e;
		int type = -1;

		while (d && (e = readdir(d)))
			if (!strcmp(e->d_name, "p"))
				type = e->d_type;
		if (d)
			closedir(d);
		CHECK(type == DT_FIFO, "getdents64 says DT_FIFO for p");
	}
	unlink("r");
	unlink("r2");
	unlink("s");
	unlink("w");
	unlink("q");
	unlink("q2");
	unlink("dangling");
}

/* ------------------------------------------------ opening, O_NONBLOCK */

static void nonblocking(void)
{
	char buf[16];
	struct stat st;
	int rd, wr, rw;

	expect_errno(open("p", O_WRONLY | O_NONBLOCK), ENXIO,
		     "open O_WRONLY|O_NONBLOCK with no reader");
	rd = open("p", O_RDONLY | O_NONBLOCK);
	CHECK(rd >= 0, "open O_RDONLY|O_NONBLOCK with no writer: at once");
	CHECK(read(rd, buf, sizeof(buf)) == 0,
	      "read with no writer: 0 (end of file)");
	CHECK(!strcmp(poll_names(rd, POLLIN, 0), "none"),
	      "poll with no writer yet: %s (no POLLHUP before a writer came)",
	      poll_names(rd, POLLIN, 0));
	wr = open("p", O_WRONLY | O_NONBLOCK);
	CHECK(wr >= 0, "open O_WRONLY|O_NONBLOCK with a reader");
	CHECK(fcntl(wr, F_GETFL) & O_NONBLOCK, "the writer is O_NONBLOCK");
	expect_errno(read(rd, buf, sizeof(buf)), EAGAIN,
		     "read of an empty fifo with a writer, O_NONBLOCK");
	CHECK(!strcmp(poll_names(wr, POLLOUT, 0), "POLLOUT"),
	      "poll the writer: %s", poll_names(wr, POLLOUT, 0));
	CHECK(write(wr, "abc", 3) == 3, "write 3 bytes");
	CHECK(!strcmp(poll_names(rd, POLLIN, 0), "POLLIN"),
	      "poll the reader: %s", poll_names(rd, POLLIN, 0));
	CHECK(read(rd, buf, sizeof(buf)) == 3 && !memcmp(buf, "abc", 3),
	      "read them back");
	CHECK(fstat(rd, &st) == 0 && S_ISFIFO(st.st_mode) && st.st_size == 0,
	      "fstat of the reader: a fifo, size 0");
	expect_errno(lseek(rd, 0, SEEK_SET), ESPIPE, "lseek on a fifo");
	expect_errno(pread(rd, buf, 1, 0), ESPIPE, "pread on a fifo");
	expect_errno(pwrite(wr, "x", 1, 0), ESPIPE, "pwrite on a fifo");
	expect_errno(ftruncate(wr, 0), EINVAL, "ftruncate on a fifo");
	expect_errno(write(rd, "x", 1), EBADF, "write to the reader");
	expect_errno(read(wr, buf, 1), EBADF, "read from the writer");
	CHECK(write(wr, "de", 2) == 2, "write 2 more");
	close(wr);
	CHECK(!strcmp(poll_names(rd, POLLIN, 0), "POLLIN POLLHUP"),
	      "the writer gone, data left: %s", poll_names(rd, POLLIN, 0));
	CHECK(read(rd, buf, sizeof(buf)) == 2 && !memcmp(buf, "de", 2),
	      "what it wrote is still there");
	CHECK(read(rd, buf, sizeof(buf)) == 0, "then end of file");
	CHECK(!strcmp(poll_names(rd, POLLIN, 0), "POLLHUP"),
	      "poll after a writer came and went: %s",
	      poll_names(rd, POLLIN, 0));
	close(rd);

	/* O_RDWR opens at once, and talks to itself. */
	rw = open("p", O_RDWR);
	CHECK(rw >= 0, "open O_RDWR with nobody else: at once");
	CHECK(!strcmp(poll_names(rw, POLLIN | POLLOUT, 0), "POLLOUT"),
	      "poll O_RDWR, empty: %s", poll_names(rw, POLLIN | POLLOUT, 0));
	CHECK(write(rw, "self", 4) == 4 && read(rw, buf, sizeof(buf)) == 4 &&
		      !memcmp(buf, "self", 4),
	      "write and read back through one O_RDWR file");
	wr = open("p", O_WRONLY | O_NONBLOCK);
	CHECK(wr >= 0, "O_RDWR counts as a reader for O_WRONLY|O_NONBLOCK");
	CHECK(write(wr, "left", 4) == 4, "write 4 bytes and close everything");
	close(wr);
	close(rw);
	rw = open("p", O_RDWR | O_NONBLOCK);
	expect_errno(read(rw, buf, sizeof(buf)), EAGAIN,
		     "opened again, the fifo is empty: what was left is gone");
	close(rw);
	rw = open("p", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(rw >= 0 && !strcmp(file_type("p"), "fifo"),
	      "O_CREAT|O_TRUNC on a fifo opens it");
	close(rw);
	expect_errno(open("p", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST,
		     "O_CREAT|O_EXCL on a fifo");
}

/* -------------------------------------------------- opens that wait */

/* Child: open @path with @flags; then read to the end or write @msg;
 * exit 0 if all went as it should. */
static pid_t child_opens(int flags, const char *msg, long delay_ms)
{
	pid_t pid = fork();

	if (pid == 0) {
		char buf[64];
		int fd, n;

		nap_ms(delay_ms);
		fd = open("p", flags);
		if (fd < 0)
			_exit(2);
		if ((flags & O_ACCMODE) == O_WRONLY)
			_exit(write(fd, msg, strlen(msg)) == (long)strlen(msg) ? 0 : 3);
		n = (int)read(fd, buf, sizeof(buf));
		_exit(n == (int)strlen(msg) && !memcmp(buf, msg, strlen(msg)) &&
				      read(fd, buf, sizeof(buf)) == 0
			      ? 0
			      : 4);
	}
	return pid;
}

static void blocking(void)
{
	char buf[64];
	pid_t pid;
	int fd, n;

	/* A writer waits in open until a reader comes. */
	pid = child_opens(O_WRONLY, "from the writer", 0);
	nap_ms(200);
	CHECK(still_running(pid), "a writer's open waits for a reader");
	fd = open("p", O_RDONLY);
	CHECK(fd >= 0, "a reader opens");
	n = (int)read(fd, buf, sizeof(buf));
	CHECK(n == 15 && !memcmp(buf, "from the writer", 15),
	      "the reader reads what the writer wrote");
	CHECK(read(fd, buf, sizeof(buf)) == 0, "then end of file");
	CHECK(!strcmp(how_ended(reaped(pid)), "exit status 0"),
	      "the writer: exit status 0");
	close(fd);

	/* A reader waits in open until a writer comes. */
	pid = child_opens(O_RDONLY, "to the reader", 0);
	nap_ms(200);
	CHECK(still_running(pid), "a reader's open waits for a writer");
	fd = open("p", O_WRONLY);
	CHECK(fd >= 0, "a writer opens");
	CHECK(write(fd, "to the reader", 13) == 13, "and writes");
	close(fd);
	CHECK(!strcmp(how_ended(reaped(pid)), "exit status 0"),
	      "the reader read it, then end of file: exit status 0");

	/* A writer that opens and closes at once still lets the reader go:
	 * the reader then reads end of file. */
	pid = child_opens(O_RDONLY, "", 0);
	nap_ms(200);
	fd = open("p", O_WRONLY);
	close(fd);
	CHECK(!strcmp(how_ended(reaped(pid)), "exit status 0"),
	      "a writer came and went: the reader's open returns, and read "
	      "gives end of file");

	/* An O_NONBLOCK reader counts: a waiting writer goes on. */
	pid = child_opens(O_WRONLY, "x", 0);
	nap_ms(200);
	fd = open("p", O_RDONLY | O_NONBLOCK);
	n = -1;
	for (int i = 0; i < 50 && n <= 0; i++) {
		n = (int)read(fd, buf, sizeof(buf));
		if (n <= 0)
			nap_ms(20);
	}
	CHECK(n == 1 && buf[0] == 'x',
	      "an O_NONBLOCK reader lets a waiting writer go");
	CHECK(!strcmp(how_ended(reaped(pid)), "exit status 0"),
	      "the writer: exit status 0");
	close(fd);
}

/* ------------------------------------------------ EOF, EPIPE, poll */

static void as_a_pipe(void)
{
	struct sigaction sa = { .sa_handler = SIG_IGN }, old;
	char buf[8];
	pid_t pid;
	int rd, wr, status;
	fd_set set;
	struct timeval tv = { 5, 0 };

	/* No reader: EPIPE, and SIGPIPE ends a writer that does not
	 * ignore it. */
	rd = open("p", O_RDONLY | O_NONBLOCK);
	wr = open("p", O_WRONLY);
	close(rd);
	CHECK(!strcmp(poll_names(wr, POLLOUT, 0), "POLLOUT POLLERR"),
	      "poll the writer with no reader: %s", poll_names(wr, POLLOUT, 0));
	sigaction(SIGPIPE, &sa, &old);
	expect_errno(write(wr, "x", 1), EPIPE,
		     "write with no reader, SIGPIPE ignored");
	sigaction(SIGPIPE, &old, NULL);
	pid = fork();
	if (pid == 0) {
		write(wr, "x", 1);
		_exit(0);
	}
	status = reaped(pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
	      "a writer with SIGPIPE's default: %s", how_ended(status));
	close(wr);

	/* poll and select wait for a writer's data. */
	rd = open("p", O_RDONLY | O_NONBLOCK);
	pid = child_opens(O_WRONLY, "polled", 100);
	/* The writer may have closed by then (POLLHUP too): only POLLIN
	 * is the same every time. */
	CHECK(strstr(poll_names(rd, POLLIN, 5000), "POLLIN"),
	      "poll waits until a writer writes: POLLIN");
	CHECK(read(rd, buf, sizeof(buf)) == 6, "read what it wrote");
	reaped(pid);
	close(rd);
	rd = open("p", O_RDONLY | O_NONBLOCK);
	pid = child_opens(O_WRONLY, "selected", 100);
	FD_ZERO(&set);
	FD_SET(rd, &set);
	CHECK(select(rd + 1, &set, NULL, NULL, &tv) == 1 && FD_ISSET(rd, &set),
	      "select waits until a writer writes");
	reaped(pid);
	close(rd);
}

/* --------------------------------------------- interrupted opens */

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void alarm_in_ms(long ms)
{
	struct itimerval it = { { 0, 0 }, { ms / 1000, ms % 1000 * 1000 } };

	setitimer(ITIMER_REAL, &it, NULL);
}

static void interrupted(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	pid_t pid;
	int fd, status;

	sigaction(SIGALRM, &sa, NULL);
	alarms = 0;
	alarm_in_ms(100);
	fd = open("p", O_RDONLY);
	CHECK(fd == -1 && errno == EINTR && alarms == 1,
	      "a handler without SA_RESTART: open fails with %s",
	      result(fd));
	expect_errno(open("p", O_WRONLY | O_NONBLOCK), ENXIO,
		     "the interrupted reader is not a reader");

	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	alarms = 0;
	pid = child_opens(O_WRONLY, "late", 300);
	alarm_in_ms(100);
	fd = open("p", O_RDONLY);
	CHECK(fd >= 0 && alarms == 1,
	      "a handler with SA_RESTART: the open goes on, and returns when "
	      "a writer comes");
	reaped(pid);
	close(fd);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGALRM, &sa, NULL);

	/* Stopped and continued while waiting: the open goes on. */
	pid = child_opens(O_RDONLY, "after the stop", 0);
	nap_ms(100);
	kill(pid, SIGSTOP);
	CHECK(waitpid(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status),
	      "a reader waiting in open stops");
	kill(pid, SIGCONT);
	nap_ms(100);
	CHECK(still_running(pid), "continued, it waits again");
	fd = open("p", O_WRONLY);
	write(fd, "after the stop", 14);
	close(fd);
	CHECK(!strcmp(how_ended(reaped(pid)), "exit status 0"),
	      "a writer opens: the reader's open returns: exit status 0");

	/* Killed while waiting: nothing of it stays. */
	pid = child_opens(O_RDONLY, "", 0);
	nap_ms(100);
	kill(pid, SIGKILL);
	CHECK(!strcmp(how_ended(reaped(pid)), "killed by SIGKILL"),
	      "a reader killed in open: killed by SIGKILL");
	expect_errno(open("p", O_WRONLY | O_NONBLOCK), ENXIO,
		     "and it is not a reader any more");
	pid = child_opens(O_WRONLY, "", 0);
	nap_ms(100);
	kill(pid, SIGKILL);
	CHECK(!strcmp(how_ended(reaped(pid)), "killed by SIGKILL"),
	      "a writer killed in open: killed by SIGKILL");
	/* The fifo's pipe went with its last opener: a new reader has
	 * seen no writer come, so poll says nothing. */
	fd = open("p", O_RDONLY | O_NONBLOCK);
	CHECK(!strcmp(poll_names(fd, POLLIN, 0), "none"),
	      "a new reader then: poll says %s", poll_names(fd, POLLIN, 0));
	close(fd);
}

/* --------------------------------------------- unlink while open */

static void unlinked(void)
{
	struct stat st;
	char buf[8];
	int rw = open("p", O_RDWR);

	CHECK(unlink("p") == 0, "unlink the fifo while it is open");
	CHECK(!strcmp(file_type("p"), "ENOENT"), "the name is gone");
	CHECK(fstat(rw, &st) == 0 && S_ISFIFO(st.st_mode) && st.st_nlink == 0,
	      "fstat: still a fifo, no links");
	CHECK(write(rw, "still", 5) == 5 && read(rw, buf, sizeof(buf)) == 5 &&
		      !memcmp(buf, "still", 5),
	      "and it still carries data");
	close(rw);
	CHECK(mkfifo("p", 0644) == 0, "a new fifo under the old name");
	rw = open("p", O_RDWR | O_NONBLOCK);
	expect_errno(read(rw, buf, sizeof(buf)), EAGAIN, "it is empty");
	close(rw);
	unlink("p");
}

int main(void)
{
	check_start();
	if (mkdir("m-fifo.d", 0755) || chdir("m-fifo.d")) {
		printf("m-fifo: cannot make m-fifo.d: %s\n", errno_name(errno));
		return 1;
	}
	making();
	nonblocking();
	blocking();
	as_a_pipe();
	interrupted();
	unlinked();
	chdir("..");
	CHECK(rmdir("m-fifo.d") == 0, "everything removed");
	return check_finish("m-fifo");
}
