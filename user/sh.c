// SPDX-License-Identifier: MIT
/*
 * sh: the shell. Reads a line, splits it into words and runs the program
 * named by the first (fork + execve + wait4), then shows how it ended if
 * not with status 0.
 *
 * Job control, as Unix shells do it: each program runs as a job, a
 * process group of its own (setpgid in both the child and the shell, so
 * neither order of the two can race). While a job runs in the
 * foreground the shell makes its group the console's foreground
 * (ioctl TIOCSPGRP, in both again), so ctrl-C (SIGINT), ctrl-\
 * (SIGQUIT) and ctrl-Z (SIGTSTP) reach the job and never the shell;
 * then it takes the foreground back. The shell ignores SIGTTOU, to be
 * allowed to do that from the background, and SIGTSTP, SIGTTIN and
 * SIGQUIT, as interactive shells do; its children go back to the
 * defaults. ctrl-C at the prompt discards the line. A stopped job waits
 * in the job table until fg or bg sends its group SIGCONT.
 *
 *   help          the built-in commands and the programs on the ISO
 *   PROG ARGS &   run PROG in the background
 *   jobs          the jobs that are stopped or run in the background
 *   fg [N]        continue job N (default: the newest) in the foreground
 *   bg [N]        continue stopped job N in the background
 *   exit [N]      leave the shell (its jobs get SIGHUP and SIGCONT)
 */
#include "user.h"

#include <stdbool.h>

#include <uapi/signal.h>
#include <uapi/termios.h>

#define MAX_ARGS 16
#define MAX_JOBS 8

struct job {
	int pid; /* also the job's process group; 0: a free slot */
	bool stopped;
	char name[64];
};
static struct job jobs[MAX_JOBS]; /* job N is jobs[N - 1] */

static const char *signal_name(int sig)
{
	switch (sig) {
	case SIGINT:
		return "SIGINT (interrupted)";
	case SIGQUIT:
		return "SIGQUIT (quit)";
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
	case SIGTERM:
		return "SIGTERM (asked to end)";
	case SIGHUP:
		return "SIGHUP (hung up)";
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

	printf("built-in: help, jobs, fg [N], bg [N], exit [status]; "
	       "PROG ARGS & runs in the background\n");
	if (sys_programs(names, sizeof(names)) >= 0)
		printf("programs: %s\n", names);
}

/* The job's command line, as typed (words joined by one space). */
static void name_job(struct job *j, char *argv[])
{
	size_t n = 0;

	j->name[0] = '\0';
	for (int a = 0; argv[a] && n + 1 < sizeof(j->name); a++) {
		if (a)
			j->name[n++] = ' ';
		n += strlcpy(j->name + n, argv[a], sizeof(j->name) - n);
	}
}

static struct job *free_slot(void)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (!jobs[i].pid)
			return &jobs[i];
	return NULL;
}

static int number(const struct job *j)
{
	return (int)(j - jobs) + 1;
}

/*
 * How job @j ended, when worth saying; its slot is free again. A job in
 * the foreground by its program's name, "[crash: killed by SIGILL ...]";
 * one in the background by its number, and also when it ended well.
 */
static void ended(struct job *j, int status, bool background)
{
	char what[64];
	const char *space = strchr(j->name, ' ');
	int prog = space ? (int)(space - j->name) : (int)strlen(j->name);

	if (WIFSIGNALED(status))
		snprintf(what, sizeof(what), "killed by %s%s",
			 signal_name(WTERMSIG(status)),
			 WCOREDUMP(status) ? ", core dumped" : "");
	else if (WEXITSTATUS(status))
		snprintf(what, sizeof(what), "exit status %d",
			 WEXITSTATUS(status));
	else
		strlcpy(what, "done", sizeof(what));
	if (background)
		printf("[%d] %s  %s\n", number(j), what, j->name);
	else if (WIFSIGNALED(status) || WEXITSTATUS(status))
		printf("[%.*s: %s]\n", prog, j->name, what);
	j->pid = 0;
}

/* tcsetpgrp(0, @pgid): the group that the console's keys signal and
 * that may read it. */
static void set_foreground(int pgid)
{
	sys_ioctl(0, TIOCSPGRP, (unsigned long)&pgid);
}

/* The signals the shell ignores, or catches, back to the defaults. */
static const int job_signals[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU };

static void set_job_signals(sighandler_t how)
{
	for (unsigned int i = 0; i < sizeof(job_signals) / sizeof(int); i++)
		signal(job_signals[i], how);
}

/* Run job @j in the foreground until it ends or stops. */
static void foreground(struct job *j)
{
	int status;

	set_foreground(j->pid);
	if (j->stopped)
		kill(-j->pid, SIGCONT);
	j->stopped = false;
	while (waitpid(j->pid, &status, WUNTRACED) != j->pid)
		;
	set_foreground(sys_getpgrp());
	/* The terminal echoed ^C, ^\ or ^Z without a new line. */
	if (WIFSTOPPED(status) || (WIFSIGNALED(status) &&
				   (WTERMSIG(status) == SIGINT ||
				    WTERMSIG(status) == SIGQUIT)))
		printf("\n");
	if (WIFSTOPPED(status)) {
		j->stopped = true;
		printf("[%d] stopped  %s\n", number(j), j->name);
	} else {
		ended(j, status, false);
	}
}

