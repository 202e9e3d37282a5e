/* SPDX-License-Identifier: MIT */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

/**
 * cmdline_get - find "key=value" among the space-separated words of @cmdline
 * @buf: receives the value (truncated to @size - 1 bytes)
 *
 * Returns true if the key is present. A bare "key" yields an empty value.
 */
bool cmdline_get(const char *cmdline, const char *key, char *buf, size_t size);

#endif
