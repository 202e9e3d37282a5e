// SPDX-License-Identifier: MIT
/*
 * The kernel command line: space-separated words, "key" or "key=value".
 * Words after a lone "--" are not the kernel's: they are the first
 * program's arguments. So are NAME=VALUE words whose NAME the kernel
 * does not know: they go into that program's environment (as in Linux).
 */
#include <kernel/cmdline.h>
#include <lib/string.h>

bool cmdline_get(const char *cmdline, const char *key, char *buf, size_t size)
{
	size_t keylen = strlen(key);
	const char *p = cmdline;

	while (*p) {
		const char *word = p, *end;

		while (*p && *p != ' ')
			p++;
		end = p;
		while (*p == ' ')
			p++;
		if (end - word == 2 && !memcmp(word, "--", 2))
			break;
		if ((size_t)(end - word) < keylen || memcmp(word, key, keylen))
			continue;
		if (word + keylen == end) {
			if (size)
				buf[0] = '\0';
			return true;
		}
		if (word[keylen] != '=')
			continue;
		word += keylen + 1;
		if (size) {
			size_t n = (size_t)(end - word);
			if (n > size - 1)
				n = size - 1;
			memcpy(buf, word, n);
			buf[n] = '\0';
		}
		return true;
	}
	return false;
}

/* Every key the kernel reads; see README, "Kernel command line". */
static const char *const kernel_keys[] = {
	"init", "test", "poweroff", "panic", "trace", "report", "fpu", "clocksource",
};

static bool is_kernel_key(const char *word, size_t len)
{
	for (size_t i = 0; i < sizeof(kernel_keys) / sizeof(kernel_keys[0]); i++) {
		size_t n = strlen(kernel_keys[i]);

		if (n <= len && !memcmp(word, kernel_keys[i], n) &&
		    (n == len || word[n] == '='))
			return true;
	}
	return false;
}

void cmdline_user_args(char *words, struct cmdline_args *out)
{
	bool after_dashes = false;
	char *p = words;

	out->argc = out->envc = 0;
	while (*p) {
		char *word = p;
		size_t len;

		while (*p && *p != ' ')
			p++;
		len = (size_t)(p - word);
		if (*p)
			*p++ = '\0';
		while (*p == ' ')
			p++;
		if (!len)
			continue;
		if (!after_dashes && len == 2 && !memcmp(word, "--", 2)) {
			after_dashes = true;
		} else if (after_dashes) {
			if (out->argc < CMDLINE_MAX_ARGS)
				out->argv[out->argc++] = word;
		} else if (strchr(word, '=') && word[0] != '=' &&
			   !is_kernel_key(word, len)) {
			if (out->envc < CMDLINE_MAX_ARGS)
				out->envp[out->envc++] = word;
		}
	}
}
