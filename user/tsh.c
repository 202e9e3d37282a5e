// SPDX-License-Identifier: MIT
/*
 * tsh: the teaching shell, in the spirit of xv6's. Reads a line, splits it
 * into commands and runs them with fork, execve and wait4:
 *
 *   PROG ARGS            run PROG: a path, or a name looked up in /bin
 *   A | B | C            a pipeline: each one's output is the next one's
 *                        input (pipe2, dup2)
 *   < FILE, > FILE,      redirections: input from FILE; output to FILE,
 *   >> FILE, 2> FILE     emptied first or added to; errors to FILE
 *   LINE &               run in the background
 *   cd [DIR], help       built in; so are jobs, fg [N], bg [N], exit [N]
 *
 * Job control, as Unix shells do it: each line runs as a job, a process
 * group of its own (setpgid in both the child and the shell, so neither
 * order of the two can race; a pipeline's commands all join the group
 * of its first). While a job runs in the foreground the shell makes its
 * group the console's foreground (ioctl TIOCSPGRP, in the first child
 * too), so ctrl-C (SIGINT), ctrl-\ (SIGQUIT) and ctrl-Z (SIGTSTP) reach
 * the job and never the shell; then it takes the foreground back. The
 * shell ignores SIGTTOU, to be allowed to do that from the background,
 * and SIGTSTP, SIGTTIN and SIGQUIT, as interactive shells do; its
 * children go back to the defaults. ctrl-C at the prompt discards the
 * line. A stopped job waits in the job table until fg or bg sends its
 * group SIGCONT. The shell reports how a job ended when that was not
 * with status 0 (of a pipeline, its last command's status, as POSIX
 * shells do).
 */
#include "user.h"

#include <stdbool.h>
#include <uapi/fcntl.h>
#include <uapi/signal.h>
#include <uapi/termios.h>

#define MAX_WORDS 32
#define MAX_STAGES 8 /* commands in one pipeline */
#define MAX_JOBS 8
#define PATH_DIRS "/bin" /* where a bare program name is looked for */

struct job {
	int pgid;             /* the group, its first command's pid; 0: free */
	int pids[MAX_STAGES]; /* its processes; 0 once reaped */
	int last;             /* its last command's pid */
	int last_status;      /* how that one ended */
	bool stopped;
	char name[64];
};
static struct job jobs[MAX_JOBS]; /* job N is jobs[N - 1] */

/* One command of a pipeline: its words and where its fds 0, 1, 2 go. */
struct command {
	char *argv[MAX_WORDS];
	const char *in, *out, *err; /* redirections, or NULL */
	bool append;                /* >> rather than > */
};

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
	case SIGPIPE:
		return "SIGPIPE (wrote to a pipe nobody reads)";
	case SIGSEGV:
		return "SIGSEGV (memory access violation)";
	default:
		return "a signal";
	}
}

/* --- reading a line ------------------------------------------------------ */

static bool special(char c)
{
	return c == '|' || c == '<' || c == '>' || c == '&';
}

/*
 * Split @line into words, copied to @store (twice @line's size is room
 * for every word and its NUL): the operators | < > >> 2> & are words of
 * their own even without spaces around them. The count, or -1.
 */
static int split(const char *line, char *words[], char *store)
{
	int n = 0;

	for (const char *p = line; *p;) {
		if (*p == ' ' || *p == '\t' || *p == '\n') {
			p++;
			continue;
		}
		if (n == MAX_WORDS - 1)
			return -1;
		words[n++] = store;
		if (special(*p) || (p[0] == '2' && p[1] == '>')) {
			*store++ = *p++;
			if ((store[-1] == '>' || store[-1] == '2') && *p == '>')
				*store++ = *p++;
		} else {
			while (*p && *p != ' ' && *p != '\t' && *p != '\n' &&
			       !special(*p))
				*store++ = *p++;
		}
		*store++ = '\0';
	}
	words[n] = NULL;
	return n;
}

