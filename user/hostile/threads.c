// SPDX-License-Identifier: MIT
/* hostile: HOSTILE.md 18: clone and threads (see user/hostile.c). */
#include "hostile.h"

/* 18. clone: every flag bit, flags against Linux's rules, child stacks
 * that cannot be returned to, tid pointers into the kernel; threads that
 * end while others run or sleep, exit_group, a fault and execve in one
 * thread while the others sleep in futex waits and nanosleep. */
#define CLONE_THREAD_FLAGS                                                   \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |  \
	 CLONE_SYSVSEM | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)

static long clone5(unsigned long flags, uint64_t stack, uint64_t ptid,
		   uint64_t ctid, uint64_t tls)
{
	return syscall_via(entry, __NR_clone, (long)flags, (long)stack,
			   (long)ptid, (long)ctid, (long)tls, 0);
}

#define NSTACKS 8
static uint8_t thread_stacks[NSTACKS][16384] __attribute__((aligned(16)));
static int thread_tids[NSTACKS];
static volatile uint32_t never; /* a futex word nobody wakes */
static volatile long spins;

static void *stack_top(int i)
{
	return thread_stacks[i] + sizeof(thread_stacks[i]);
}

static int waits_forever(void *arg)
{
	(void)arg;
	for (;;)
		call6(__NR_futex, (long)&never, FUTEX_WAIT, 0, 0, 0, 0);
	return 0; /* not reached */
}

static int sleeps_long(void *arg)
{
	struct timespec t = { 1000, 0 };

	(void)arg;
	for (;;)
		sys_nanosleep(&t, NULL);
	return 0; /* not reached */
}

static int spins_forever(void *arg)
{
	(void)arg;
	for (;;) {
		spins++;
		sys_sched_yield();
	}
	return 0; /* not reached */
}

static int returns_arg(void *arg)
{
	return (int)(long)arg;
}

static int exit_group_43(void *arg)
{
	(void)arg;
	syscall_via(SYSCALL_ENTRY_INT80, __NR_exit_group, 43, 0, 0, 0, 0, 0);
	return 1;
}

static int writes_null(void *arg)
{
	(void)arg;
	*(volatile int *)0 = 1;
	return 1;
}

static int execs_echo(void *arg)
{
	char *argv[] = { "techo", "hostile: execve from a thread", NULL };

	(void)arg;
	execve("techo", argv, NULL);
	return 1;
}

/* Start the three sleepers and spinners, then @last in thread 3. */
static void start_crowd(int (*last)(void *))
{
	int (*const fn[])(void *) = { waits_forever, sleeps_long,
				      spins_forever };

	for (int i = 0; i < 3; i++)
		clone_thread(CLONE_THREAD_FLAGS, stack_top(i), &thread_tids[i],
			     fn[i], NULL);
	if (last)
		clone_thread(CLONE_THREAD_FLAGS, stack_top(3), &thread_tids[3],
			     last, NULL);
}

