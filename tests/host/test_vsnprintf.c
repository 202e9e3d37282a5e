// SPDX-License-Identifier: MIT
/*
 * tests/host/test_vsnprintf.c - compare lib/vsnprintf.c with the host libc.
 *
 * Build and run from the repository root (gcc or clang):
 *
 *   gcc -std=gnu11 -Wall -Wextra -Werror -O2 -I include \
 *       tests/host/test_vsnprintf.c -o /tmp/test_vsnprintf && /tmp/test_vsnprintf [seed]
 *
 * No other source file is needed: this file #includes lib/vsnprintf.c with
 * vsnprintf/snprintf renamed to lib_vsnprintf/lib_snprintf (the #defines
 * below are also in force for include/lib/printf.h, so the declarations are
 * renamed consistently).  The host <stdio.h> is included first, under the
 * real names, and the macros are removed afterwards, so plain vsnprintf is
 * glibc's.  lib/vsnprintf.c's calls to strlen/strnlen go to the host libc.
 *
 * Groups, each reported as "[OK] vsnprintf: <group>" or
 * "[FAIL] vsnprintf: <group> (<n> mismatches)"; exit status 0 only if all
 * groups passed:
 *   fixed table - hand-written edge cases, plus a few malformed formats
 *                 where we deliberately differ from glibc and check our
 *                 own documented output instead (fixed_table_own());
 *   generated   - random formats from a xorshift64 generator (fixed default
 *                 seed, argv[1] overrides it);
 *   truncation  - every buffer size from 0 to full length + 2 (plus a NULL
 *                 buffer with size 0) for all fixed-table formats and every
 *                 TRUNC_EVERY-th generated one.
 *
 * Passing arguments with the right types: a variadic call's argument types
 * are fixed at compile time, so a generated case cannot mix types freely.
 * Each generated case therefore has one value type; "*" arguments are int.
 * If the value type is int, every argument is an int and each conversion
 * picks its own "*"s; otherwise all conversions of the case use the same
 * number of "*"s (0, 1 or 2), which gives a small set of argument shapes
 * that dispatch_generated() spells out.  Mixed-type calls are covered by
 * the fixed table.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#undef vsnprintf	/* in case the host headers define macros for them */
#undef snprintf
#define vsnprintf lib_vsnprintf
#define snprintf lib_snprintf
#include "../../lib/vsnprintf.c"
#undef vsnprintf
#undef snprintf

/*
 * The generator passes long for %zd %td %jd and unsigned long for %zu %tu
 * %ju.  That is exactly the right type only if these typedefs name those
 * types (as on x86-64 glibc), which _Generic can check.
 */
_Static_assert(_Generic((ssize_t)0, long: 1, default: 0), "ssize_t is long");
_Static_assert(_Generic((ptrdiff_t)0, long: 1, default: 0), "ptrdiff_t is long");
_Static_assert(_Generic((intmax_t)0, long: 1, default: 0), "intmax_t is long");
_Static_assert(_Generic((size_t)0, unsigned long: 1, default: 0),
	       "size_t is unsigned long");
_Static_assert(_Generic((uintmax_t)0, unsigned long: 1, default: 0),
	       "uintmax_t is unsigned long");

#define OUT 1024		/* output buffer; every test output fits */
#define CANARY 0xa5		/* fill byte for detecting stray writes */
#define MAX_REPORTS 20		/* mismatches printed in total */
#define GENERATED 100000	/* number of generated cases */
#define TRUNC_EVERY 40		/* truncation-test every n-th generated case */

struct group {
	const char *name;
	unsigned long cases;
	unsigned long mismatches;
};

static struct group g_fixed = { "fixed table", 0, 0 };
static struct group g_generated = { "generated", 0, 0 };
static struct group g_truncation = { "truncation", 0, 0 };
static int reports;

/* Print n bytes (which may include NULs) as a C-like string literal. */
static void print_escaped(const char *s, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			putchar(c);
		else
			printf("\\x%02x", c);
	}
	putchar('"');
}

/* Count a mismatch; print the first MAX_REPORTS of them. */
static bool report(struct group *g, const char *fmt, const char *args)
{
	g->mismatches++;
	if (reports++ >= MAX_REPORTS)
		return false;
	printf("  %s mismatch\n    format: ", g->name);
	print_escaped(fmt, strlen(fmt));
	printf("\n    args:   %s\n", args);
	return true;
}

