// SPDX-License-Identifier: MIT
/* cat: copy the console's input to its output until end of input (ctrl-D). */
#include "user.h"

int main(void)
{
	char buf[256];
	long n;

	while ((n = read(0, buf, sizeof(buf))) > 0)
		write(1, buf, (size_t)n);
	return n < 0 ? 1 : 0;
}
