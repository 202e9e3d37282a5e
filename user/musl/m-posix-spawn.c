// SPDX-License-Identifier: MIT
/*
 * m-posix-spawn: posix_spawn, as a shell or make starts programs.
 *
 * musl's posix_spawn is clone(CLONE_VM|CLONE_VFORK) plus a pipe with
 * O_CLOEXEC, through which the child reports a failed execve: the parent
 * reads end of file when execve worked (the close-on-exec write end is
 * gone), or the child's errno. Names are bare, as in m-spawn: boot
 * modules here, the runner's working directory on Linux.
 */
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

int main(void)
{
	char *hello_argv[] = { "m-hello", "spawned", NULL };
	char *missing_argv[] = { "m-no-such-program", NULL };
	int status = 0, err;
	pid_t pid;

	check_start();
	printf("posix_spawn m-hello spawned:\n");
	err = posix_spawn(&pid, "m-hello", NULL, NULL, hello_argv, environ);
	CHECK(err == 0 && waitpid(pid, &status, 0) == pid &&
		  WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "posix_spawn m-hello (%s)",
	      err ? errno_name(err) : how_ended(status));
	err = posix_spawn(&pid, "m-no-such-program", NULL, NULL, missing_argv,
			  environ);
	CHECK(err == ENOENT, "posix_spawn of a missing program: %s",
	      errno_name(err));
	return check_finish("m-posix-spawn");
}
