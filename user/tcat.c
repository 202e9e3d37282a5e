// SPDX-License-Identifier: MIT
/*
 * tcat [FILE...]: copy each FILE (or, with none, the console's input until
 * end of input, ctrl-D) to the output.
 */
#include "user.h"

#include <uapi/fcntl.h>

static int copy(int fd)
{
	char buf[256];
	long n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(1, buf, (size_t)n);
	return n < 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return copy(0);
	for (int i = 1; i < argc; i++) {
		long fd = sys_open(argv[i], O_RDONLY, 0);

		if (fd < 0) {
			char msg[300];
			int n = snprintf(msg, sizeof(msg), "tcat: %s: error %ld\n",
					 argv[i], -fd);

			write(2, msg, (size_t)n);
			status = 1;
			continue;
		}
		status |= copy((int)fd);
		sys_close((int)fd);
	}
	return status;
}
