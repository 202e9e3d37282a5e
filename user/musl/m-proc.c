// SPDX-License-Identifier: MIT
/*
 * m-proc: /proc, here and on Linux. Only what must be the same on both
 * is printed: never a pid, a time or an amount of memory, but whether
 * /proc agrees with the system calls that say the same thing (stat's
 * pid, ppid, pgrp and session with getpid(), getppid(), getpgrp() and
 * getsid(); meminfo's MemTotal with sysinfo; cmdline with argv), the
 * formats, and the errors Linux gives for what /proc refuses.
 *
 * On Linux the runner starts this program from build/user/musl as
 * "m-proc", here the kernel starts /bin/m-proc in /bin: either way
 * /proc/self/exe is the working directory and argv[0] put together.
 * Files go in /tmp, which both have. Run as "m-proc --zombie" it is
 * the child that ends and is looked at. The checks of maps and limits
 * are in m-proc/maps.c.
 */
#define _GNU_SOURCE /* sendfile */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "m-proc/proc.h"

static char text[65536];

/* The whole of file @path into text[], NUL-terminated: its length, or
 * -1 with errno. */
static long slurp(const char *path)
{
	int fd = open(path, O_RDONLY);
	long n = 0, r;

	if (fd < 0)
		return -1;
	while ((r = read(fd, text + n, sizeof(text) - 1 - (size_t)n)) > 0)
		n += r;
	close(fd);
	if (r < 0)
		return -1;
	text[n] = '\0';
	return n;
}

/* The errno of a write of one byte to @path opened for writing (or of
 * the open), "no error" if it worked. */
static const char *write_errno(const char *path)
{
	int fd = open(path, O_WRONLY);
	int e = 0;

	if (fd < 0)
		return errno_name(errno);
	if (write(fd, "1", 1) < 0)
		e = errno;
	close(fd);
	return errno_name(e);
}

/* The line of text[] that starts with @key, or NULL. */
static const char *line_of(const char *key)
{
	size_t len = strlen(key);

	for (const char *p = text; *p; p = strchr(p, '\n') + 1) {
		if (!strncmp(p, key, len))
			return p;
		if (!strchr(p, '\n'))
			break;
	}
	return NULL;
}

/* --- stat and status ----------------------------------------------------- */

/* The fields of a stat line after "pid (comm) ": how many there are. */
static int stat_fields(const char *line, char *state, long long *f, int max)
{
	const char *p = strrchr(line, ')');
	int n = 0;

	if (!p || p[1] != ' ')
		return 0;
	p += 2;
	*state = *p;
	p += 1;
	while (*p == ' ' && n < max) {
		char *end;

		f[n++] = strtoll(p + 1, &end, 10);
		p = end;
	}
	return n + 3; /* and pid, comm, state */
}

static void own_stat(void)
{
	long long f[60];
	char state = 0, comm[32] = "";
	char want[64];
	int n;

	CHECK(slurp("/proc/self/stat") > 0, "read /proc/self/stat");
	n = stat_fields(text, &state, f, 60);
	sscanf(text, "%*d (%31[^)])", comm);
	CHECK(atoi(text) == getpid(), "stat: pid is getpid()");
	CHECK(!strcmp(comm, "m-proc"), "stat: comm is m-proc");
	CHECK(n == 52, "stat: 52 fields");
	CHECK(state == 'R', "stat: state R (reading its own stat)");
	/* f[0] is field 4 */
	CHECK(f[0] == getppid(), "stat: ppid is getppid()");
	CHECK(f[1] == getpgrp(), "stat: pgrp is getpgrp()");
	CHECK(f[2] == getsid(0), "stat: session is getsid(0)");
	CHECK(f[16] == 1, "stat: num_threads is 1");
	CHECK(f[19] > 0, "stat: vsize > 0");
	CHECK(f[18] >= 0, "stat: starttime >= 0");

	CHECK(slurp("/proc/self/status") > 0, "read /proc/self/status");
	CHECK(!strncmp(text, "Name:\tm-proc\n", 13), "status: first line Name:\\tm-proc");
	snprintf(want, sizeof(want), "Pid:\t%d\n", getpid());
	CHECK(line_of("Pid:") && !strncmp(line_of("Pid:"), want, strlen(want)),
	      "status: Pid is getpid()");
	snprintf(want, sizeof(want), "PPid:\t%d\n", getppid());
	CHECK(line_of("PPid:") && !strncmp(line_of("PPid:"), want, strlen(want)),
	      "status: PPid is getppid()");
	snprintf(want, sizeof(want), "Uid:\t%d\t%d\t%d\t%d\n", getuid(), geteuid(),
		 getuid(), geteuid());
	CHECK(line_of("Uid:") && !strncmp(line_of("Uid:"), want, strlen(want)),
	      "status: Uid from getuid()");
	CHECK(line_of("State:\tR (running)\n") != NULL, "status: State R (running)");
	CHECK(line_of("Threads:\t1\n") != NULL, "status: Threads 1");
	CHECK(line_of("VmRSS:") != NULL && line_of("SigBlk:\t") != NULL,
	      "status: VmRSS and SigBlk lines");
	CHECK(slurp("/proc/self/statm") > 0 &&
	      sscanf(text, "%lld %lld", &f[0], &f[1]) == 2 && f[0] >= f[1] &&
	      f[1] > 0, "statm: size >= resident > 0");
}

