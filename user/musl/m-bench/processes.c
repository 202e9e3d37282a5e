// SPDX-License-Identifier: MIT
/*
 * m-bench's process rows (user/musl/m-bench.c): fork + exit + wait4 of a
 * process that touched 1, 16 or 64 MiB, vfork + execve of itself, and
 * vfork + execve of busybox `true`. Each checks what it measures.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

/* The big program of the exec-busybox-true row, in both initramfs. */
#define BUSYBOX "/bin/busybox"

/*
 * fork + exit + wait4 of a process that has written every page of
 * @mib MiB: the child checks a byte the parent wrote on its last page
 * and exits with 7 if it is right.
 */
void fork_sized(const char *name, unsigned long mib, long count)
{
	unsigned long size = mib * MIB;
	unsigned char *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	const char *failed = NULL;
	uint64_t t0, ticks;

	if (p == MAP_FAILED) {
		report(name, 1, 0, "mmap failed");
		return;
	}
	for (unsigned long off = 0; off < size; off += PAGE)
		p[off] = (unsigned char)(off / PAGE);
	t0 = rdtsc();
	for (long i = 0; i < count && !failed; i++) {
		int status;
		pid_t pid = fork();

		if (pid == 0)
			_exit(p[size - PAGE] == (unsigned char)(size / PAGE - 1)
				      ? 7
				      : 1);
		if (pid < 0)
			failed = "fork failed";
		else if (wait4(pid, &status, 0, NULL) != pid)
			failed = "wait4 failed";
		else if (!WIFEXITED(status) || WEXITSTATUS(status) != 7)
			failed = "the child saw other memory";
	}
	ticks = rdtsc() - t0;
	munmap(p, size);
	report(name, count, ticks, failed);
}

/* The vfork child's whole life, in a function of its own so that no
 * variable of the caller lives across vfork. */
static __attribute__((noinline)) pid_t spawn_path(const char *path,
						   char **args, char **env)
{
	pid_t pid = vfork();

	if (pid == 0) {
		execve(path, args, env);
		_exit(98);
	}
	return pid;
}

/*
 * n->forks rounds of vfork + execve(@path, @args) + wait4, timed and
 * reported as @name; each child must exit with @want (98: execve failed).
 */
static void spawn_rounds(const char *name, const char *path, char **args,
			 int want)
{
	char *env[] = { NULL };
	const char *failed = NULL;
	uint64_t t0 = rdtsc();

	for (long i = 0; i < n->forks && !failed; i++) {
		int status;
		pid_t pid = spawn_path(path, args, env);

		if (pid < 0)
			failed = "vfork failed";
		else if (wait4(pid, &status, 0, NULL) != pid)
			failed = "wait4 failed";
		else if (!WIFEXITED(status) || WEXITSTATUS(status) != want)
			failed = WIFEXITED(status) && WEXITSTATUS(status) == 98
					 ? "execve failed"
					 : "the program did not exit as it should";
	}
	report(name, n->forks, rdtsc() - t0, failed);
}

/* vfork + execve of this program with the argument `exit` + wait4: it
 * exits with 7 at once. */
void vfork_exec(void)
{
	char *args[] = { saved_argv[0], "exit", NULL };

	spawn_rounds("vfork-exec", args[0], args, 7);
}

/*
 * vfork + execve of /bin/busybox as `true` + wait4: the cost of running
 * a big program (Debian's static busybox, about 2 MiB) that does nearly
 * nothing, as a shell does for each command. The child must exit 0.
 */
void exec_busybox_true(void)
{
	char *args[] = { "true", NULL }; /* busybox runs the applet argv[0] names */
	char *false_args[] = { "false", NULL };
	char *env[] = { NULL };
	int status;
	pid_t pid;

	if (access(BUSYBOX, X_OK)) {
		report("exec-busybox-true", 1, 0, "no " BUSYBOX " to run");
		return;
	}
	/* Once, untimed: `false` exits 1, so that status 0 below is
	 * busybox's answer and not a default. */
	pid = spawn_path(BUSYBOX, false_args, env);
	if (pid < 0 || wait4(pid, &status, 0, NULL) != pid ||
	    !WIFEXITED(status) || WEXITSTATUS(status) != 1) {
		report("exec-busybox-true", 1, 0, "busybox false did not exit 1");
		return;
	}
	spawn_rounds("exec-busybox-true", BUSYBOX, args, 0);
}