static void run(char *argv[], bool background)
{
	struct job *j = free_slot();
	int pid;

	if (!j) {
		printf("sh: %d jobs already (see jobs)\n", MAX_JOBS);
		return;
	}
	pid = fork();
	if (pid < 0) {
		printf("sh: fork: error %d\n", errno);
		return;
	}
	if (pid == 0) {
		sys_setpgid(0, 0); /* a group of its own: the job */
		if (!background)
			set_foreground(getpid());
		set_job_signals((sighandler_t)SIG_DFL);
		execve(argv[0], argv, NULL);
		printf("sh: %s: %s\n", argv[0],
		       errno == ENOENT    ? "no such program (try help)"
		       : errno == ENOEXEC ? "not a valid program"
					  : "cannot run it");
		exit(127);
	}
	/* Also here: whichever of the two runs first, the group exists
	 * before the shell names it or signals it. */
	sys_setpgid(pid, pid);
	j->pid = pid;
	j->stopped = false;
	name_job(j, argv);
	if (background)
		printf("[%d] %d\n", number(j), pid);
	else
		foreground(j);
}

/* Before each prompt: say which background jobs ended or stopped (a
 * kill -STOP from elsewhere), as shells do. */
static void reap_jobs(void)
{
	int status, pid;

	while ((pid = waitpid(-1, &status,
			      WNOHANG | WUNTRACED | WCONTINUED)) > 0)
		for (int i = 0; i < MAX_JOBS; i++) {
			struct job *j = &jobs[i];

			if (j->pid != pid)
				continue;
			if (WIFCONTINUED(status)) {
				j->stopped = false;
			} else if (WIFSTOPPED(status)) {
				j->stopped = true;
				printf("[%d] stopped  %s\n", i + 1, j->name);
			} else {
				ended(j, status, true);
			}
		}
}

/* Job @arg ("N" or "%N"), or the newest job when there is no @arg. */
static struct job *find_job(const char *arg)
{
	int n;

	if (!arg) {
		for (int i = MAX_JOBS - 1; i >= 0; i--)
			if (jobs[i].pid)
				return &jobs[i];
		printf("sh: no jobs\n");
		return NULL;
	}
	if (*arg == '%')
		arg++;
	n = atoi(arg);
	if (n < 1 || n > MAX_JOBS || !jobs[n - 1].pid) {
		printf("sh: no job %s\n", arg);
		return NULL;
	}
	return &jobs[n - 1];
}

static void list_jobs(void)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].pid)
			printf("[%d] %s  %s\n", i + 1,
			       jobs[i].stopped ? "stopped" : "running",
			       jobs[i].name);
}

/* Leaving: no job stays stopped with nobody to continue it (what Linux
 * does for a process group orphaned with stopped members). */
static void hang_up_jobs(void)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].pid) {
			kill(-jobs[i].pid, SIGHUP);
			kill(-jobs[i].pid, SIGCONT);
		}
}

/* ctrl-C at the prompt: read(2) ends with EINTR, and the line is gone. */
static void interrupted(int sig)
{
	(void)sig;
}

int main(void)
{
	struct kernel_sigaction on_intr = { (uint64_t)interrupted, 0, 0, 0 };
	char line[256], *argv[MAX_ARGS];

	set_job_signals((sighandler_t)SIG_IGN);
	sigaction(SIGINT, &on_intr, NULL); /* no SA_RESTART */
	set_foreground(sys_getpgrp());
	printf("sh: type help for the programs, ctrl-D or exit to leave\n");
	for (;;) {
		struct job *j;
		bool background = false;
		long n;
		int argc;

		reap_jobs();
		write(1, "$ ", 2);
		n = read(0, line, sizeof(line) - 1);
		if (n < 0 && errno == EINTR) {
			printf("\n");
			continue;
		}
		if (n <= 0) {
			printf("exit\n");
			hang_up_jobs();
			return 0;
		}
		line[n] = '\0';
		argc = split(line, argv);
		if (argc && !strcmp(argv[argc - 1], "&")) {
			argv[--argc] = NULL;
			background = true;
		}
		if (!argc)
			continue;
		if (!strcmp(argv[0], "exit")) {
			hang_up_jobs();
			return argv[1] ? atoi(argv[1]) : 0;
		} else if (!strcmp(argv[0], "help")) {
			help();
		} else if (!strcmp(argv[0], "jobs")) {
			list_jobs();
		} else if (!strcmp(argv[0], "fg")) {
			if ((j = find_job(argv[1])))
				foreground(j);
		} else if (!strcmp(argv[0], "bg")) {
			if ((j = find_job(argv[1])) && j->stopped) {
				j->stopped = false;
				kill(-j->pid, SIGCONT);
				printf("[%d] %s &\n", number(j), j->name);
			}
		} else {
			run(argv, background);
		}
	}
}