/* --- cmdline, comm, exe, cwd ---------------------------------------------- */

static void own_strings(int argc, char **argv)
{
	char buf[PATH_MAX], cwd[PATH_MAX], want[PATH_MAX + 16];
	struct stat a, b;
	long n = slurp("/proc/self/cmdline");
	size_t len = 0;
	int fd;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	CHECK(n == (long)len && !memcmp(text, argv[0], len),
	      "cmdline: argv, a NUL after each");
	fd = open("/proc/self/cmdline", O_RDONLY);
	CHECK(pread(fd, buf, 3, 1) == 3 && !memcmp(buf, argv[0] + 1, 3),
	      "pread of cmdline at 1");
	close(fd);
	CHECK(slurp("/proc/self/environ") == 0, "environ: empty, as given");
	CHECK(slurp("/proc/self/comm") > 0 && !strcmp(text, "m-proc\n"),
	      "comm: m-proc");
	CHECK(!strcmp(write_errno("/proc/self/comm"), "no error") &&
	      slurp("/proc/self/comm") > 0 && !strcmp(text, "1\n") &&
	      prctl(PR_GET_NAME, buf) == 0 && !strcmp(buf, "1"),
	      "writing comm renames, as prctl");
	prctl(PR_SET_NAME, "m-proc");

	getcwd(cwd, sizeof(cwd));
	snprintf(want, sizeof(want), "%s/%s", cwd, argv[0]);
	n = readlink("/proc/self/exe", buf, sizeof(buf));
	CHECK(n > 0 && (size_t)n == strlen(want) && !memcmp(buf, want, (size_t)n),
	      "exe: the working directory and argv[0]");
	CHECK(stat("/proc/self/exe", &a) == 0 && stat(argv[0], &b) == 0 &&
	      a.st_ino == b.st_ino && a.st_dev == b.st_dev,
	      "exe followed: the program file itself");
	CHECK(lstat("/proc/self/exe", &a) == 0 && S_ISLNK(a.st_mode),
	      "exe: a symlink to lstat");
	n = readlink("/proc/self/cwd", buf, sizeof(buf));
	CHECK(n > 0 && (size_t)n == strlen(cwd) && !memcmp(buf, cwd, (size_t)n),
	      "cwd: getcwd()");
	n = readlink("/proc/self/root", buf, sizeof(buf));
	CHECK(n == 1 && buf[0] == '/', "root: /");
	snprintf(want, sizeof(want), "%d", getpid());
	n = readlink("/proc/self", buf, sizeof(buf));
	CHECK(n == (long)strlen(want) && !memcmp(buf, want, (size_t)n),
	      "/proc/self: the process id");
	snprintf(want, sizeof(want), "%d/task/%d", getpid(), (int)gettid());
	n = readlink("/proc/thread-self", buf, sizeof(buf));
	CHECK(n == (long)strlen(want) && !memcmp(buf, want, (size_t)n),
	      "/proc/thread-self: pid/task/tid");
	snprintf(want, sizeof(want), "/proc/%d", getpid());
	CHECK(chdir("/proc/self") == 0 && getcwd(buf, sizeof(buf)) &&
	      !strcmp(buf, want), "chdir /proc/self: getcwd is /proc/PID");
	CHECK(chdir("/proc/self/cwd") == 0 && getcwd(buf, sizeof(buf)) &&
	      !strcmp(buf, want), "chdir through the cwd link: still there");
	chdir(cwd);
}

