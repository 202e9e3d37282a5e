/* SPDX-License-Identifier: MIT */
/*
 * wait4() status words and the signal numbers that name why a process was
 * killed, with Linux's values and encoding: exited with code c -> c << 8;
 * killed -> the signal number in the low 7 bits.
 */
#ifndef UAPI_WAIT_H
#define UAPI_WAIT_H

#define WNOHANG 1

#define WIFEXITED(s) (((s) & 0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s) ((s) & 0x7f)

#define SIGINT 2   /* ctrl-C on the console */
#define SIGILL 4   /* #UD */
#define SIGTRAP 5  /* #DB, #BP */
#define SIGBUS 7   /* #AC */
#define SIGFPE 8   /* #DE, #MF, #XM */
#define SIGKILL 9  /* ended by the kernel's own checks */
#define SIGSEGV 11 /* #PF, #GP, #SS, #NP and the rest */
#define SIGPIPE 13 /* a write to a pipe nobody reads */
#define SIGCHLD 17 /* fork's exit signal (clone's CSIGNAL) */
#define SIGSTOP 19 /* cannot be blocked (rt_sigprocmask) */

#endif
