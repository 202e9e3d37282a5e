// SPDX-License-Identifier: MIT
/*
 * tests/host/test_string.c - compare lib/string.c with the host C library.
 *
 * Build and run from the repository root (gcc or clang):
 *
 *   gcc -std=gnu11 -Wall -Wextra -Werror -O2 -I include \
 *       tests/host/test_string.c -o /tmp/test_string && /tmp/test_string [seed]
 *
 * No other source file is needed: this file #includes lib/string.c with
 * every function renamed to lib_<name> by the #defines below, so both the
 * kernel implementation and the host libc are available side by side.  The
 * macros are in force while lib/string.c and (through it) the header
 * include/lib/string.h are read, so declarations and definitions are
 * renamed consistently; the host <string.h> is included first, under the
 * real names, and the macros are removed again afterwards.
 *
 * Each function gets its own group line, "[OK] string: <name>" or
 * "[FAIL] string: <name> (<n> mismatches)"; the exit status is 0 only if
 * every group passed.  The inputs come from a xorshift64 generator with a
 * fixed default seed, so runs are reproducible; argv[1] overrides the seed.
 *
 * glibc 2.36 has no strlcpy, so that one is checked against a reference
 * written here straight from the BSD man page.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strrchr
#undef strstr
#undef strlcpy
#define memcpy lib_memcpy
#define memmove lib_memmove
#define memset lib_memset
#define memcmp lib_memcmp
#define strlen lib_strlen
#define strnlen lib_strnlen
#define strcmp lib_strcmp
#define strncmp lib_strncmp
#define strchr lib_strchr
#define strrchr lib_strrchr
#define strstr lib_strstr
#define strlcpy lib_strlcpy
#include "../../lib/string.c"
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strrchr
#undef strstr
#undef strlcpy

#define ITERATIONS 20000	/* random cases per function */
#define BUF 512			/* working buffer size */
#define MAX_LEN 300		/* longest generated block/string */
#define MAX_REPORTS 20		/* mismatches printed in total */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

/* xorshift64 (Marsaglia): tiny, deterministic, good enough for tests. */
static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Uniform-ish integer in [0, n). */
static size_t rnd_below(size_t n)
{
	return (size_t)(rnd() % n);
}

/*
 * A random length, biased towards the small and boundary-ish values where
 * off-by-one errors show up.
 */
static size_t rnd_len(void)
{
	switch (rnd_below(4)) {
	case 0: return rnd_below(4);		/* 0..3 */
	case 1: return rnd_below(17);		/* around a word */
	default: return rnd_below(MAX_LEN + 1);
	}
}

/* A random byte; about a quarter are >= 0x80 to catch signedness bugs. */
static unsigned char rnd_byte(void)
{
	return (unsigned char)(rnd_below(4) == 0 ? 0x80 + rnd_below(0x80)
						 : 1 + rnd_below(0x7f));
}

/* A byte from a tiny alphabet, so that searches and compares often hit. */
static unsigned char rnd_small_byte(void)
{
	static const unsigned char alphabet[] = { 'a', 'b', 0x80, 0xff };

	return alphabet[rnd_below(sizeof(alphabet))];
}

/* Fill buf[0..n) with random nonzero bytes. */
static void fill_random(unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = rnd_byte();
}

