/* SPDX-License-Identifier: MIT */
/*
 * wait4() status words and the signal numbers that name why a process was
 * killed, with Linux's values and encoding: exited with code c -> c << 8;
 * killed -> the signal number in the low 7 bits.
 */
#ifndef UAPI_WAIT_H
#define UAPI_WAIT_H

#define WNOHANG 1
#define WUNTRACED 2  /* report children that stopped */
#define WCONTINUED 8 /* report children that SIGCONT continued */

#define WIFEXITED(s) (((s) & 0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s) ((s) & 0x7f)
#define WIFSTOPPED(s) (((s) & 0xff) == 0x7f)
#define WSTOPSIG(s) WEXITSTATUS(s)
#define WIFCONTINUED(s) ((s) == 0xffff)
#define WCOREFLAG 0x80 /* killed, and a core was written */
#define WCOREDUMP(s) ((s) & WCOREFLAG)

#include <uapi/signal.h> /* the signal numbers */

#endif
