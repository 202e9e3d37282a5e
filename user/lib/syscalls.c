// SPDX-License-Identifier: MIT
/*
 * System call wrappers, generated from include/uapi/syscall_list.h, and
 * the choice of entry instruction.
 */
#include "user.h"

int errno;

static unsigned int offered;
static unsigned int chosen = SYSCALL_ENTRY_INT80;

typedef long (*raw_syscall_t)(long, long, long, long, long, long, long);

static raw_syscall_t entry_function(unsigned int entry)
{
	switch (entry) {
	case SYSCALL_ENTRY_SYSCALL:
		return __syscall_syscall;
	case SYSCALL_ENTRY_SYSENTER:
		return __syscall_sysenter;
	default:
		return __syscall_int80;
	}
}

long syscall_via(unsigned int entry, long nr, long a1, long a2, long a3,
		 long a4, long a5, long a6)
{
	return entry_function(entry)(nr, a1, a2, a3, a4, a5, a6);
}

unsigned int syscall_entries_offered(void)
{
	/* int 0x80 works on every CPU, so it asks. */
	if (!offered)
		offered = (unsigned int)__syscall_int80(__NR_syscall_entries, 0,
							0, 0, 0, 0, 0);
	return offered;
}

int syscall_use_entry(unsigned int entry)
{
	if (!(syscall_entries_offered() & entry))
		return -1;
	chosen = entry;
	return 0;
}

unsigned int syscall_current_entry(void)
{
	return chosen;
}

const char *syscall_entry_name(unsigned int entry)
{
	switch (entry) {
	case SYSCALL_ENTRY_SYSCALL:
		return "syscall";
	case SYSCALL_ENTRY_SYSENTER:
		return "sysenter";
	case SYSCALL_ENTRY_INT80:
		return "int80";
	default:
		return "?";
	}
}

#define CALL(nr, a1, a2, a3, a4, a5, a6)                                       \
	entry_function(chosen)(nr, (long)(a1), (long)(a2), (long)(a3),          \
			       (long)(a4), (long)(a5), (long)(a6))
#define SYSCALL0(nr, ret, name)                                                \
	long sys_##name(void) { return CALL(nr, 0, 0, 0, 0, 0, 0); }
#define SYSCALL1(nr, ret, name, t1, a1)                                        \
	long sys_##name(t1 a1) { return CALL(nr, a1, 0, 0, 0, 0, 0); }
#define SYSCALL2(nr, ret, name, t1, a1, t2, a2)                                \
	long sys_##name(t1 a1, t2 a2) { return CALL(nr, a1, a2, 0, 0, 0, 0); }
#define SYSCALL3(nr, ret, name, t1, a1, t2, a2, t3, a3)                        \
	long sys_##name(t1 a1, t2 a2, t3 a3) { return CALL(nr, a1, a2, a3, 0, 0, 0); }
#define SYSCALL4(nr, ret, name, t1, a1, t2, a2, t3, a3, t4, a4)                \
	long sys_##name(t1 a1, t2 a2, t3 a3, t4 a4)                            \
	{                                                                      \
		return CALL(nr, a1, a2, a3, a4, 0, 0);                         \
	}
#define SYSCALL5(nr, ret, name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)        \
	long sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5)                     \
	{                                                                      \
		return CALL(nr, a1, a2, a3, a4, a5, 0);                        \
	}
#define SYSCALL6(nr, ret, name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
	long sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6)              \
	{                                                                      \
		return CALL(nr, a1, a2, a3, a4, a5, a6);                       \
	}
#include <uapi/syscall_list.h>

static long set_errno(long r)
{
	if (r < 0 && r >= -MAX_ERRNO) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

long write(int fd, const void *buf, size_t count)
{
	return set_errno(sys_write(fd, buf, count));
}

int getpid(void)
{
	return (int)sys_getpid();
}

int uname(struct utsname *buf)
{
	return (int)set_errno(sys_uname(buf));
}

/* As a C library's: the whole process, every thread of it (exit_group);
 * sys_exit ends only the calling thread. */
void exit(int status)
{
	sys_exit_group(status);
	for (;;)
		__asm__ volatile("ud2"); /* exit does not return */
}

int getppid(void)
{
	return (int)sys_getppid();
}

int fork(void)
{
	return (int)set_errno(sys_fork());
}

int execve(const char *name, char *const argv[], char *const envp[])
{
	return (int)set_errno(sys_execve(name, argv, envp));
}

int waitpid(int pid, int *status, int options)
{
	return (int)set_errno(sys_wait4(pid, status, options, NULL));
}

int wait(int *status)
{
	return waitpid(-1, status, 0);
}

int sched_yield(void)
{
	return (int)set_errno(sys_sched_yield());
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)set_errno(sys_nanosleep(req, rem));
}

int msleep(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * 1000000 };

	return nanosleep(&t, NULL);
}

/* sbrk over brk(2): brk returns the old end when it cannot move it. */
void *sbrk(long increment)
{
	static unsigned long end;
	unsigned long old;

	if (!end)
		end = (unsigned long)sys_brk(0);
	old = end;
	if (increment && (unsigned long)sys_brk(old + increment) != old + increment) {
		errno = ENOMEM;
		return (void *)-1;
	}
	end = old + increment;
	return (void *)old;
}

long read(int fd, void *buf, size_t count)
{
	return set_errno(sys_read(fd, buf, count));
}