/* Write a NUL-terminated random string of length len at s. */
static void make_string(char *s, size_t len, int small_alphabet)
{
	for (size_t i = 0; i < len; i++)
		s[i] = (char)(small_alphabet ? rnd_small_byte() : rnd_byte());
	s[len] = '\0';
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* Per-group mismatch counting; only the first MAX_REPORTS are printed. */
static unsigned long group_mismatches;
static int reports;
static int failed_groups;

static void mismatch(const char *func, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void mismatch(const char *func, const char *fmt, ...)
{
	va_list ap;

	group_mismatches++;
	if (reports++ >= MAX_REPORTS)
		return;
	printf("  mismatch in %s: ", func);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static void group_result(const char *name)
{
	if (group_mismatches == 0) {
		printf("[OK] string: %s\n", name);
	} else {
		printf("[FAIL] string: %s (%lu mismatches)\n", name,
		       group_mismatches);
		failed_groups++;
	}
	group_mismatches = 0;
}

/*
 * memcpy: random length, source and destination at independent alignment
 * offsets in separate buffers.  The whole destination buffer is compared,
 * so writes outside [dst, dst+n) are caught too.
 */
static void test_memcpy(void)
{
	static unsigned char src[BUF], want[BUF], got[BUF];

	for (int it = 0; it < ITERATIONS; it++) {
		size_t n = rnd_len(), so = rnd_below(16), doff = rnd_below(16);
		void *ret;

		fill_random(src, BUF);
		fill_random(want, BUF);
		memcpy(got, want, BUF);
		memcpy(want + doff, src + so, n);
		ret = lib_memcpy(got + doff, src + so, n);
		if (ret != got + doff || memcmp(want, got, BUF) != 0)
			mismatch("memcpy", "n=%zu src_off=%zu dst_off=%zu",
				 n, so, doff);
	}
	group_result("memcpy");
}

/* memmove: overlapping ranges inside one buffer, in both directions. */
static void test_memmove(void)
{
	static unsigned char want[BUF], got[BUF];

	for (int it = 0; it < ITERATIONS; it++) {
		size_t n = rnd_len();
		size_t a = rnd_below(BUF - n + 1), b;
		void *ret;

		/* Half the time force a near overlap, either direction. */
		if (rnd_below(2) == 0) {
			size_t lo = a > 8 ? a - 8 : 0;
			size_t hi = a + 8 < BUF - n ? a + 8 : BUF - n;

			b = lo + rnd_below(hi - lo + 1);
		} else {
			b = rnd_below(BUF - n + 1);
		}
		fill_random(want, BUF);
		memcpy(got, want, BUF);
		memmove(want + b, want + a, n);
		ret = lib_memmove(got + b, got + a, n);
		if (ret != got + b || memcmp(want, got, BUF) != 0)
			mismatch("memmove", "n=%zu src_off=%zu dst_off=%zu",
				 n, a, b);
	}
	group_result("memmove");
}

/* memset: values outside 0..255 must be converted to unsigned char. */
static void test_memset(void)
{
	static unsigned char want[BUF], got[BUF];
	static const int special[] = { 0, 0x7f, 0x80, 0xff, 0x100, 0x1ab, -1,
				       -128, -129 };

	for (int it = 0; it < ITERATIONS; it++) {
		size_t n = rnd_len(), off = rnd_below(16);
		int c = rnd_below(2) ? special[rnd_below(9)] : (int)rnd();
		void *ret;

		fill_random(want, BUF);
		memcpy(got, want, BUF);
		memset(want + off, c, n);
		ret = lib_memset(got + off, c, n);
		if (ret != got + off || memcmp(want, got, BUF) != 0)
			mismatch("memset", "n=%zu off=%zu c=%d", n, off, c);
	}
	group_result("memset");
}

/*
 * memcmp: equal blocks with at most one differing byte, at a random place
 * (possibly beyond n); the sign of the result must agree with libc.
 */
static void test_memcmp(void)
{
	static unsigned char a[BUF], b[BUF];

	for (int it = 0; it < ITERATIONS; it++) {
		size_t n = rnd_len(), ao = rnd_below(16), bo = rnd_below(16);
		int want, got;

		fill_random(a + ao, n + 1);
		memcpy(b + bo, a + ao, n + 1);
		if (rnd_below(4) != 0)
			b[bo + rnd_below(n + 1)] = rnd_byte();
		want = sign(memcmp(a + ao, b + bo, n));
		got = sign(lib_memcmp(a + ao, b + bo, n));
		if (want != got)
			mismatch("memcmp", "n=%zu: want sign %d, got %d",
				 n, want, got);
	}
	group_result("memcmp");
}

/* strlen and strnlen, the latter with limits around the real length. */
static void test_strlen(void)
{
	static char s[BUF];

	for (int it = 0; it < ITERATIONS; it++) {
		size_t len = rnd_len(), off = rnd_below(16);
		size_t want, got;

		make_string(s + off, len, 0);
		want = strlen(s + off);
		got = lib_strlen(s + off);
		if (want != got)
			mismatch("strlen", "len=%zu: want %zu, got %zu",
				 len, want, got);
	}
	group_result("strlen");

	for (int it = 0; it < ITERATIONS; it++) {
		size_t len = rnd_len(), off = rnd_below(16), max;
		size_t want, got;

		make_string(s + off, len, 0);
		switch (rnd_below(4)) {
		case 0: max = rnd_below(len + 1); break;	/* cut short */
		case 1: max = len + rnd_below(3); break;	/* at the end */
		case 2: max = SIZE_MAX; break;			/* unbounded */
		default: max = rnd_below(MAX_LEN + 2); break;
		}
		want = strnlen(s + off, max);
		got = lib_strnlen(s + off, max);
		if (want != got)
			mismatch("strnlen", "len=%zu max=%zu: want %zu, got %zu",
				 len, max, want, got);
	}
	group_result("strnlen");
}

/*
 * strcmp/strncmp: a random string and a copy that differs at one random
 * position (in content, or by ending early), with n around that position.
 */
static void test_strcmp(void)
{
	static char a[BUF], b[BUF];

	for (int pass = 0; pass < 2; pass++) {
		const char *name = pass == 0 ? "strcmp" : "strncmp";

		for (int it = 0; it < ITERATIONS; it++) {
			size_t len = rnd_len(), pos = rnd_below(len + 1), n = 0;
			int want, got;

			make_string(a, len, 1);
			memcpy(b, a, len + 1);
			switch (rnd_below(3)) {
			case 0: break;					/* equal */
			case 1: b[pos] = (char)rnd_small_byte(); break;	/* differ */
			default: b[pos] = '\0'; break;			/* shorter */
			}
			if (pass == 0) {
				want = sign(strcmp(a, b));
				got = sign(lib_strcmp(a, b));
			} else {
				/* Just before, at or after the difference,
				 * anywhere, or effectively unlimited. */
				switch (rnd_below(4)) {
				case 0: n = pos > 0 ? pos - 1 : 0; break;
				case 1: n = pos + rnd_below(2); break;
				case 2: n = rnd_below(len + 3); break;
				default: n = SIZE_MAX; break;
				}
				want = sign(strncmp(a, b, n));
				got = sign(lib_strncmp(a, b, n));
			}
			if (want != got)
				mismatch(name, "len=%zu pos=%zu n=%zu: want sign %d, got %d",
					 len, pos, n, want, got);
		}
		group_result(name);
	}
}

/*
 * strchr/strrchr: search a small-alphabet string for a character that may
 * or may not occur, including '\0' and values outside the char range.
 */
static void test_strchr(void)
{
	static char s[BUF];
	static const int special[] = { 0, 'a', 'b', 'z', 0x80, 0xff, -1, -128,
				       0x100 + 'a', 0x180 };

	for (int pass = 0; pass < 2; pass++) {
		const char *name = pass == 0 ? "strchr" : "strrchr";

		for (int it = 0; it < ITERATIONS; it++) {
			size_t len = rnd_len();
			int c = special[rnd_below(10)];
			char *want, *got;

			make_string(s, len, 1);
			want = pass == 0 ? strchr(s, c) : strrchr(s, c);
			got = pass == 0 ? lib_strchr(s, c) : lib_strrchr(s, c);
			if (want != got)
				mismatch(name, "len=%zu c=%d: want %td, got %td",
					 len, c, want ? want - s : -1,
					 got ? got - s : -1);
		}
		group_result(name);
	}
}

/*
 * strstr: small alphabets make partial matches common; needles are either
 * random or cut out of the haystack so that real matches happen often.
 */
static void test_strstr(void)
{
	static char hay[BUF], needle[BUF];

	for (int it = 0; it < ITERATIONS; it++) {
		size_t hlen = rnd_below(2) ? rnd_below(20) : rnd_len();
		size_t nlen = rnd_below(2) ? rnd_below(5) : rnd_below(hlen + 2);
		char *want, *got;

		make_string(hay, hlen, 1);
		if (rnd_below(2) && nlen <= hlen) {
			size_t from = rnd_below(hlen - nlen + 1);

			memcpy(needle, hay + from, nlen);
			needle[nlen] = '\0';
		} else {
			make_string(needle, nlen, 1);
		}
		want = strstr(hay, needle);
		got = lib_strstr(hay, needle);
		if (want != got)
			mismatch("strstr", "hlen=%zu nlen=%zu: want %td, got %td",
				 hlen, nlen, want ? want - hay : -1,
				 got ? got - hay : -1);
	}
	group_result("strstr");
}

/* Reference strlcpy, straight from the BSD definition. */
static size_t ref_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size != 0) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/* strlcpy: sizes around the source length; nothing past size is touched. */
static void test_strlcpy(void)
{
	static char src[BUF], want[BUF], got[BUF];

	for (int it = 0; it < ITERATIONS; it++) {
		size_t len = rnd_len(), size;
		size_t want_ret, got_ret;

		switch (rnd_below(3)) {
		case 0: size = rnd_below(4); break;
		case 1: size = len + rnd_below(3); break;	/* len..len+2 */
		default: size = rnd_below(MAX_LEN + 2); break;
		}
		make_string(src, len, 0);
		memset(want, 0x5a, BUF);	/* canary */
		memset(got, 0x5a, BUF);
		want_ret = ref_strlcpy(want, src, size);
		got_ret = lib_strlcpy(got, src, size);
		if (want_ret != got_ret || memcmp(want, got, BUF) != 0)
			mismatch("strlcpy", "len=%zu size=%zu: ret want %zu got %zu",
				 len, size, want_ret, got_ret);
	}
	/* A NULL destination is allowed with size 0: only the length is read. */
	if (lib_strlcpy(NULL, "abc", 0) != 3)
		mismatch("strlcpy", "NULL dst with size 0");
	group_result("strlcpy");
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		rng_state = strtoull(argv[1], NULL, 0);
		if (rng_state == 0)	/* xorshift must not start at 0 */
			rng_state = 1;
	}
	test_memcpy();
	test_memmove();
	test_memset();
	test_memcmp();
	test_strlen();
	test_strcmp();
	test_strchr();
	test_strstr();
	test_strlcpy();
	return failed_groups == 0 ? 0 : 1;
}
