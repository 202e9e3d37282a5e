// SPDX-License-Identifier: MIT
/*
 * m-proc's checks of /proc/PID/maps and /proc/PID/limits (user/musl/
 * m-proc.c). Addresses, devices and inode numbers differ between Linux
 * and this kernel, so what is printed is what must agree: that every
 * line has Linux's format, which lines there are of the kinds both
 * kernels have, their permissions, and that the numbers agree with what
 * the system calls say (stat of the program, getrlimit). Linux's
 * [vdso], [vvar] and [vsyscall] are not looked at: this kernel has none.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"
#include "proc.h"

static char maps[16384];

/* The whole of @path into @buf (@size bytes), NUL-terminated: its
 * length, or -1. */
static long read_all(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n = 0, r;

	if (fd < 0)
		return -1;
	while ((r = read(fd, buf + n, size - 1 - (size_t)n)) > 0)
		n += r;
	close(fd);
	buf[n] = '\0';
	return r < 0 ? -1 : n;
}

/* One line of maps, taken apart. */
struct region {
	unsigned long start, end, ino;
	unsigned long long offset;
	unsigned int major, minor;
	char perms[5];
	const char *name; /* "" for none */
	size_t name_len;
};

/*
 * Parse the line at @line as Linux prints it (show_map_vma): the
 * fields, then one space, then either the end of the line or spaces up
 * to column 73 (none more if the fields reach past it) and a name.
 * False if it is not so.
 */
static bool parse_region(const char *line, struct region *r)
{
	const char *nl = strchr(line, '\n'), *name;
	int n = -1;

	if (!nl || sscanf(line, "%lx-%lx %4s %llx %x:%x %lu%n", &r->start,
			  &r->end, r->perms, &r->offset, &r->major, &r->minor,
			  &r->ino, &n) != 7 || n < 0 || line[n] != ' ')
		return false;
	name = line + n + 1;
	while (name < nl && *name == ' ')
		name++;
	r->name = name;
	r->name_len = (size_t)(nl - name);
	if (r->name_len == 0)
		return name == line + n + 1; /* no name: a single space */
	return name - line == (n + 1 > 73 ? n + 1 : 73);
}

/* The lines of maps[] whose name is @name. */
static int count_named(const char *name)
{
	struct region r;
	int count = 0;

	for (const char *p = maps; *p; p = strchr(p, '\n') + 1)
		if (parse_region(p, &r) && r.name_len == strlen(name) &&
		    !memcmp(r.name, name, r.name_len))
			count++;
	return count;
}

/* The region holding @addr, as maps[] shows it; false if none does. */
static bool region_of(const void *addr, struct region *r)
{
	unsigned long a = (unsigned long)addr;

	for (const char *p = maps; *p; p = strchr(p, '\n') + 1)
		if (parse_region(p, r) && r->start <= a && a < r->end)
			return true;
	return false;
}

/* Read /proc/self/maps anew; false if it could not be. */
static bool reread(void)
{
	return read_all("/proc/self/maps", maps, sizeof(maps)) > 0;
}

static int initialized = 5; /* in .data */

