/* SPDX-License-Identifier: MIT */
/*
 * The user-space C library of this kernel: everything a program in user/
 * needs, in the spirit of xv6's user/user.h. Programs start at _start
 * (user/lib/crt0.S), which calls main(argc, argv) and then exit().
 */
#ifndef USER_H
#define USER_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/printf.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/random.h>
#include <uapi/syscall.h>

/*
 * Raw system calls, one per line of include/uapi/syscall_list.h:
 * sys_write(fd, buf, n) and so on return the kernel's result as it is,
 * a value >= 0 or -errno. They go through the entry that
 * syscall_use_entry() chose (the fastest the CPU offers, by default).
 */
#define SYSCALL0(nr, ret, name) long sys_##name(void);
#define SYSCALL1(nr, ret, name, t1, a1) long sys_##name(t1 a1);
#define SYSCALL2(nr, ret, name, t1, a1, t2, a2) long sys_##name(t1 a1, t2 a2);
#define SYSCALL3(nr, ret, name, t1, a1, t2, a2, t3, a3)                        \
	long sys_##name(t1 a1, t2 a2, t3 a3);
#define SYSCALL4(nr, ret, name, t1, a1, t2, a2, t3, a3, t4, a4)                \
	long sys_##name(t1 a1, t2 a2, t3 a3, t4 a4);
#define SYSCALL5(nr, ret, name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)        \
	long sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5);
#define SYSCALL6(nr, ret, name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
	long sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6);
#include <uapi/syscall_list.h>
#undef SYSCALL0
#undef SYSCALL1
#undef SYSCALL2
#undef SYSCALL3
#undef SYSCALL4
#undef SYSCALL5
#undef SYSCALL6

/* Any call through a given entry (SYSCALL_ENTRY_*): nr, then 6 arguments. */
long syscall_via(unsigned int entry, long nr, long a1, long a2, long a3,
		 long a4, long a5, long a6);
/* The three instructions themselves (user/lib/syscall.S). */
long __syscall_int80(long nr, long a1, long a2, long a3, long a4, long a5,
		     long a6);
long __syscall_syscall(long nr, long a1, long a2, long a3, long a4, long a5,
		       long a6);
long __syscall_sysenter(long nr, long a1, long a2, long a3, long a4, long a5,
			long a6);

/* Which entries the kernel says work (asked once, through int 0x80). */
unsigned int syscall_entries_offered(void);
/* Use @entry from now on; -1 if this CPU does not offer it. */
int syscall_use_entry(unsigned int entry);
unsigned int syscall_current_entry(void);
const char *syscall_entry_name(unsigned int entry);

/* POSIX-style wrappers: -1 and errno on failure. */
extern int errno;
long read(int fd, void *buf, size_t count);
long write(int fd, const void *buf, size_t count);
int getpid(void);
int getppid(void);
int uname(struct utsname *buf);
__attribute__((noreturn)) void exit(int status);
int fork(void);
/* Signals (user/lib/signal.c): as a libc's, with the kernel's struct
 * kernel_sigaction (<uapi/signal.h>); the restorer is filled in. */
struct kernel_sigaction;
typedef void (*sighandler_t)(int);
int sigaction(int sig, const struct kernel_sigaction *act,
	      struct kernel_sigaction *old);
sighandler_t signal(int sig, sighandler_t handler);
int kill(int pid, int sig);
int raise(int sig);
/* clone(@flags) a child that runs fn(arg) on @stack_top (16-byte aligned)
 * and exits with its value; with CLONE_CHILD_SETTID and
 * CLONE_CHILD_CLEARTID, @child_tid gets the tid and then 0 at its end.
 * Returns the child's tid or -errno (user/lib/thread.c). */
long clone_thread(unsigned long flags, void *stack_top, int *child_tid,
		  int (*fn)(void *), void *arg);
/* Run boot module @name (there are no files yet) with @argv and @envp. */
int execve(const char *name, char *const argv[], char *const envp[]);
int waitpid(int pid, int *status, int options);
int wait(int *status);
int sched_yield(void);
int nanosleep(const struct timespec *req, struct timespec *rem);
int msleep(long ms);
void *sbrk(long increment);
void *malloc(size_t size);
void free(void *p);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
int puts(const char *s);
int atoi(const char *s);

#endif