static void print_result(const char *label, const char *s, int ret)
{
	printf("    %s ret %d: ", label, ret);
	print_escaped(s, ret >= 0 && ret < OUT ? (size_t)ret : strlen(s));
	putchar('\n');
}

/* The fixed-table and generated formats are not literals. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/*
 * Call lib_vsnprintf with every buffer size from 0 to full+2 and check the
 * C99 contract: the return value is always the full length; the buffer
 * holds the first min(size-1, full) characters and a NUL; no other byte is
 * written (stricter than required: not even the bytes between the NUL and
 * size).  Finally size 0 with a NULL buffer.
 */
static void check_truncation(const char *fmt, const char *args,
			     const char *full_out, int full, va_list ap)
{
	static unsigned char buf[OUT + 16];
	va_list aq;

	g_truncation.cases++;
	for (size_t size = 0; size <= (size_t)full + 2; size++) {
		size_t stored = size == 0 ? 0 : size - 1 < (size_t)full ? size - 1 : (size_t)full;
		size_t untouched_from = size == 0 ? 0 : stored + 1;
		bool ok;
		int ret;

		memset(buf, CANARY, sizeof(buf));
		va_copy(aq, ap);
		ret = lib_vsnprintf((char *)buf, size, fmt, aq);
		va_end(aq);

		ok = ret == full && memcmp(buf, full_out, stored) == 0 &&
		     (size == 0 || buf[stored] == '\0');
		for (size_t i = untouched_from; i < sizeof(buf); i++)
			ok = ok && buf[i] == CANARY;
		if (!ok && report(&g_truncation, fmt, args)) {
			printf("    size %zu: want ret %d, got %d; buffer ",
			       size, full, ret);
			print_escaped((const char *)buf, stored + 2 < sizeof(buf) ? stored + 2 : stored);
			putchar('\n');
		}
	}

	va_copy(aq, ap);
	if (lib_vsnprintf(NULL, 0, fmt, aq) != full &&
	    report(&g_truncation, fmt, args))
		printf("    NULL buffer, size 0: wrong return value\n");
	va_end(aq);
}

/*
 * The core comparison: format with glibc and with lib_vsnprintf into large
 * buffers and compare return values and bytes (including any embedded NULs
 * from %c), then optionally run the truncation checks with the same args.
 */
static void check_va(struct group *g, bool truncation, const char *fmt,
		     const char *args, va_list ap)
{
	char want[OUT], got[OUT];
	int want_ret, got_ret;
	va_list aq;

	memset(want, CANARY, sizeof(want));
	memset(got, CANARY, sizeof(got));
	va_copy(aq, ap);
	want_ret = vsnprintf(want, sizeof(want), fmt, aq);
	va_end(aq);
	va_copy(aq, ap);
	got_ret = lib_vsnprintf(got, sizeof(got), fmt, aq);
	va_end(aq);

	g->cases++;
	if (want_ret < 0 || want_ret >= OUT) {
		/* Not a valid test case for us: treat as a failure. */
		if (report(g, fmt, args))
			printf("    glibc returned %d (test case error)\n", want_ret);
		return;
	}
	if (got_ret != want_ret || memcmp(want, got, (size_t)want_ret + 1) != 0) {
		if (report(g, fmt, args)) {
			print_result("want", want, want_ret);
			print_result("got ", got, got_ret);
		}
		return;
	}
	if (truncation)
		check_truncation(fmt, args, want, want_ret, ap);
}

#pragma GCC diagnostic pop

/* ---------------------------------------------------------------------
 * Fixed table
 */