/* --- descriptors ------------------------------------------------------------ */

static long fd_link(int fd, char *buf, size_t size)
{
	char path[64];
	long n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

/* Is @name in directory @path, and how many times? */
static int listed(const char *path, const char *name)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int times = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		times += !strcmp(e->d_name, name);
	closedir(d);
	return times;
}

static void descriptors(void)
{
	char buf[PATH_MAX], want[PATH_MAX], path[64];
	struct stat st;
	int p[2], fd, dir, null, again;
	long n;

	pipe(p);
	fstat(p[0], &st);
	snprintf(want, sizeof(want), "pipe:[%llu]", (unsigned long long)st.st_ino);
	CHECK(fd_link(p[0], buf, sizeof(buf)) > 0 && !strcmp(buf, want),
	      "fd of a pipe: pipe:[its st_ino]");
	fd_link(p[1], buf, sizeof(buf));
	CHECK(!strcmp(buf, want), "both ends: the same pipe");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	CHECK(lstat(path, &st) == 0 && (st.st_mode & 0777) == 0500,
	      "a read end's link: r-x");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
	CHECK(lstat(path, &st) == 0 && (st.st_mode & 0777) == 0300,
	      "a write end's link: -wx");

	snprintf(want, sizeof(want), "/tmp/m-proc.%d", getpid());
	fd = open(want, O_CREAT | O_RDWR | O_TRUNC, 0600);
	write(fd, "contents\n", 9);
	CHECK(fd_link(fd, buf, sizeof(buf)) > 0 && !strcmp(buf, want),
	      "fd of a file: its path");
	null = open("/dev/null", O_WRONLY);
	CHECK(fd_link(null, buf, sizeof(buf)) > 0 && !strcmp(buf, "/dev/null"),
	      "fd of /dev/null");
	dir = open("/tmp", O_RDONLY | O_DIRECTORY);
	CHECK(fd_link(dir, buf, sizeof(buf)) > 0 && !strcmp(buf, "/tmp"),
	      "fd of a directory");
	/* 100: not a number opendir could take for itself */
	CHECK(dup2(fd, 100) == 100 && listed("/proc/self/fd", "100") == 1,
	      "fd/ lists an open descriptor once");

	unlink(want);
	strcat(want, " (deleted)");
	CHECK(fd_link(fd, buf, sizeof(buf)) > 0 && !strcmp(buf, want),
	      "fd of a file removed: (deleted)");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	again = open(path, O_RDONLY);
	CHECK(again >= 0 && read(again, buf, 9) == 9 && !memcmp(buf, "contents\n", 9),
	      "opening the link of a removed file opens the file");
	close(again);
	close(fd);
	close(100);
	CHECK(listed("/proc/self/fd", "100") == 0, "a closed descriptor is not listed");
	CHECK(fd_link(100, buf, sizeof(buf)) < 0 && errno == ENOENT,
	      "readlink of a closed one: ENOENT");
	close(null);
	close(dir);

	/* sendfile: from the system's files, not from a process's (Linux's
	 * have no splice_read) */
	fd = open("/proc/version", O_RDONLY);
	n = sendfile(p[1], fd, NULL, sizeof(buf));
	CHECK(n > 0 && read(p[0], buf, sizeof(buf)) == n && slurp("/proc/version") == n &&
	      !memcmp(buf, text, (size_t)n), "sendfile from /proc/version: its text");
	close(fd);
	fd = open("/proc/self/comm", O_RDONLY);
	CHECK(sendfile(p[1], fd, NULL, 100) < 0 && errno == EINVAL,
	      "sendfile from /proc/self/comm: EINVAL");
	close(fd);
	close(p[0]);
	close(p[1]);
}

