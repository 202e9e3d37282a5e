// SPDX-License-Identifier: MIT
/* spin: compute forever, until ctrl-C. The timer keeps preempting it. */
#include "user.h"

int main(void)
{
	volatile unsigned long n = 0;

	printf("spin: spinning; press ctrl-C to stop me\n");
	for (;;)
		n++;
}
