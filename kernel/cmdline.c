// SPDX-License-Identifier: MIT
/* The kernel command line: space-separated words, "key" or "key=value". */
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
