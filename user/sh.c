// SPDX-License-Identifier: MIT
/*
 * sh: the shell. Reads a line, splits it into words and runs the program
 * named by the first (fork + execve + wait4), then shows how it ended if
 * not with status 0. While a program runs, ctrl-C ends it (the shell
 * names it the console's foreground).
 *
 *   help          the built-in commands and the programs on the ISO
 *   exit [N]      leave the shell
 */
#include "user.h"

#define MAX_ARGS 16

static const char *signal_name(int sig)
{
	switch (sig) {
	case SIGINT:
		return "SIGINT (interrupted)";
	case SIGILL:
		return "SIGILL (invalid instruction)";
	case SIGTRAP:
		return "SIGTRAP (breakpoint or single step)";
	case SIGBUS:
		return "SIGBUS (alignment check)";
	case SIGFPE:
		return "SIGFPE (arithmetic error)";
	case SIGKILL:
		return "SIGKILL (ended by the kernel)";
	case SIGSEGV:
		return "SIGSEGV (memory access violation)";
	default:
		return "a signal";
	}
}

static int split(char *line, char *argv[])
{
	int argc = 0;

	for (char *p = line; *p && argc < MAX_ARGS - 1;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			*p++ = '\0';
		if (!*p)
			break;
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
	}
	argv[argc] = NULL;
	return argc;
}

static void help(void)
{
	char names[64 * 64]; /* BOOT_MODULES_MAX names of BOOT_MODNAME_MAX */

	printf("built-in: help, exit [status]\n");
	if (sys_programs(names, sizeof(names)) >= 0)
		printf("programs: %s\n", names);
}

static void run(char *argv[])
{
	int status, pid = fork();

	if (pid < 0) {
		printf("sh: fork: error %d\n", errno);
		return;
	}
	if (pid == 0) {
		execve(argv[0], argv, NULL);
		printf("sh: %s: %s\n", argv[0],
		       errno == ENOENT    ? "no such program (try help)"
		       : errno == ENOEXEC ? "not a valid program"
					  : "cannot run it");
		exit(127);
	}
	sys_tty_foreground(pid);
	while (waitpid(pid, &status, 0) != pid)
		;
	sys_tty_foreground(0);
	if (WIFSIGNALED(status))
		printf("[%s: killed by %s]\n", argv[0],
		       signal_name(WTERMSIG(status)));
	else if (WEXITSTATUS(status))
		printf("[%s: exit status %d]\n", argv[0], WEXITSTATUS(status));
}

int main(void)
{
	char line[256], *argv[MAX_ARGS];

	printf("sh: type help for the programs, ctrl-D or exit to leave\n");
	for (;;) {
		long n;

		write(1, "$ ", 2);
		n = read(0, line, sizeof(line) - 1);
		if (n <= 0) {
			printf("exit\n");
			return 0;
		}
		line[n] = '\0';
		if (!split(line, argv))
			continue;
		if (!strcmp(argv[0], "exit"))
			return argv[1] ? atoi(argv[1]) : 0;
		if (!strcmp(argv[0], "help"))
			help();
		else
			run(argv);
	}
}
