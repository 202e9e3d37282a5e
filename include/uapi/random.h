/* SPDX-License-Identifier: MIT */
/* getrandom(2) flags, Linux's values (<linux/random.h>). */
#ifndef UAPI_RANDOM_H
#define UAPI_RANDOM_H

#define GRND_NONBLOCK 0x0001 /* never blocks here anyway: see random.c */
#define GRND_RANDOM 0x0002   /* the same generator here, as in Linux 5.6+ */
#define GRND_INSECURE 0x0004 /* the same generator here too */

/* At most this many bytes per call (the limit getrandom(2) documents). */
#define GETRANDOM_MAX 33554431

#endif
