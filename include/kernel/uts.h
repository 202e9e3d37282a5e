/* SPDX-License-Identifier: MIT */
/*
 * The system's names (kernel/sys.c): what uname(2) answers, and
 * /proc/version and /proc/sys/kernel show. sethostname(2) and
 * setdomainname(2) change the first two.
 */
#ifndef KERNEL_UTS_H
#define KERNEL_UTS_H

#include <uapi/syscall.h> /* UTSNAME_LENGTH */

extern char uts_nodename[UTSNAME_LENGTH];
extern char uts_domainname[UTSNAME_LENGTH];
extern const char uts_release[]; /* "6.1.0-teaching" */
extern const char uts_version[]; /* "#1 x86-64 teaching kernel" */

#endif
