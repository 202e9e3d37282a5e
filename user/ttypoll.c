// SPDX-License-Identifier: MIT
/*
 * ttypoll: poll and select on the console, for the shell test
 * (tests/run.py, shell/console-poll-*), which types at it through the
 * serial port. fd 0 is readable only once a whole line (or ctrl-D)
 * waits for read(); a line still being typed is not; fd 1 is always
 * writable.
 *
 *   $ ttypoll
 *   ttypoll: nothing typed: poll = 0, revents 0
 *   ttypoll: fd 1: poll = 1, revents 0x4
 *   ttypoll: waiting for a line
 *   half a line                      (typed, with Enter at the end)
 *   ttypoll: a line: poll = 1, revents 0x1
 *   ttypoll: read 12 bytes: half a line
 *   ttypoll: select, nothing typed = 0
 *   ttypoll: waiting for ctrl-D
 *   ttypoll: select = 1, fd 0 readable: yes
 *   ttypoll: read = 0 (end of input)
 */
#include "user.h"

int main(void)
{
	struct pollfd p = { 0, POLLIN, 0 };
	struct timeval tv = { 0, 300000 };
	unsigned long in = 1;
	char line[64];
	long r;

	r = sys_poll(&p, 1, 200);
	printf("ttypoll: nothing typed: poll = %ld, revents %#x\n", r,
	       p.revents);
	p = (struct pollfd){ 1, POLLOUT, 0 };
	r = sys_poll(&p, 1, 0);
	printf("ttypoll: fd 1: poll = %ld, revents %#x\n", r, p.revents);

	printf("ttypoll: waiting for a line\n");
	p = (struct pollfd){ 0, POLLIN, 0 };
	r = sys_poll(&p, 1, -1);
	printf("ttypoll: a line: poll = %ld, revents %#x\n", r, p.revents);
	r = read(0, line, sizeof(line) - 1);
	line[r > 0 ? r : 0] = '\0';
	printf("ttypoll: read %ld bytes: %s", r, line);

	r = sys_select(1, &in, NULL, NULL, &tv);
	printf("ttypoll: select, nothing typed = %ld\n", r);
	printf("ttypoll: waiting for ctrl-D\n");
	in = 1;
	r = sys_select(1, &in, NULL, NULL, NULL);
	printf("ttypoll: select = %ld, fd 0 readable: %s\n", r,
	       in & 1 ? "yes" : "no");
	r = read(0, line, sizeof(line));
	printf("ttypoll: read = %ld (end of input)\n", r);
	return 0;
}