/* Turn @words into up to MAX_STAGES commands; their count, or -1. */
static int parse(char *words[], struct command *cmds)
{
	int n = 0, argc = 0;

	memset(&cmds[0], 0, sizeof(cmds[0]));
	for (int i = 0; words[i]; i++) {
		const char *w = words[i];
		struct command *c = &cmds[n];

		if (!strcmp(w, "|")) {
			if (!argc || ++n == MAX_STAGES)
				return -1;
			memset(&cmds[n], 0, sizeof(cmds[n]));
			argc = 0;
		} else if (!strcmp(w, "<") || !strcmp(w, ">") ||
			   !strcmp(w, ">>") || !strcmp(w, "2>")) {
			const char *file = words[++i];

			if (!file || special(file[0]))
				return -1;
			if (w[0] == '<')
				c->in = file;
			else if (w[0] == '2')
				c->err = file;
			else {
				c->out = file;
				c->append = w[1] == '>';
			}
		} else {
			c->argv[argc++] = words[i];
			c->argv[argc] = NULL;
		}
	}
	return argc ? n + 1 : -1;
}

/* --- running commands -------------------------------------------------------- */

/* In the child: make @fd the file @path opens with @flags, or exit. */
static void redirect(int fd, const char *path, int flags)
{
	long f;

	if (!path)
		return;
	f = sys_open(path, flags, 0644);
	if (f < 0) {
		printf("tsh: %s: cannot open it (error %ld)\n", path, -f);
		exit(1);
	}
	sys_dup2((int)f, fd);
	sys_close((int)f);
}

/* In the child: run @c, trying each PATH_DIRS directory for a bare name. */
static void exec_command(const struct command *c)
{
	char path[256];
	const char *name = c->argv[0];

	redirect(0, c->in, O_RDONLY);
	redirect(1, c->out, O_WRONLY | O_CREAT | (c->append ? O_APPEND : O_TRUNC));
	redirect(2, c->err, O_WRONLY | O_CREAT | O_TRUNC);
	if (strchr(name, '/')) {
		execve(name, c->argv, NULL);
	} else {
		snprintf(path, sizeof(path), "%s/%s", PATH_DIRS, name);
		execve(path, c->argv, NULL);
	}
	printf("tsh: %s: %s\n", name,
	       errno == ENOENT    ? "no such program (try help)"
	       : errno == ENOEXEC ? "not a valid program"
	       : errno == EACCES  ? "not executable"
				  : "cannot run it");
	exit(127);
}

static void name_job(struct job *j, char *words[])
{
	size_t n = 0;

	j->name[0] = '\0';
	for (int a = 0; words[a] && n + 1 < sizeof(j->name); a++) {
		if (a)
			j->name[n++] = ' ';
		n += strlcpy(j->name + n, words[a], sizeof(j->name) - n);
	}
}

static int number(const struct job *j)
{
	return (int)(j - jobs) + 1;
}

/*
 * How job @j ended, when worth saying; its slot is free again. A job in
 * the foreground by its first program's name, "[crash: killed by SIGILL
 * ...]"; one in the background by its number, also when it ended well.
 */
