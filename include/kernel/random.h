/* SPDX-License-Identifier: MIT */
/* Random bytes for the kernel (kernel/random.c). */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include <stddef.h>

void random_bytes(void *buf, size_t n);

#endif