static void check_fixed(const char *args, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void check_fixed(const char *args, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_va(&g_fixed, true, fmt, args, ap);
	va_end(ap);
}

#include "vsnprintf_cases.h"

/* ---------------------------------------------------------------------
 * Generated cases
 */

static uint64_t rng_state = 0x2545f4914f6cdd1dull;

/* xorshift64 (Marsaglia): tiny, deterministic, good enough for tests. */
static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static unsigned rnd_below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

/* The promoted type a generated argument is passed as. */
enum kind { K_INT, K_UINT, K_LONG, K_ULONG, K_LLONG, K_ULLONG, K_STR, K_PTR };
#define NKINDS 8

static const char *const kind_name[NKINDS] = {
	"int", "unsigned", "long", "unsigned long", "long long",
	"unsigned long long", "char *", "void *",
};

union value {
	int i;
	unsigned u;
	long l;
	unsigned long ul;
	long long ll;
	unsigned long long ull;
	const char *s;
	void *p;
};

#define MAX_CONV 4
#define MAX_ARGS (3 * MAX_CONV)	/* width '*', precision '*', value */

struct gen_case {
	char fmt[256];
	char args[2048];		/* description, for reports */
	union value a[MAX_ARGS];
	int nargs;
	int nconv;
	int stride;			/* arguments per conversion (non-int) */
	enum kind kind;
};

/*
 * 64 random-ish bits that, truncated to any integer type, hit boundary
 * values often: 0, +-1, small numbers, 2^k and 2^k-1 around each type's
 * limits (so min and max of every type), and fully random values.
 */
static uint64_t rnd_bits(void)
{
	static const unsigned shifts[] = { 7, 8, 15, 16, 31, 32, 63 };
	uint64_t p;

	switch (rnd_below(8)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return ~0ull;				/* -1 / max */
	case 3: return rnd_below(2001) - 1000ull;	/* small, either sign */
	case 4:
		p = 1ull << shifts[rnd_below(7)];
		return p + rnd_below(3) - 1;		/* 2^k-1, 2^k, 2^k+1 */
	case 5:
		p = 1ull << shifts[rnd_below(7)];
		return -(p + rnd_below(3) - 1);		/* and negated */
	default:
		return rnd();
	}
}

static const char *const string_pool[] = {
	"", "a", "hello", "hello, world", "\xc3\xa9t\xc3\xa9", "\x80\xff",
	"tab\there", "0123456789012345678901234567890123456789012345678",
	NULL,
};

static const char *const literal_pool[] = {
	"", "", "", "x", "abc", " = ", "%%", "[", "]", "\t", "\xc3\xa9",
	"some longer literal text ",
};

#define POOL_SIZE(p) (unsigned)(sizeof(p) / sizeof((p)[0]))

/* Append printf-style text to a fixed-size string (host snprintf). */
static void append(char *dst, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void append(char *dst, size_t size, const char *fmt, ...)
{
	size_t len = strlen(dst);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(dst + len, size - len, fmt, ap);
	va_end(ap);
}

/* Add an int argument for a '*' and describe it. */
static void add_star(struct gen_case *c, int value)
{
	c->a[c->nargs++].i = value;
	append(c->args, sizeof(c->args), "%s(int)%d", c->nargs > 1 ? ", " : "",
	       value);
}

/* Add a random value argument of the case's kind and describe it. */
static void add_value(struct gen_case *c)
{
	union value *v = &c->a[c->nargs++];
	const char *sep = c->nargs > 1 ? ", " : "";
	uint64_t bits = rnd_bits();

	/* Converting to the narrower signed types wraps (gcc and clang). */
	switch (c->kind) {
	case K_INT:	v->i = (int)bits; break;
	case K_UINT:	v->u = (unsigned)bits; break;
	case K_LONG:	v->l = (long)bits; break;
	case K_ULONG:	v->ul = (unsigned long)bits; break;
	case K_LLONG:	v->ll = (long long)bits; break;
	case K_ULLONG:	v->ull = bits; break;
	case K_STR:	v->s = string_pool[rnd_below(POOL_SIZE(string_pool))]; break;
	case K_PTR:
		v->p = rnd_below(3) == 0 ? NULL : rnd_below(2) ? (void *)&some_object
			: (void *)(uintptr_t)bits;
		break;
	}
	append(c->args, sizeof(c->args), "%s(%s)", sep, kind_name[c->kind]);
	if (c->kind == K_STR)
		append(c->args, sizeof(c->args), v->s ? "\"%s\"" : "NULL", v->s);
	else if (c->kind == K_PTR)
		append(c->args, sizeof(c->args), "%p", v->p);
	else
		append(c->args, sizeof(c->args), "%#llx", (unsigned long long)bits);
}

/* Pick a conversion and a length modifier that take the case's kind. */
static void pick_conversion(enum kind kind, char *conv, const char **length)
{
	static const char *const short_lengths[] = { "", "h", "hh" };
	static const char *const long_lengths[] = { "l", "z", "t", "j" };
	static const char signed_convs[] = "di";
	static const char unsigned_convs[] = "uoxX";

	switch (kind) {
	case K_INT:
		if (rnd_below(5) == 0) {
			*conv = 'c';
			*length = "";
			return;
		}
		/* fall through */
	case K_UINT:
		*length = short_lengths[rnd_below(3)];
		break;
	case K_LONG:
	case K_ULONG:
		*length = long_lengths[rnd_below(4)];
		break;
	case K_LLONG:
	case K_ULLONG:
		*length = "ll";
		break;
	case K_STR:
		*conv = 's';
		*length = "";
		return;
	case K_PTR:
		*conv = 'p';
		*length = "";
		return;
	}
	if (kind == K_INT || kind == K_LONG || kind == K_LLONG)
		*conv = signed_convs[rnd_below(2)];
	else
		*conv = unsigned_convs[rnd_below(4)];
}

/*
 * Build one random case: literal text around 1-4 conversions, each with
 * random flags (possibly repeated), width (absent, 1-40 or '*') and
 * precision (absent, ".", .0-.40 or ".*").  stars_each says how many '*'
 * every conversion must use; -1 means "choose freely" (all-int cases).
 */
static void generate(struct gen_case *c)
{
	static const char flag_chars[] = "-+ #0";
	int stars_each;

	memset(c, 0, sizeof(*c));
	c->kind = (enum kind)rnd_below(NKINDS);
	c->nconv = 1 + (int)rnd_below(MAX_CONV);
	stars_each = c->kind == K_INT ? -1 : (int)rnd_below(3);
	c->stride = stars_each < 0 ? 0 : 1 + stars_each;

	for (int k = 0; k < c->nconv; k++) {
		bool star_width, star_prec;
		const char *length = "";
		char conv = 'd';

		if (stars_each < 0) {
			star_width = rnd_below(4) == 0;
			star_prec = rnd_below(4) == 0;
		} else {
			star_width = stars_each == 2 ||
				     (stars_each == 1 && rnd_below(2) == 0);
			star_prec = stars_each == 2 ||
				    (stars_each == 1 && !star_width);
		}

		append(c->fmt, sizeof(c->fmt), "%s%%",
		       literal_pool[rnd_below(POOL_SIZE(literal_pool))]);
		for (unsigned n = rnd_below(5); n > 0; n--)
			append(c->fmt, sizeof(c->fmt), "%c",
			       flag_chars[rnd_below(5)]);

		if (star_width) {
			append(c->fmt, sizeof(c->fmt), "*");
			add_star(c, (int)rnd_below(91) - 45);	/* -45..45 */
		} else if (rnd_below(2)) {
			/* A literal width of 0 would read as the '0' flag. */
			append(c->fmt, sizeof(c->fmt), "%u", 1 + rnd_below(40));
		}

		if (star_prec) {
			append(c->fmt, sizeof(c->fmt), ".*");
			add_star(c, (int)rnd_below(51) - 10);	/* -10..40 */
		} else {
			switch (rnd_below(4)) {
			case 0: append(c->fmt, sizeof(c->fmt), "."); break;
			case 1: append(c->fmt, sizeof(c->fmt), ".%u", rnd_below(41)); break;
			default: break;	/* no precision */
			}
		}

		pick_conversion(c->kind, &conv, &length);
		append(c->fmt, sizeof(c->fmt), "%s%c", length, conv);
		add_value(c);
	}
	append(c->fmt, sizeof(c->fmt), "%s",
	       literal_pool[rnd_below(POOL_SIZE(literal_pool))]);
}

static bool generated_truncation;	/* also run truncation on this one */

/* Receives a generated case's arguments, correctly typed, as varargs. */
static void run_generated(const struct gen_case *c, ...)
{
	va_list ap;

	va_start(ap, c);
	check_va(&g_generated, generated_truncation, c->fmt, c->args, ap);
	va_end(ap);
}

/* All arguments int: one call shape per argument count. */
#define I(j) a[j].i

/* Non-int kinds: per conversion 0-2 int '*' arguments, then the value. */
#define ONE_1(m, k) a[k].m
#define ONE_2(m, k) a[2 * (k)].i, a[2 * (k) + 1].m
#define ONE_3(m, k) a[3 * (k)].i, a[3 * (k) + 1].i, a[3 * (k) + 2].m
#define ARGS_1(ONE, m) ONE(m, 0)
#define ARGS_2(ONE, m) ARGS_1(ONE, m), ONE(m, 1)
#define ARGS_3(ONE, m) ARGS_2(ONE, m), ONE(m, 2)
#define ARGS_4(ONE, m) ARGS_3(ONE, m), ONE(m, 3)
#define CALL_SHAPES(m)							\
	switch (c->stride * 10 + c->nconv) {				\
	case 11: run_generated(c, ARGS_1(ONE_1, m)); break;		\
	case 12: run_generated(c, ARGS_2(ONE_1, m)); break;		\
	case 13: run_generated(c, ARGS_3(ONE_1, m)); break;		\
	case 14: run_generated(c, ARGS_4(ONE_1, m)); break;		\
	case 21: run_generated(c, ARGS_1(ONE_2, m)); break;		\
	case 22: run_generated(c, ARGS_2(ONE_2, m)); break;		\
	case 23: run_generated(c, ARGS_3(ONE_2, m)); break;		\
	case 24: run_generated(c, ARGS_4(ONE_2, m)); break;		\
	case 31: run_generated(c, ARGS_1(ONE_3, m)); break;		\
	case 32: run_generated(c, ARGS_2(ONE_3, m)); break;		\
	case 33: run_generated(c, ARGS_3(ONE_3, m)); break;		\
	case 34: run_generated(c, ARGS_4(ONE_3, m)); break;		\
	default: abort();						\
	}

/* Make the variadic call with each argument passed as its real type. */
static void dispatch_generated(const struct gen_case *c)
{
	const union value *a = c->a;

	switch (c->kind) {
	case K_INT:
		switch (c->nargs) {
		case 1: run_generated(c, I(0)); break;
		case 2: run_generated(c, I(0), I(1)); break;
		case 3: run_generated(c, I(0), I(1), I(2)); break;
		case 4: run_generated(c, I(0), I(1), I(2), I(3)); break;
		case 5: run_generated(c, I(0), I(1), I(2), I(3), I(4)); break;
		case 6: run_generated(c, I(0), I(1), I(2), I(3), I(4), I(5)); break;
		case 7: run_generated(c, I(0), I(1), I(2), I(3), I(4), I(5), I(6)); break;
		case 8: run_generated(c, I(0), I(1), I(2), I(3), I(4), I(5), I(6),
				      I(7)); break;
		case 9: run_generated(c, I(0), I(1), I(2), I(3), I(4), I(5), I(6),
				      I(7), I(8)); break;
		case 10: run_generated(c, I(0), I(1), I(2), I(3), I(4), I(5), I(6),
				       I(7), I(8), I(9)); break;
		case 11: run_generated(c, I(0), I(1), I(2), I(3), I(4), I(5), I(6),
				       I(7), I(8), I(9), I(10)); break;
		case 12: run_generated(c, I(0), I(1), I(2), I(3), I(4), I(5), I(6),
				       I(7), I(8), I(9), I(10), I(11)); break;
		default: abort();
		}
		break;
	case K_UINT:	CALL_SHAPES(u); break;
	case K_LONG:	CALL_SHAPES(l); break;
	case K_ULONG:	CALL_SHAPES(ul); break;
	case K_LLONG:	CALL_SHAPES(ll); break;
	case K_ULLONG:	CALL_SHAPES(ull); break;
	case K_STR:	CALL_SHAPES(s); break;
	case K_PTR:	CALL_SHAPES(p); break;
	}
}

/* ---------------------------------------------------------------------
 * Main
 */

static bool group_result(const struct group *g)
{
	if (g->mismatches == 0) {
		printf("[OK] vsnprintf: %s\n", g->name);
		return true;
	}
	printf("[FAIL] vsnprintf: %s (%lu mismatches)\n", g->name, g->mismatches);
	return false;
}

int main(int argc, char **argv)
{
	static struct gen_case c;
	bool ok = true;

	if (argc > 1) {
		rng_state = strtoull(argv[1], NULL, 0);
		if (rng_state == 0)	/* xorshift must not start at 0 */
			rng_state = 1;
	}

	fixed_table_checked();
	fixed_table_unchecked();
	fixed_table_own();
	for (int i = 0; i < GENERATED; i++) {
		generate(&c);
		generated_truncation = i % TRUNC_EVERY == 0;
		dispatch_generated(&c);
	}

	ok &= group_result(&g_fixed);
	ok &= group_result(&g_generated);
	ok &= group_result(&g_truncation);
	return ok ? 0 : 1;
}