static void ended(struct job *j, bool background)
{
	int status = j->last_status;
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
	j->pgid = 0;
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

/* Note that @pid of @j changed to @status; true if the job is over. */
static bool note(struct job *j, int pid, int status)
{
	bool alive = false;

	if (WIFSTOPPED(status) || WIFCONTINUED(status))
		return false;
	if (pid == j->last)
		j->last_status = status;
	for (int i = 0; i < MAX_STAGES; i++) {
		if (j->pids[i] == pid)
			j->pids[i] = 0;
		if (j->pids[i])
			alive = true;
	}
	return !alive;
}

/* Run job @j in the foreground until it ends or stops. */
static void foreground(struct job *j)
{
	bool echoed_key = false;
	int status, pid;

	set_foreground(j->pgid);
	if (j->stopped)
		kill(-j->pgid, SIGCONT);
	j->stopped = false;
	for (;;) {
		pid = waitpid(-j->pgid, &status, WUNTRACED);
		if (pid < 0) { /* nothing left to wait for */
			j->pgid = 0;
			break;
		}
		/* The terminal echoed ^C, ^\ or ^Z without a new line. */
		if (WIFSTOPPED(status) ||
		    (WIFSIGNALED(status) && (WTERMSIG(status) == SIGINT ||
					     WTERMSIG(status) == SIGQUIT)))
			echoed_key = true;
		if (WIFSTOPPED(status)) {
			j->stopped = true;
			printf("\n[%d] stopped  %s\n", number(j), j->name);
			break;
		}
		if (note(j, pid, status)) {
			if (echoed_key)
				printf("\n");
			ended(j, false);
			break;
		}
	}
	set_foreground(sys_getpgrp());
}

/* Run the line's commands @cmds (@n of them) as a job. */
static void run(struct command *cmds, int n, char *words[], bool background)
{
	struct job *j = NULL;
	int in = -1; /* the read end of the previous command's pipe */

	for (int i = 0; i < MAX_JOBS && !j; i++)
		if (!jobs[i].pgid)
			j = &jobs[i];
	if (!j) {
		printf("tsh: %d jobs already (see jobs)\n", MAX_JOBS);
		return;
	}
	memset(j, 0, sizeof(*j));
	name_job(j, words);
	for (int i = 0; i < n; i++) {
		int fds[2] = { -1, -1 }, pid;

		if (i < n - 1 && sys_pipe2(fds, O_CLOEXEC) < 0) {
			printf("tsh: pipe: out of descriptors\n");
			break;
		}
		pid = fork();
		if (pid < 0) {
			printf("tsh: fork: error %d\n", errno);
			if (fds[0] >= 0) {
				sys_close(fds[0]);
				sys_close(fds[1]);
			}
			break;
		}
		if (pid == 0) {
			sys_setpgid(0, j->pgid); /* 0 for the first: its own */
			if (!background && !j->pgid)
				set_foreground(getpid());
			set_job_signals((sighandler_t)SIG_DFL);
			if (in >= 0)
				sys_dup2(in, 0);
			if (fds[1] >= 0)
				sys_dup2(fds[1], 1);
			exec_command(&cmds[i]);
		}
		if (!j->pgid)
			j->pgid = pid;
		sys_setpgid(pid, j->pgid); /* also here: no race with the child */
		j->pids[i] = j->last = pid;
		if (in >= 0)
			sys_close(in);
		if (fds[1] >= 0)
			sys_close(fds[1]);
		in = fds[0];
	}
	if (in >= 0)
		sys_close(in);
	if (!j->pgid)
		return;
	if (background)
		printf("[%d] %d\n", number(j), j->pgid);
	else
		foreground(j);
}

/* --- the built-in commands ----------------------------------------------------- */

static void help(void)
{
	char names[64 * 64]; /* BOOT_MODULES_MAX names of BOOT_MODNAME_MAX */

	printf("built-in: help, cd [dir], jobs, fg [N], bg [N], exit [status]\n"
	       "A | B, < file, > file, >> file, 2> file; a line ending in & "
	       "runs in the background\n");
	if (sys_programs(names, sizeof(names)) >= 0)
		printf("programs: %s\n", names);
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
			bool mine = false;

			for (int k = 0; k < MAX_STAGES; k++)
				mine |= j->pgid && j->pids[k] == pid;
			if (!mine)
				continue;
			if (WIFCONTINUED(status)) {
				j->stopped = false;
			} else if (WIFSTOPPED(status)) {
				if (!j->stopped)
					printf("[%d] stopped  %s\n", i + 1,
					       j->name);
				j->stopped = true;
			} else if (note(j, pid, status)) {
				ended(j, true);
			}
		}
}

