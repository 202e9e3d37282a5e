// SPDX-License-Identifier: MIT
/*
 * m-fpu: m-sse's two processes at once, without its two threads: each
 * process keeps its own SSE and x87 state (and rounding modes) across
 * preemption. The same source as m-sse.c.
 */
#define M_SSE_PROCESSES_ONLY
#define M_SSE_NAME "m-fpu"
#include "m-sse.c"
