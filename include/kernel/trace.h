/* SPDX-License-Identifier: MIT */
/*
 * The system call trace (kernel/trace.c), in strace's format:
 *
 *   [pid 4 sysenter] write(1, "hi\n", 3) = 3
 *   [pid 3 syscall] openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = -2 ENOENT
 *
 * Switched on by "trace=syscalls" (every process) or "trace=syscalls:NAME"
 * (processes running the program NAME) on the kernel command line. Off,
 * it costs system_call_function nothing: each process's syscall_table
 * points at a table of traced calls only while the trace is on.
 *
 * The arguments are formatted when the call enters, as far as they are
 * inputs, and the line is printed, with the outputs and the result, when
 * it returns; a call that does not return (exit, or a process ended
 * inside a call) prints "= ?".
 */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include <stdbool.h>
#include <stdint.h>

#include <kernel/ptrace.h>

/* The arguments of one line, formatted at entry: "write(1, "hi\n", 3". */
#define TRACE_TEXT_MAX 512

/* What a process keeps between the entry and the exit of a traced call
 * (struct process.trace). */
struct trace_call {
	uint64_t nr;
	uint64_t args[6];
	uint16_t entry;    /* regs->vector: ENTRY_SYSCALL, ... */
	bool pending;      /* entered, line not printed yet */
	uint8_t next_arg;  /* the first argument left for the exit */
	uint16_t len;      /* of text */
	bool cut;          /* text did not fit */
	char text[TRACE_TEXT_MAX];
};

/* True while any process is traced: tested before every hook. */
extern bool syscall_trace_on;

/* Read trace= from the kernel command line. */
void trace_init(const char *cmdline);
/* Switch the trace as trace=@value would ("syscalls", "syscalls:NAME"),
 * or off for NULL; false for a value it does not know. */
bool trace_set(const char *value);

/* The hooks: system_call_function calls the first before the handler
 * (with the arguments in place) and the second after it (with the result
 * in regs->rax); proc_exit calls the third. */
void trace_syscall_enter(const struct pt_regs *regs);
void trace_syscall_exit(const struct pt_regs *regs);
void trace_process_exit(int wait_status);
struct kernel_siginfo;
/* A signal delivered to a handler: strace's "--- SIGx {...} ---" line. */
void trace_signal(const struct kernel_siginfo *info);

/* Linux's x86-64 name of system call @nr, or NULL (kernel/trace_table.c). */
const char *linux_syscall_name(uint64_t nr);

#endif