/* --- the directory ------------------------------------------------------------ */

static void the_directory(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	char me[16];
	int mine = 0, self = 0, meminfo = 0, last = 0, ordered = 1;

	snprintf(me, sizeof(me), "%d", getpid());
	while (d && (e = readdir(d))) {
		char *end;
		long n = strtol(e->d_name, &end, 10);

		mine += !strcmp(e->d_name, me);
		self += !strcmp(e->d_name, "self");
		meminfo += !strcmp(e->d_name, "meminfo");
		if (!*end && end != e->d_name) {
			ordered &= n > last && e->d_type == DT_DIR;
			last = (int)n;
		}
	}
	if (d)
		closedir(d);
	CHECK(mine == 1 && self == 1 && meminfo == 1,
	      "/proc lists this process, self and meminfo once each");
	CHECK(ordered, "processes listed in increasing order, as directories");
	CHECK(listed("/proc/self", "stat") == 1 && listed("/proc/self", "exe") == 1 &&
	      listed("/proc/self", "fd") == 1 && listed("/proc/self", "cmdline") == 1,
	      "/proc/self lists stat, exe, fd, cmdline");
	CHECK(listed("/proc/self/task", me) == 1, "task/ lists the one thread");
}

/* --- the system's files --------------------------------------------------------- */

static unsigned long long meminfo(const char *key, int *ok)
{
	const char *l = line_of(key);
	char want[64];
	unsigned long long kb = 0;

	if (!l || sscanf(l + strlen(key), "%llu kB", &kb) != 1) {
		*ok = 0;
		return 0;
	}
	/* Linux's layout: the name and colon in 16 columns, the number
	 * right-aligned in 8 more */
	snprintf(want, sizeof(want), "%-16s%8llu kB\n", key, kb);
	*ok &= !strncmp(l, want, strlen(want));
	return kb;
}

static void system_files(void)
{
	static const char *keys[] = { "MemTotal:", "MemFree:", "MemAvailable:",
				      "Buffers:", "Cached:", "SwapTotal:",
				      "SwapFree:", "Shmem:", "SReclaimable:" };
	struct sysinfo si;
	struct utsname u;
	double up, idle;
	unsigned long long total = 0, free = 0, procs = 0;
	long long btime = 0, skew;
	int ok = 1, running = 0, threads = 0, last = 0;
	char want[128];

	sysinfo(&si);
	uname(&u);
	CHECK(slurp("/proc/meminfo") > 0, "read /proc/meminfo");
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		meminfo(keys[i], &ok);
	CHECK(ok, "meminfo: MemTotal ... SReclaimable, in Linux's layout");
	total = meminfo("MemTotal:", &ok);
	free = meminfo("MemFree:", &ok);
	CHECK(total * 1024 == (unsigned long long)si.totalram * si.mem_unit &&
	      free <= total, "meminfo: MemTotal is sysinfo's, MemFree below it");

	CHECK(slurp("/proc/uptime") > 0 && sscanf(text, "%lf %lf", &up, &idle) == 2 &&
	      up >= (double)si.uptime - 2 && up <= (double)si.uptime + 2 &&
	      idle >= 0, "uptime: sysinfo's, and idle time");
	CHECK(slurp("/proc/loadavg") > 0 &&
	      sscanf(text, "%*f %*f %*f %d/%d %d", &running, &threads, &last) == 3 &&
	      running >= 1 && threads >= running && last > 0,
	      "loadavg: three averages, running/threads, last pid");
	CHECK(slurp("/proc/stat") > 0 && !strncmp(text, "cpu  ", 5), "stat: cpu line");
	if (line_of("btime "))
		sscanf(line_of("btime "), "btime %lld", &btime);
	skew = btime - ((long long)time(NULL) - si.uptime);
	CHECK(btime > 0 && skew >= -2 && skew <= 2,
	      "stat: btime is now less the uptime");
	CHECK(line_of("processes ") &&
	      sscanf(line_of("processes "), "processes %llu", &procs) == 1 &&
	      procs >= 1 && line_of("procs_running ") && line_of("ctxt "),
	      "stat: processes, procs_running, ctxt");
	CHECK(slurp("/proc/version") > 0 && !strncmp(text, "Linux version ", 14),
	      "version: Linux version ...");
	CHECK(slurp("/proc/cpuinfo") > 0 && !strncmp(text, "processor\t: 0\n", 14) &&
	      line_of("flags\t\t:") && line_of("model name\t: "),
	      "cpuinfo: processor 0, model name, flags");
	CHECK(slurp("/proc/mounts") > 0 && strstr(text, " /proc proc "),
	      "mounts: /proc is proc");
	CHECK(slurp("/proc/filesystems") > 0 && strstr(text, "nodev\tproc\n"),
	      "filesystems: nodev proc");
	CHECK(slurp("/proc/sys/kernel/ostype") > 0 && !strcmp(text, "Linux\n"),
	      "sys/kernel/ostype: Linux");
	snprintf(want, sizeof(want), "%s\n", u.release);
	CHECK(slurp("/proc/sys/kernel/osrelease") > 0 && !strcmp(text, want),
	      "sys/kernel/osrelease: uname's");
	snprintf(want, sizeof(want), "%s\n", u.nodename);
	CHECK(slurp("/proc/sys/kernel/hostname") > 0 && !strcmp(text, want),
	      "sys/kernel/hostname: uname's");
}