static void own_maps(void)
{
	char exe[PATH_MAX], perms[64] = "", *heap_top;
	struct region r;
	struct stat st;
	long n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	bool parsed = reread(), same_file = true;
	int lines = 0;

	exe[n > 0 ? n : 0] = '\0';
	for (const char *p = maps; *p; p = strchr(p, '\n') + 1, lines++)
		parsed = parsed && parse_region(p, &r);
	CHECK(parsed && lines > 0, "maps: every line in Linux's format");

	/* The program's own lines: its segments, in order. */
	stat("/proc/self/exe", &st);
	for (const char *p = maps; *p; p = strchr(p, '\n') + 1) {
		if (!parse_region(p, &r) || r.name_len != strlen(exe) ||
		    memcmp(r.name, exe, r.name_len))
			continue;
		strncat(perms, r.perms, sizeof(perms) - strlen(perms) - 6);
		strcat(perms, " ");
		same_file = same_file && r.major == major(st.st_dev) &&
			    r.minor == minor(st.st_dev) && r.ino == st.st_ino &&
			    r.offset % 4096 == 0;
	}
	printf("maps: the program's segments: %s\n", perms);
	CHECK(same_file, "maps: their dev:inode is stat's of the program");

	/* A heap once brk has grown it; the stack. */
	/* (musl may have put a thread's stack, with its guard page, on
	 * the heap before: more [heap] lines, on both.) */
	heap_top = (char *)syscall(SYS_brk, syscall(SYS_brk, 0) + 8192) - 1;
	CHECK(reread() && count_named("[heap]") >= 1 && region_of(heap_top, &r) &&
	      !strcmp(r.perms, "rw-p") && r.name_len == 6 &&
	      !memcmp(r.name, "[heap]", 6), "maps: the top of brk is [heap], rw-p");
	CHECK(count_named("[stack]") == 1, "maps: one [stack]");
	CHECK(region_of(&initialized, &r) && !strcmp(r.perms, "rw-p"),
	      "maps: a variable's region is rw-p");
	CHECK(region_of(&r, &r) && !strcmp(r.perms, "rw-p") &&
	      r.name_len == 7 && !memcmp(r.name, "[stack]", 7),
	      "maps: a local's region is the [stack]");
}

static void mappings(void)
{
	struct region r;
	char *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *three = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(reread() && region_of(shared, &r) && !strcmp(r.perms, "rw-s") &&
	      r.offset == 0, "maps: a MAP_SHARED page is rw-s at offset 0");
	CHECK(region_of(three, &r) && !strcmp(r.perms, "rw-p") &&
	      r.name_len == 0 && r.start <= (unsigned long)three &&
	      r.end >= (unsigned long)three + 3 * 4096,
	      "maps: private anonymous memory: rw-p, no name");
	mprotect(three + 4096, 4096, PROT_READ);
	CHECK(reread() && region_of(three + 4096, &r) &&
	      !strcmp(r.perms, "r--p") && r.start == (unsigned long)three + 4096 &&
	      r.end == (unsigned long)three + 8192,
	      "maps: mprotect of the middle page: a r--p line of its own");
	mprotect(three + 4096, 4096, PROT_READ | PROT_WRITE);
	CHECK(reread() && region_of(three, &r) && r.start <= (unsigned long)three &&
	      r.end >= (unsigned long)three + 3 * 4096,
	      "maps: and back: one line again");
	munmap(shared, 4096);
	munmap(three, 3 * 4096);
	CHECK(reread() && !region_of(shared, &r) && !region_of(three + 4096, &r),
	      "maps: after munmap the lines are gone");
}

/* Reading in small pieces and from an offset gives the same text. */
static void pieces(void)
{
	static char bytewise[sizeof(maps)];
	int fd = open("/proc/self/maps", O_RDONLY);
	long n = 0, whole;
	char part[8];

	whole = read_all("/proc/self/maps", maps, sizeof(maps));
	while (n < (long)sizeof(bytewise) - 1 && read(fd, bytewise + n, 1) == 1)
		n++;
	bytewise[n] = '\0';
	CHECK(whole > 0 && n == whole && !strcmp(bytewise, maps),
	      "maps read a byte at a time: the same text");
	CHECK(lseek(fd, 10, SEEK_SET) == 10 && read(fd, part, 5) == 5 &&
	      !memcmp(part, maps + 10, 5), "maps: lseek to 10 and read 5");
	close(fd);
}

/* A child's maps: empty once it has ended (a zombie has no memory), and
 * through a descriptor opened while it ran, ESRCH once it is collected,
 * like every file of a process that has gone. */
