// SPDX-License-Identifier: MIT
/*
 * m-spawn: processes: fork, vfork, execve and the wait statuses they
 * leave (posix_spawn is m-posix-spawn's).
 *
 * It starts the other test programs m-hello and m-env by the bare names
 * "m-hello" and "m-env". On this kernel execve looks a name up among the
 * boot modules. On Linux a name without a slash is a path relative to
 * the working directory (execve and posix_spawn do no PATH search), and
 * the test runner starts m-spawn in the directory that holds the built
 * programs, so the same names work on both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

static int global = 1;

/* How a forked child that calls exit(@code) ends, as its parent sees it. */
static const char *child_status(int code)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0)
		exit(code);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return "fork or waitpid failed";
	return how_ended(status);
}

static void forks(void)
{
	pid_t parent = getpid(), pid;
	struct timespec nap = { 0, 200000000 };
	int status = 0, child_saw_parent = 0;

	CHECK(strcmp(child_status(7), "exit status 7") == 0, "exit(7)");
	CHECK(strcmp(child_status(255), "exit status 255") == 0, "exit(255)");
	CHECK(strcmp(child_status(256), "exit status 0") == 0,
	      "exit(256) is status 0");

	pid = fork();
	if (pid == 0) {
		global = 2;
		nanosleep(&nap, NULL);
		_exit(getppid() == parent ? 10 + global : 1);
	}
	CHECK(waitpid(pid, &status, WNOHANG) == 0,
	      "waitpid WNOHANG on a running child returns 0");
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid for it");
	child_saw_parent = WIFEXITED(status) && WEXITSTATUS(status) == 12;
	CHECK(child_saw_parent, "the child saw its parent and its own copy");
	CHECK(global == 1, "the parent's copy is untouched");
	errno = 0;
	CHECK(waitpid(-1, &status, 0) == -1 && errno == ECHILD,
	      "waitpid with no children: %s", errno_name(errno));
}

static void vforks(void)
{
	volatile int shared = 0;
	int status = 0;
	pid_t pid = vfork();

	if (pid == 0) {
		shared = 42; /* the parent's memory: it is asleep */
		_exit(5);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		  WEXITSTATUS(status) == 5,
	      "vfork, then _exit(5) (%s)", how_ended(status));
	CHECK(shared == 42,
	      "the parent resumed after the child, sees its write");
}

static void execs(void)
{
	char *hello_argv[] = { "m-hello", "spawned", NULL };
	char *env_argv[] = { "m-env", "from-execve", NULL };
	char *env_envp[] = { "T_FROM=m-spawn", "HOME=/", NULL };
	char *missing_argv[] = { "m-no-such-program", NULL };
	int status = 0;
	pid_t pid;

	printf("vfork, execve m-hello spawned:\n");
	pid = vfork();
	if (pid == 0) {
		execve("m-hello", hello_argv, environ);
		_exit(99);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		  WEXITSTATUS(status) == 0,
	      "vfork, execve m-hello (%s)", how_ended(status));
	pid = vfork();
	if (pid == 0) {
		execve("m-no-such-program", missing_argv, environ);
		_exit(98); /* the vfork child's way out after a failed execve */
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		  WEXITSTATUS(status) == 98,
	      "vfork, execve of a missing program, _exit(98) (%s)",
	      how_ended(status));

	printf("fork, execve m-env with its own environment:\n");
	pid = fork();
	if (pid == 0) {
		execve("m-env", env_argv, env_envp);
		_exit(99);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		  WEXITSTATUS(status) == 0,
	      "execve m-env (%s)", how_ended(status));
	errno = 0;
	CHECK(execve("m-no-such-program", missing_argv, environ) == -1 &&
		  errno == ENOENT,
	      "execve of a missing program returns: %s", errno_name(errno));
}

int main(void)
{
	check_start();
	forks();
	vforks();
	execs();
	return check_finish("m-spawn");
}
