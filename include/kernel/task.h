/* SPDX-License-Identifier: MIT */
/*
 * User tasks (kernel/task.c): a program from a boot module, run in ring 3
 * in its own address space until it exits or is killed. For now tasks run
 * one at a time to completion; the scheduler comes with processes.
 */
#ifndef KERNEL_TASK_H
#define KERNEL_TASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kernel/ptrace.h>
#include <kernel/vm.h>

#define TASK_MAX_ARGS 16

enum task_end { TASK_EXITED, TASK_KILLED };

struct task_result {
	enum task_end how;
	int status;        /* exit status, when TASK_EXITED */
	unsigned int vector; /* exception that killed it, or TASK_NO_VECTOR */
	uint64_t rip;
	uint64_t addr;     /* CR2 for page faults */
	uint64_t error_code;
};
#define TASK_NO_VECTOR 0xffffffffu

struct task {
	int pid;
	char name[32];
	struct address_space as;
	uint64_t launcher_rsp; /* where task_leave() returns to */
	bool sysenter_tf;      /* see syscall_debug_trap() */
	struct task_result result;
};

extern struct task *current;

/**
 * task_run - load @image as a program and run it to its end in ring 3
 * @argv: argument strings (argv[0] is the program name), @argc of them
 * Returns 0 with @res filled in, or -errno if the program could not be
 * started (a rejected ELF file is reported on the console).
 */
int task_run(const char *name, const void *image, size_t size, int argc,
	     const char *const argv[], struct task_result *res);

/* Run a boot module by name; -ENOENT if there is none. */
int task_run_module(const char *name, int argc, const char *const argv[],
		    struct task_result *res);

/* End the current task because of an exception it raised in ring 3. */
__attribute__((noreturn)) void task_kill_fault(struct pt_regs *regs);
/* End the current task for a reason the kernel found (printf-style). */
__attribute__((noreturn, format(printf, 2, 3))) void
task_kill(struct pt_regs *regs, const char *fmt, ...);

#endif
