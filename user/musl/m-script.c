// SPDX-License-Identifier: MIT
/*
 * m-script: execve of "#!" scripts, as Linux's binfmt_script runs them.
 * The scripts are written here and name this program as their
 * interpreter ("#!m-script", a path relative to the working directory,
 * where the test runner runs it on both systems); run that way, with
 * arguments, it prints them and exits. Checked: the interpreter's argv
 * (interpreter, the one optional argument with its inner spaces, the
 * script's path in place of argv[0], the rest), spaces and tabs around
 * the words, a script as the interpreter of a script, an empty argv,
 * and the errors: "#!" with nothing after it, a missing interpreter, a
 * script without an x bit, a directory, a script that is its own
 * interpreter, an interpreter name too long for the line.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

static void write_script(const char *name, const char *text, int mode)
{
	int fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0600);

	write(fd, text, strlen(text));
	close(fd);
	chmod(name, (mode_t)mode);
}

/* Run @path with @argv in a child; print how it ended or the errno. */
static void run(const char *what, const char *path, char *const argv[])
{
	int status, pid;

	printf("%s:\n", what);
	pid = fork();
	if (pid == 0) {
		execve(path, argv, environ);
		printf("  execve: %s\n", errno_name(errno));
		_exit(127);
	}
	waitpid(pid, &status, 0);
	printf("  %s\n", how_ended(status));
}

int main(int argc, char **argv)
{
	char *args[] = { "ignored-argv0", "a", "b c", NULL };
	char *none[] = { NULL };
	char long_line[400];

	if (argc >= 2) { /* run as an interpreter: show what we were given */
		for (int i = 0; i < argc; i++)
			printf("  argv[%d] = \"%s\"\n", i, argv[i]);
		return 0;
	}
	check_start();
	write_script("m-script.s1", "#!m-script\necho not run\n", 0755);
	write_script("m-script.s2", "#!m-script   one arg  with spaces \t\n", 0755);
	write_script("m-script.s3", "#!\t m-script\tx\n", 0755);
	write_script("m-script.s4", "#!m-script.s1 nested\n", 0755);
	write_script("m-script.s5", "#!\n", 0755);
	write_script("m-script.s6", "#!m-script-missing\n", 0755);
	write_script("m-script.s7", "#!m-script\n", 0644);
	write_script("m-script.s8", "#!m-script.s8\n", 0755);
	strcpy(long_line, "#!");
	memset(long_line + 2, 'x', 300);
	strcpy(long_line + 302, "\n");
	write_script("m-script.s9", long_line, 0755);
	write_script("m-script.s10", "#!m-script", 0755); /* no newline */
	mkdir("m-script.dir", 0755);

	run("a script", "m-script.s1", args);
	run("its one argument, inner spaces kept", "m-script.s2", args);
	run("tabs around the interpreter", "m-script.s3", args);
	run("a script as the interpreter", "m-script.s4", args);
	run("an empty argv", "m-script.s1", none);
	run("#! and nothing", "m-script.s5", args);
	run("a missing interpreter", "m-script.s6", args);
	run("no x bit", "m-script.s7", args);
	run("its own interpreter", "m-script.s8", args);
	run("an interpreter name longer than the line", "m-script.s9", args);
	run("no newline at the end", "m-script.s10", args);
	run("a directory", "m-script.dir", args);

	for (int i = 1; i <= 10; i++) {
		char name[32];

		snprintf(name, sizeof(name), "m-script.s%d", i);
		unlink(name);
	}
	rmdir("m-script.dir");
	CHECK(access("m-script.s1", F_OK) == -1, "the scripts are gone");
	return check_finish("m-script");
}
