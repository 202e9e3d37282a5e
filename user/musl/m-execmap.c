// SPDX-License-Identifier: MIT
/*
 * m-execmap: two processes run one program file, whose pages execve maps
 * from the file (docs/files.md section 6; Linux maps its page cache):
 * each has its own .data once it writes there, and the file may be
 * removed while they run.
 *
 * It copies itself (/proc/self/exe) to /tmp and starts the copy twice as
 * `m-execmap child N`. Each child checks that its initialised data reads
 * as the file has it, writes its number over all of it (three whole
 * pages of file bytes: pages the file's own until written), says so on
 * a pipe and waits for a go. Meanwhile the parent removes the copy; then
 * it lets both go on, and each checks that it still sees its own number
 * everywhere (the other one's writes went to the other's copy) and exits
 * 0. (The kernel test exec_shares_file_pages checks the frames and the
 * free pages, which a program cannot see.)
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define DATA_SIZE (3 * 4096)

/* Initialised, so in .data and in the file, page-aligned: whole pages. */
static volatile char data[DATA_SIZE] __attribute__((aligned(4096))) = {
	[0] = 'i', [4096] = 'i', [8191] = 'i', [DATA_SIZE - 1] = 'i',
};

static int child(char mark)
{
	char go;

	if (data[0] != 'i' || data[4096] != 'i' || data[8191] != 'i' ||
	    data[DATA_SIZE - 1] != 'i' || data[1] != 0)
		return 2; /* the file's bytes were not there */
	for (int i = 0; i < DATA_SIZE; i++)
		data[i] = mark;
	if (write(3, &mark, 1) != 1 || read(0, &go, 1) != 1)
		return 3;
	for (int i = 0; i < DATA_SIZE; i++)
		if (data[i] != mark)
			return 4; /* the other one's write showed here */
	return 0;
}

/* Copy this program to @path, executable; 0 or -1. */
static int copy_self(const char *path)
{
	static char buf[65536];
	int in = open("/proc/self/exe", O_RDONLY);
	int out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	long n = 0;

	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			n = -1;
			break;
		}
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out))
		n = -1;
	return in < 0 || out < 0 || n < 0 ? -1 : 0;
}

/* Start the copy at @path as child @mark, its stdin the read end of
 * @go, fd 3 the write end of @ready; its pid, or -1. */
static pid_t start(const char *path, const char *mark, int go[2], int ready[2])
{
	char *argv[] = { "m-execmap", "child", (char *)mark, NULL };
	char *envp[] = { NULL };
	pid_t pid = fork();

	if (pid == 0) {
		dup2(go[0], 0);
		dup2(ready[1], 3);
		execve(path, argv, envp);
		_exit(98);
	}
	return pid;
}

int main(int argc, char **argv)
{
	char path[64], got[2];
	int ready[2], go1[2], go2[2], status1 = -1, status2 = -1;
	pid_t pid1, pid2;

	if (argc == 3 && !strcmp(argv[1], "child"))
		return child(argv[2][0]);
	check_start();
	snprintf(path, sizeof(path), "/tmp/m-execmap.%d", (int)getpid());
	CHECK(copy_self(path) == 0, "copy this program to /tmp");
	CHECK(pipe(ready) == 0 && pipe(go1) == 0 && pipe(go2) == 0, "pipes");
	pid1 = start(path, "1", go1, ready);
	pid2 = start(path, "2", go2, ready);
	CHECK(pid1 > 0 && pid2 > 0, "start the copy twice");
	close(ready[1]);
	CHECK(read(ready[0], got, 1) == 1 && read(ready[0], got + 1, 1) == 1,
	      "both read the file's data and wrote their own");
	CHECK(unlink(path) == 0, "remove the copy while both run");
	CHECK(access(path, F_OK) == -1 && errno == ENOENT, "the copy is gone");
	CHECK(write(go1[1], "g", 1) == 1 && write(go2[1], "g", 1) == 1,
	      "let them go on");
	waitpid(pid1, &status1, 0);
	waitpid(pid2, &status2, 0);
	CHECK(WIFEXITED(status1) && WEXITSTATUS(status1) == 0,
	      "child 1 saw only its own data, after the file went (%s)",
	      how_ended(status1));
	CHECK(WIFEXITED(status2) && WEXITSTATUS(status2) == 0,
	      "child 2 saw only its own data, after the file went (%s)",
	      how_ended(status2));
	return check_finish("m-execmap");
}