/* Job @arg ("N" or "%N"), or the newest job when there is no @arg. */
static struct job *find_job(const char *arg)
{
	int n;

	if (!arg) {
		for (int i = MAX_JOBS - 1; i >= 0; i--)
			if (jobs[i].pgid)
				return &jobs[i];
		printf("tsh: no jobs\n");
		return NULL;
	}
	if (*arg == '%')
		arg++;
	n = atoi(arg);
	if (n < 1 || n > MAX_JOBS || !jobs[n - 1].pgid) {
		printf("tsh: no job %s\n", arg);
		return NULL;
	}
	return &jobs[n - 1];
}

static void list_jobs(void)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].pgid)
			printf("[%d] %s  %s\n", i + 1,
			       jobs[i].stopped ? "stopped" : "running",
			       jobs[i].name);
}

/* Leaving: no job stays stopped with nobody to continue it (what Linux
 * does for a process group orphaned with stopped members). */
static void hang_up_jobs(void)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].pgid) {
			kill(-jobs[i].pgid, SIGHUP);
			kill(-jobs[i].pgid, SIGCONT);
		}
}

/* A built-in command: true if @argv was one (and has been run). */
static bool builtin(char *argv[], int *exit_status)
{
	struct job *j;

	if (!strcmp(argv[0], "exit")) {
		hang_up_jobs();
		*exit_status = argv[1] ? atoi(argv[1]) : 0;
	} else if (!strcmp(argv[0], "help")) {
		help();
	} else if (!strcmp(argv[0], "cd")) {
		long r = sys_chdir(argv[1] ? argv[1] : "/");

		if (r < 0)
			printf("tsh: cd: %s: error %ld\n", argv[1], -r);
	} else if (!strcmp(argv[0], "jobs")) {
		list_jobs();
	} else if (!strcmp(argv[0], "fg")) {
		if ((j = find_job(argv[1])))
			foreground(j);
	} else if (!strcmp(argv[0], "bg")) {
		if ((j = find_job(argv[1])) && j->stopped) {
			j->stopped = false;
			kill(-j->pgid, SIGCONT);
			printf("[%d] %s &\n", number(j), j->name);
		}
	} else {
		return false;
	}
	return true;
}

/* ctrl-C at the prompt: read(2) ends with EINTR, and the line is gone. */
static void interrupted(int sig)
{
	(void)sig;
}

int main(void)
{
	char line[256], store[2 * sizeof(line)], *words[MAX_WORDS];
	struct command cmds[MAX_STAGES];
	struct kernel_sigaction on_intr = { (uint64_t)interrupted, 0, 0, 0 };

	set_job_signals((sighandler_t)SIG_IGN);
	sigaction(SIGINT, &on_intr, NULL); /* no SA_RESTART */
	set_foreground(sys_getpgrp());
	printf("tsh: type help for the programs, ctrl-D or exit to leave\n");
	for (;;) {
		bool background = false;
		int nwords, n, status = -1;
		long got;

		reap_jobs();
		write(1, "$ ", 2);
		got = read(0, line, sizeof(line) - 1);
		if (got < 0 && errno == EINTR) {
			printf("\n");
			continue;
		}
		if (got <= 0) {
			printf("exit\n");
			hang_up_jobs();
			return 0;
		}
		line[got] = '\0';
		nwords = split(line, words, store);
		if (nwords > 0 && !strcmp(words[nwords - 1], "&")) {
			words[--nwords] = NULL;
			background = true;
		}
		if (nwords == 0)
			continue;
		n = nwords < 0 ? -1 : parse(words, cmds);
		if (n < 0) {
			printf("tsh: cannot parse that line\n");
			continue;
		}
		if (n == 1 && !cmds[0].in && !cmds[0].out && !cmds[0].err &&
		    builtin(cmds[0].argv, &status)) {
			if (status >= 0)
				return status;
			continue;
		}
		run(cmds, n, words, background);
	}
}
