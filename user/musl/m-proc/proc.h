/* SPDX-License-Identifier: MIT */
/* m-proc's parts (user/musl/m-proc.c). */
#ifndef M_PROC_PROC_H
#define M_PROC_PROC_H

/* The checks of /proc/self/maps and /proc/self/limits (maps.c), which
 * lower RLIMIT_NOFILE and RLIMIT_STACK: the number that failed. Each
 * part has check.h's counter of its own. */
int maps_and_limits(void);

#endif
