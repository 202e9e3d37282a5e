/*
 * lib/string.c - memory and string functions for the freestanding kernel.
 *
 * The string functions are plain byte loops: obviously correct, no SSE
 * (the kernel is built with -mgeneral-regs-only) and no alignment
 * assumptions.  The block functions memcpy, memmove (forwards) and memset
 * run on every system call that copies a structure, so they use the string
 * instructions instead: `rep movsq` / `rep stosq` for the whole quadwords,
 * then `rep movsb` / `rep stosb` for the last 0..7 bytes.  That is Linux's
 * memcpy on a CPU with fast strings but without ERMS (the REP_GOOD case of
 * arch/x86/lib/memcpy_64.S).  A byte loop of n bytes is about 5n
 * instructions, `rep movsq` about n/8 (under QEMU's -icount each round of
 * a rep-prefixed instruction counts once).  Unaligned addresses are fine:
 * x86 allows unaligned quadword accesses.  The C ABI guarantees DF clear
 * (the entry code executes cld), so the instructions run forwards.
 *
 * All comparisons are done on unsigned char, as the C standard requires:
 * memcmp("\x80", "\x01", 1) must be positive even where char is signed.
 */
#include <lib/string.h>

#include <stdint.h>

/*
 * GCC's loop-distribution pass recognises "copy/fill bytes in a loop" and
 * replaces the loop with a call to memcpy/memset.  Inside memcpy and memset
 * themselves that call would be infinite recursion (GCC bug 56888).  GCC 12
 * happens not to do it under the kernel's -fno-builtin, but that is not a
 * documented guarantee, and this file must stay correct whatever flags it
 * is built with, so switch the pattern recognition off explicitly.  Clang
 * does not transform loops into library calls under -fno-builtin and has
 * no equivalent attribute.
 */
#if defined(__GNUC__) && !defined(__clang__)
#define NO_LOOP_TO_CALL __attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#define NO_LOOP_TO_CALL
#endif

/*
 * Copy @n bytes forwards: n / 8 quadwords, then n % 8 bytes. After the
 * first `rep movsq` RCX is 0, RSI and RDI point past what it copied.
 */
static inline void copy_forwards(void *dst, const void *src, size_t n)
{
	size_t quads = n / 8;

	__asm__ volatile("rep movsq\n\t"
			 "movq %[tail], %%rcx\n\t"
			 "rep movsb"
			 : "+D"(dst), "+S"(src), "+c"(quads)
			 : [tail] "r"(n % 8)
			 : "memory");
}

void *memcpy(void *dst, const void *src, size_t n)
{
	copy_forwards(dst, src, n);
	return dst;
}

NO_LOOP_TO_CALL
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/*
	 * If the destination starts below the source, a forward copy reads
	 * each source byte (or quadword: every byte of the quadword it
	 * writes at d + i lies below s + i + 8, all read already) before it
	 * can be overwritten; otherwise copy backwards, a byte at a time
	 * (rare: nothing in the kernel moves memory up in a hot path).
	 * Compare as integers: relational operators on pointers into
	 * different objects are undefined in C.
	 */
	if ((uintptr_t)d <= (uintptr_t)s) {
		copy_forwards(d, s, n);
	} else {
		d += n;
		s += n;
		while (n--)
			*--d = *--s;
	}
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	/* The standard says c is converted to unsigned char; the quadword
	 * stores want that byte in all eight of RAX's bytes. */
	uint64_t pattern = (unsigned char)c * 0x0101010101010101ull;
	size_t quads = n / 8;
	void *d = dst;

	__asm__ volatile("rep stosq\n\t"
			 "movq %[tail], %%rcx\n\t"
			 "rep stosb"
			 : "+D"(d), "+c"(quads)
			 : "a"(pattern), [tail] "r"(n % 8)
			 : "memory");
	return dst;
}

NO_LOOP_TO_CALL
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a;
	const unsigned char *q = b;

	for (; n > 0; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
	}
	return 0;
}

NO_LOOP_TO_CALL
size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

/*
 * Like strlen, but never looks at more than maxlen bytes; s need not be
 * NUL-terminated if it is at least maxlen bytes long.  vsnprintf relies on
 * this for "%.*s".
 */
NO_LOOP_TO_CALL
size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n] != '\0')
		n++;
	return n;
}

NO_LOOP_TO_CALL
int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	/* Stop at the first difference or when both strings end together. */
	while (*p != '\0' && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

NO_LOOP_TO_CALL
int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n > 0; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
		if (*p == '\0')
			return 0;
	}
	return 0;
}

/*
 * strchr and strrchr look for c converted to char; the terminating NUL is
 * part of the string, so searching for '\0' finds the terminator.
 */
NO_LOOP_TO_CALL
char *strchr(const char *s, int c)
{
	const char ch = (char)c;

	for (;; s++) {
		if (*s == ch)
			return (char *)s;	/* standard signature drops const */
		if (*s == '\0')
			return NULL;
	}
}

NO_LOOP_TO_CALL
char *strrchr(const char *s, int c)
{
	const char ch = (char)c;
	const char *last = NULL;

	for (;; s++) {
		if (*s == ch)
			last = s;
		if (*s == '\0')
			return (char *)last;
	}
}

/*
 * Naive O(n*m) search: the kernel only searches short strings, and this
 * version is easy to check.  An empty needle matches at the start.
 */
NO_LOOP_TO_CALL
char *strstr(const char *haystack, const char *needle)
{
	size_t i;

	for (;; haystack++) {
		for (i = 0; needle[i] != '\0' && haystack[i] == needle[i]; i++)
			;
		if (needle[i] == '\0')
			return (char *)haystack;
		if (*haystack == '\0')
			return NULL;
	}
}

NO_LOOP_TO_CALL
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