/* --- what /proc refuses ----------------------------------------------------------- */

static void refusals(void)
{
	char tmp[64];
	int fd;

	CHECK(!strcmp(write_errno("/proc/meminfo"), "EIO"), "write meminfo: EIO");
	CHECK(!strcmp(write_errno("/proc/self/stat"), "EINVAL"),
	      "write self/stat: EINVAL");
	CHECK(!strcmp(write_errno("/proc/self/cmdline"), "EINVAL"),
	      "write self/cmdline: EINVAL");
	CHECK(!strcmp(write_errno("/proc/sys/kernel/osrelease"), "EACCES"),
	      "open sys/kernel/osrelease for writing: EACCES");
	CHECK(open("/proc/nosuch", O_RDONLY) < 0 && errno == ENOENT,
	      "open a missing name: ENOENT");
	CHECK(open("/proc/nosuch", O_CREAT | O_WRONLY, 0644) < 0 && errno == ENOENT,
	      "create in /proc: ENOENT");
	CHECK(open("/proc/meminfo", O_CREAT | O_EXCL | O_WRONLY, 0644) < 0 &&
	      errno == EEXIST, "O_EXCL on meminfo: EEXIST");
	CHECK(mkdir("/proc/d", 0755) < 0 && errno == ENOENT, "mkdir in /proc: ENOENT");
	CHECK(mkdir("/proc/self", 0755) < 0 && errno == EEXIST,
	      "mkdir /proc/self: EEXIST");
	CHECK(symlink("x", "/proc/self/y") < 0 && errno == ENOENT,
	      "symlink in /proc/self: ENOENT");
	CHECK(unlink("/proc/meminfo") < 0 && errno == EPERM, "unlink meminfo: EPERM");
	CHECK(rmdir("/proc/self") < 0 && errno == ENOTDIR, "rmdir /proc/self: ENOTDIR");
	CHECK(rmdir("/proc/self/fd") < 0 && errno == EPERM, "rmdir self/fd: EPERM");
	CHECK(rename("/proc/meminfo", "/proc/uptime") < 0 && errno == EPERM,
	      "rename within /proc: EPERM");
	snprintf(tmp, sizeof(tmp), "/tmp/m-proc-r.%d", getpid());
	CHECK(rename("/proc/meminfo", tmp) < 0 && errno == EXDEV,
	      "rename out of /proc: EXDEV");
	CHECK(chmod("/proc/self/stat", 0600) < 0 && errno == EPERM,
	      "chmod self/stat: EPERM");
	fd = open("/proc/self/fd", O_WRONLY);
	CHECK(fd < 0 && errno == EISDIR, "open self/fd for writing: EISDIR");
	CHECK(opendir("/proc/meminfo") == NULL && errno == ENOTDIR,
	      "opendir meminfo: ENOTDIR");
}

/* --- another process: a zombie, then gone -------------------------------------------- */