/* How a process running @body ends: its wait status. */
int status_of(void (*body)(void))
{
	int status = -1, pid = fork();

	if (pid == 0) {
		body();
		exit(99);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void crowd_then_exit_group(void)
{
	start_crowd(NULL);
	msleep(50);
	syscall_via(entry, __NR_exit_group, 42, 0, 0, 0, 0, 0);
}

static void crowd_then_exit_group_from_thread(void)
{
	start_crowd(exit_group_43);
	for (;;)
		call6(__NR_futex, (long)&never, FUTEX_WAIT, 0, 0, 0, 0);
}

static void crowd_then_fault_in_thread(void)
{
	start_crowd(writes_null);
	for (;;)
		msleep(1000);
}

static void crowd_then_exec_in_thread(void)
{
	start_crowd(execs_echo);
	for (;;)
		msleep(1000);
}

static int exit_group_42_wrong(void)
{
	syscall_via(SYSCALL_ENTRY_INT80, __NR_exit_group, 42, 0, 0, 0, 0, 0);
	return 1;
}

/* The main thread ends (exit, not exit_group) while a thread runs on;
 * the thread then ends the process with exit_group(43). */
static int main_thread_gone;
static int waits_for_main(void *arg)
{
	(void)arg;
	int pid, status = 0;

	while (!main_thread_gone)
		sys_sched_yield();
	msleep(50);
	/* A child of the process whose first thread has ended: its end
	 * (and its SIGCHLD) reaches a leader that is a zombie. */
	pid = fork();
	if (pid == 0)
		exit(5);
	if (waitpid(pid, &status, 0) != pid || WEXITSTATUS(status) != 5)
		return exit_group_42_wrong();
	return exit_group_43(NULL);
}

static void main_exits_first(void)
{
	clone_thread(CLONE_THREAD_FLAGS, stack_top(4), &thread_tids[4],
		     waits_for_main, NULL);
	main_thread_gone = 1;
	syscall_via(entry, __NR_exit, 7, 0, 0, 0, 0, 0);
}

void bad_clone_calls(void)
{
	static const unsigned long refused[] = {
		~0ul, CLONE_PIDFD, CLONE_PTRACE, CLONE_PARENT, CLONE_NEWNS,
		CLONE_UNTRACED, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC,
		CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET, CLONE_IO,
		1ul << 32, 1ul << 63,
		CLONE_THREAD, CLONE_THREAD | CLONE_VM,  /* no CLONE_SIGHAND */
		CLONE_SIGHAND, CLONE_SIGHAND | CLONE_THREAD, /* no CLONE_VM */
	};
	static const uint64_t bad_stacks[] = {
		KERNEL_DATA, PHYS_MAP_BASE, 0x8000000000000000ull,
		USER_SPACE_END,
	};
	long before = sys_free_pages(), r, pid;
	int status = -1, tid = 0;

	for (unsigned int i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		r = clone5(refused[i] | SIGCHLD, 0, 0, 0, 0);
		CHECK(r == -EINVAL, "clone(%#lx) = %ld", refused[i], r);
	}
	r = clone5(CLONE_VM | CLONE_SIGHAND | CLONE_SETTLS, 0, 0, 0,
		   KERNEL_DATA);
	CHECK(r == -EPERM, "clone with a kernel TLS base = %ld", r);
	r = clone5(CLONE_VM | CLONE_SIGHAND | CLONE_SETTLS, 0, 0, 0,
		   0x8000000000000000ull);
	CHECK(r == -EPERM, "clone with a non-canonical TLS base = %ld", r);

	/* A child whose stack cannot be used dies; the parent lives on. */
	for (unsigned int i = 0; i < sizeof(bad_stacks) / sizeof(bad_stacks[0]);
	     i++) {
		pid = clone_thread(SIGCHLD, (void *)bad_stacks[i], NULL,
				   returns_arg, NULL);
		CHECK(pid > 0 && waitpid((int)pid, &status, 0) == pid &&
			      WIFSIGNALED(status),
		      "a child with stack %#lx: pid %ld, status %#x",
		      bad_stacks[i], pid, status);
	}

	/* tid pointers into the kernel are not written, and no error. */
	pid = clone5(SIGCHLD | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
			     CLONE_CHILD_CLEARTID,
		     0, KERNEL_DATA, KERNEL_DATA, 0);
	if (pid == 0)
		exit(7);
	CHECK(pid > 0 && waitpid((int)pid, &status, 0) == pid &&
		      WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "fork with tid pointers into the kernel: %ld, %#x", pid, status);
	/* (On a stack of its own: a vfork child that returned through this
	 * function's callers would wreck their frames for the parent.) */
	pid = clone_thread(SIGCHLD | CLONE_VM | CLONE_VFORK |
				   CLONE_CHILD_CLEARTID,
			   stack_top(6), (int *)DIRECT_MAP, returns_arg,
			   (void *)8);
	CHECK(pid > 0 && waitpid((int)pid, &status, 0) == pid &&
		      WIFEXITED(status) && WEXITSTATUS(status) == 8,
	      "vfork clearing a kernel tid: %ld, %#x", pid, status);

	/* A thread that ends while the others run and sleep: its tid word
	 * is cleared, the others go on. */
	start_crowd(NULL);
	thread_tids[5] = -1;
	r = clone_thread(CLONE_THREAD_FLAGS | CLONE_PARENT_SETTID, stack_top(5),
			 &thread_tids[5], returns_arg, (void *)5);
	CHECK(r > 0, "start a thread: %ld", r);
	for (int i = 0; i < 200 && thread_tids[5]; i++)
		msleep(5);
	CHECK(thread_tids[5] == 0, "the ended thread's tid word: %d",
	      thread_tids[5]);
	r = spins;
	msleep(50);
	CHECK(spins > r, "the spinning thread goes on (%ld, %ld)", r, spins);
	tid = thread_tids[0];
	CHECK(tid > 0 && call3(__NR_gettid, 0, 0, 0) == getpid(),
	      "thread ids: %d, main %ld", tid, call3(__NR_gettid, 0, 0, 0));

	/* Whole processes with sleeping threads, ended in every way. */
	status = status_of(crowd_then_exit_group);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42,
	      "exit_group(42) from the main thread: %#x", status);
	status = status_of(crowd_then_exit_group_from_thread);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 43,
	      "exit_group(43) from a thread: %#x", status);
	status = status_of(crowd_then_fault_in_thread);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "a thread's fault ends the process: %#x", status);
	status = status_of(crowd_then_exec_in_thread);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "execve from a thread: %#x", status);
	status = status_of(main_exits_first);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 43,
	      "the main thread's exit, then exit_group(43): %#x", status);
	(void)before;
}