static void ended_child(void)
{
	char path[64], stat_text[256];
	int go[2], status, fd, pid;
	struct timespec start, now;

	if (pipe(go) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		char c;

		close(go[1]);
		read(go[0], &c, 1);
		_exit(0);
	}
	close(go[0]);
	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	fd = open(path, O_RDONLY);
	CHECK(read_all(path, maps, sizeof(maps)) > 0 && count_named("[stack]") == 1,
	      "a running child's maps: its [stack]");
	close(go[1]); /* it ends */
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	clock_gettime(CLOCK_MONOTONIC, &start);
	do { /* until it is a zombie */
		char *paren;

		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (read_all(path, stat_text, sizeof(stat_text)) <= 0 ||
		    !(paren = strrchr(stat_text, ')')))
			break;
		if (paren[2] == 'Z')
			break;
	} while (now.tv_sec - start.tv_sec < 10);
	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	CHECK(read_all(path, maps, sizeof(maps)) == 0, "a zombie's maps: empty");
	waitpid(pid, &status, 0);
	CHECK(fd >= 0 && read(fd, maps, sizeof(maps)) < 0 && errno == ESRCH,
	      "maps opened before it was collected: reading is ESRCH");
	close(fd);
}

/* --- limits --------------------------------------------------------------------- */

/* Linux's names and units (fs/proc/base.c); "" for none. */
static const char *const limit_rows[][2] = {
	{ "Max cpu time", "seconds" },	   { "Max file size", "bytes" },
	{ "Max data size", "bytes" },	   { "Max stack size", "bytes" },
	{ "Max core file size", "bytes" }, { "Max resident set", "bytes" },
	{ "Max processes", "processes" },  { "Max open files", "files" },
	{ "Max locked memory", "bytes" },  { "Max address space", "bytes" },
	{ "Max file locks", "locks" },	   { "Max pending signals", "signals" },
	{ "Max msgqueue size", "bytes" },  { "Max nice priority", "" },
	{ "Max realtime priority", "" },   { "Max realtime timeout", "us" },
};

/* One value in its column of 20 and a space, appended to @line. */
static void limit_column(char *line, size_t size, rlim_t v)
{
	size_t len = strlen(line);

	if (v == RLIM_INFINITY)
		snprintf(line + len, size - len, "%-20s ", "unlimited");
	else
		snprintf(line + len, size - len, "%-20llu ", (unsigned long long)v);
}

/* Does the limits text in maps[] say what getrlimit says, row by row? */
static bool limits_agree(void)
{
	const char *p = strchr(maps, '\n');

	for (int i = 0; i < 16 && p; i++, p = strchr(p, '\n')) {
		struct rlimit rl;
		char want[128];

		p++;
		getrlimit(i, &rl);
		snprintf(want, sizeof(want), "%-25s ", limit_rows[i][0]);
		limit_column(want, sizeof(want), rl.rlim_cur);
		limit_column(want, sizeof(want), rl.rlim_max);
		if (*limit_rows[i][1])
			snprintf(want + strlen(want), sizeof(want) - strlen(want),
				 "%-10s", limit_rows[i][1]);
		strcat(want, "\n");
		if (strncmp(p, want, strlen(want)))
			return false;
	}
	return p && p[1] == '\0';
}

static void limits(void)
{
	struct rlimit files = { 64, 128 }, stack = { 4 << 20, 8 << 20 };

	static const char header[] = "Limit                     Soft Limit  "
				     "         Hard Limit           Units     \n";

	CHECK(read_all("/proc/self/limits", maps, sizeof(maps)) > 0 &&
	      !strncmp(maps, header, sizeof(header) - 1),
	      "limits: Linux's header");
	CHECK(limits_agree(), "limits: every row is getrlimit's");
	setrlimit(RLIMIT_NOFILE, &files);
	setrlimit(RLIMIT_STACK, &stack);
	CHECK(read_all("/proc/self/limits", maps, sizeof(maps)) > 0 &&
	      strstr(maps, "\nMax open files            64                   "
			   "128                  files     \n"),
	      "limits after setrlimit: NOFILE 64 128");
	CHECK(strstr(maps, "\nMax stack size            4194304              "
			   "8388608              bytes     \n"),
	      "limits after setrlimit: STACK 4194304 8388608");
	CHECK(limits_agree(), "limits: still every row getrlimit's");
}

int maps_and_limits(void)
{
	own_maps();
	mappings();
	pieces();
	ended_child();
	limits();
	return check_failures;
}
