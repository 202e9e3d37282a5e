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

#define CMDLINE_MAX_ARGS 32
struct cmdline_args {
	int argc, envc;
	const char *argv[CMDLINE_MAX_ARGS]; /* the words after "--" */
	const char *envp[CMDLINE_MAX_ARGS]; /* NAME=VALUE, NAME not a key */
};

/**
 * cmdline_user_args - what the command line gives the first program
 * @words: a copy of the command line; it is cut into words in place
 */
void cmdline_user_args(char *words, struct cmdline_args *out);

#endif
