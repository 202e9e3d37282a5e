/* SPDX-License-Identifier: MIT */
/*
 * poll(2), ppoll(2), select(2) and pselect6(2): the structures and event
 * bits, with Linux's x86-64 values and layouts (<asm-generic/poll.h>,
 * <linux/posix_types.h>); tests/host/test_uapi_poll.c checks them against
 * the build machine's headers. docs/syscalls.md section 15.1 describes
 * the calls.
 */
#ifndef UAPI_POLL_H
#define UAPI_POLL_H

#define POLLIN 0x0001     /* there is data to read */
#define POLLPRI 0x0002    /* urgent data (select's "except" set) */
#define POLLOUT 0x0004    /* writing will not block */
#define POLLERR 0x0008    /* an error: a pipe's write end with no reader */
#define POLLHUP 0x0010    /* hung up: a pipe's read end with no writer */
#define POLLNVAL 0x0020   /* the fd is not open (in revents only) */
#define POLLRDNORM 0x0040 /* as POLLIN, for normal data */
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100 /* as POLLOUT, for normal data */
#define POLLWRBAND 0x0200
#define POLLMSG 0x0400
#define POLLREMOVE 0x1000
#define POLLRDHUP 0x2000

struct pollfd {
	int fd;		/* negative: ignored, revents 0 */
	short events;	/* what the caller asks about */
	short revents;	/* what is ready: events, POLLERR, POLLHUP, POLLNVAL */
};

/* select's fd_set: a bitmap of 1024 descriptors in longs, as glibc's and
 * musl's; the kernel reads (nfds + 63) / 64 longs of each set. */
#define FD_SETSIZE 1024
#define NFDBITS 64

/* pselect6's sixth argument: the signal mask and its size, passed by
 * reference because the call has no seventh register. */
struct pselect6_sigmask {
	const unsigned long *ss; /* NULL: the mask stays as it is */
	unsigned long ss_len;	 /* must be 8 when ss is not NULL */
};

#endif