static void another_process(char **argv)
{
	char path[64], state = 0;
	long long f[60];
	int pid = fork(), fd, status;
	struct timespec start, now;

	if (pid == 0) {
		execl(argv[0], argv[0], "--zombie", (char *)NULL);
		_exit(99);
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	clock_gettime(CLOCK_MONOTONIC, &start);
	do { /* until it has ended: a zombie */
		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (slurp(path) <= 0 || !stat_fields(text, &state, f, 60))
			break;
	} while (state != 'Z' && now.tv_sec - start.tv_sec < 10);
	CHECK(state == 'Z', "an ended child's stat: state Z");
	CHECK(f[0] == getpid(), "its ppid: this process");
	CHECK(strstr(text, "(m-proc) ") != NULL, "its comm: m-proc");
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	CHECK(slurp(path) > 0 && line_of("State:\tZ (zombie)\n"),
	      "its status: Z (zombie)");
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	CHECK(slurp(path) == 0, "its cmdline: empty (no memory left)");
	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	CHECK(readlink(path, text, 100) < 0 && errno == ENOENT, "its exe: ENOENT");
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "it exited with 7");
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	CHECK(open(path, O_RDONLY) < 0 && errno == ENOENT,
	      "once collected: /proc/PID/stat is ENOENT");
	CHECK(read(fd, text, 100) < 0 && errno == ESRCH,
	      "its stat opened before: reading is ESRCH");
	close(fd);
}

/* musl's fexecve: execveat, or where that is ENOSYS (here), execve of
 * /proc/self/fd/N, whose link leads to the open file. */
static void by_descriptor(char **argv)
{
	char *args[] = { argv[0], "--zombie", NULL };
	int status, pid = fork();

	if (pid == 0) {
		int fd = open(argv[0], O_RDONLY | O_CLOEXEC);

		fexecve(fd, args, (char *[]){ NULL });
		_exit(99);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "fexecve runs the program (%s)", how_ended(status));
}

/* --- a thread ------------------------------------------------------------------------ */

static volatile int thread_tid, thread_go;

static void *thread_main(void *arg)
{
	(void)arg;
	prctl(PR_SET_NAME, "m-proc-thread");
	thread_tid = (int)gettid();
	while (!thread_go)
		sched_yield();
	return NULL;
}

static void a_thread(void)
{
	pthread_t t;
	char path[96], name[16];

	pthread_create(&t, NULL, thread_main, NULL);
	while (!thread_tid)
		sched_yield();
	CHECK(slurp("/proc/self/status") > 0 && line_of("Threads:\t2\n"),
	      "with a thread: Threads 2");
	snprintf(name, sizeof(name), "%d", thread_tid);
	CHECK(listed("/proc/self/task", name) == 1, "task/ lists the thread");
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", thread_tid);
	CHECK(slurp(path) > 0 && atoi(text) == thread_tid &&
	      strstr(text, "(m-proc-thread) "), "task/TID/stat: its tid and name");
	snprintf(path, sizeof(path), "/proc/self/task/%d/comm", thread_tid);
	CHECK(slurp(path) > 0 && !strcmp(text, "m-proc-thread\n"),
	      "task/TID/comm: its name");
	snprintf(path, sizeof(path), "/proc/self/task/%d/task", thread_tid);
	CHECK(access(path, F_OK) < 0 && errno == ENOENT, "task/TID has no task/");
	CHECK(slurp("/proc/self/comm") > 0 && !strcmp(text, "m-proc\n"),
	      "the process's comm: its first thread's");
	thread_go = 1;
	pthread_join(t, NULL);
	for (int i = 0; i < 1000 && listed("/proc/self/task", name); i++)
		sched_yield(); /* Linux may let it go just after the join */
	CHECK(listed("/proc/self/task", name) == 0, "joined: gone from task/");
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--zombie"))
		return 7;
	check_start();
	own_stat();
	own_strings(argc, argv);
	descriptors();
	the_directory();
	system_files();
	refusals();
	another_process(argv);
	by_descriptor(argv);
	a_thread();
	check_failures += maps_and_limits(); /* last: it lowers limits */
	return check_finish("m-proc");
}
