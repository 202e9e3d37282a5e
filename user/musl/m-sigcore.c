// SPDX-License-Identifier: MIT
/*
 * m-sigcore: which deaths dump core, as Linux decides it on x86-64.
 *
 * A process killed by SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE,
 * SIGSEGV, SIGXCPU, SIGXFSZ or SIGSYS (the "core" default action) dumps
 * core when its RLIMIT_CORE has room for one; then the wait status has
 * the core bit (WCOREDUMP, 0x80) and the parent's SIGCHLD says
 * CLD_DUMPED instead of CLD_KILLED. Linux writes no core with the limit
 * 0, the default, nor with a limit below a page (an ELF core's least
 * size), and never for the other signals. This kernel has no files yet
 * and prints the core (the registers) on the console; the status and
 * the si_code must be Linux's all the same.
 *
 * The limit is a process's, shared by its threads (one thread sets it,
 * another reads it), and fork copies it. A process made not dumpable
 * (prctl PR_SET_DUMPABLE 0) dumps no core whatever its limit.
 *
 * On Linux the cores land in the current directory (the test runner
 * runs this program in a scratch directory, with core_pattern "core").
 */
#include <pthread.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "check.h"

/* Die of @sig the way a program would: a fault where there is one. The
 * action is the default and nothing is blocked, whatever this program
 * inherited (a shell starts background jobs with SIGINT and SIGQUIT
 * ignored, and execve keeps that). */
static void die_of(int sig)
{
	volatile int zero = 0;
	volatile int *volatile nowhere = NULL;
	sigset_t none;

	signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	switch (sig) {
	case SIGSEGV:
		*nowhere = 1;
		break;
	case SIGILL:
		__asm__ volatile("ud2");
		break;
	case SIGFPE: /* in assembly: a compiler may turn 1 / x into tests */
		__asm__ volatile("movl $1, %%eax; cltd; idivl %0"
				 : : "r"(zero) : "eax", "edx");
		break;
	case SIGTRAP:
		__asm__ volatile("int3");
		break;
	case SIGABRT:
		abort();
	default:
		kill(getpid(), sig);
	}
	_exit(99); /* not reached */
}

static void set_core_limit(rlim_t soft)
{
	struct rlimit r;

	getrlimit(RLIMIT_CORE, &r);
	r.rlim_cur = soft;
	if (setrlimit(RLIMIT_CORE, &r))
		printf("setrlimit(RLIMIT_CORE, %llu): %s\n",
		       (unsigned long long)soft,
		       errno_name(errno));
}

static const char *code_name(int code)
{
	return code == CLD_KILLED   ? "CLD_KILLED"
	       : code == CLD_DUMPED ? "CLD_DUMPED"
	       : code == CLD_EXITED ? "CLD_EXITED"
				    : "another si_code";
}

#define KEEP ((rlim_t)-2) /* death()'s @limit: the child keeps the parent's */

/*
 * A child dies of @sig (@limit: its RLIMIT_CORE, or KEEP for the
 * parent's); print how, with the core bit and SIGCHLD's si_code, and
 * check the bit against @core.
 */
static void death(int sig, rlim_t limit, int core, const char *limit_name)
{
	sigset_t chld;
	siginfo_t info = { 0 };
	int status = 0;
	pid_t pid;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL); /* queued for sigwaitinfo */
	pid = fork();
	if (pid == 0) {
		if (limit != KEEP)
			set_core_limit(limit);
		die_of(sig);
	}
	sigwaitinfo(&chld, &info);
	waitpid(pid, &status, 0);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == sig &&
		      !!WCOREDUMP(status) == core &&
		      info.si_code == (core ? CLD_DUMPED : CLD_KILLED),
	      "%s with RLIMIT_CORE %s: %s, core dumped %s, SIGCHLD %s",
	      signal_name(sig), limit_name, how_ended(status),
	      WCOREDUMP(status) ? "yes" : "no", code_name(info.si_code));
}

static void *set_limit_in_thread(void *arg)
{
	set_core_limit((rlim_t)(uintptr_t)arg);
	return NULL;
}

int main(void)
{
	static const int dumping[] = { SIGQUIT, SIGILL, SIGTRAP, SIGABRT,
				       SIGBUS,  SIGFPE, SIGSEGV, SIGXCPU,
				       SIGXFSZ, SIGSYS };
	static const int not_dumping[] = { SIGHUP, SIGINT, SIGUSR1,
					   SIGALRM, SIGTERM, SIGKILL };
	struct rlimit r;
	pthread_t t;

	check_start();
	getrlimit(RLIMIT_CORE, &r);
	CHECK(r.rlim_cur == 0, "RLIMIT_CORE starts at 0");

	/* The default: no core, whatever the signal. */
	death(SIGSEGV, 0, 0, "0");
	death(SIGQUIT, 0, 0, "0");
	death(SIGABRT, 0, 0, "0");
	/* Room for less than a page: still none. */
	death(SIGSEGV, 4095, 0, "4095");
	/* Room enough: each "core" signal dumps, no other one does. */
	for (size_t i = 0; i < sizeof(dumping) / sizeof(dumping[0]); i++)
		death(dumping[i], RLIM_INFINITY, 1, "unlimited");
	for (size_t i = 0; i < sizeof(not_dumping) / sizeof(not_dumping[0]); i++)
		death(not_dumping[i], RLIM_INFINITY, 0, "unlimited");

	/* A thread's setrlimit is the process's; a child inherits it. */
	pthread_create(&t, NULL, set_limit_in_thread,
		       (void *)(uintptr_t)RLIM_INFINITY);
	pthread_join(t, NULL);
	getrlimit(RLIMIT_CORE, &r);
	CHECK(r.rlim_cur == RLIM_INFINITY,
	      "a thread's setrlimit holds for the whole process");
	death(SIGSEGV, KEEP, 1, "inherited (unlimited)");
	set_core_limit(0);
	death(SIGSEGV, KEEP, 0, "inherited (0)");

	/* Not dumpable (prctl): no core, whatever the limit. */
	set_core_limit(RLIM_INFINITY);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	death(SIGSEGV, KEEP, 0, "unlimited, not dumpable");
	prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
	set_core_limit(0);
	return check_finish("m-sigcore");
}
