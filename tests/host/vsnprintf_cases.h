// SPDX-License-Identifier: MIT
/*
 * The hand-written cases of tests/host/test_vsnprintf.c, kept apart so
 * each file stays readable. Included once, after check_fixed() and
 * check_own() are defined there.
 */
#ifndef TEST_VSNPRINTF_CASES_H
#define TEST_VSNPRINTF_CASES_H

/* T("fmt", args...): the whole call is stringified for reports. */
#define T(...) check_fixed(#__VA_ARGS__, __VA_ARGS__)

static int some_object;
static const char unterminated[3] = { 'a', 'b', 'c' };	/* no NUL */

/* Well-defined cases; the compiler type-checks every argument here. */
static void fixed_table_checked(void)
{
	/* Plain conversions and type boundaries. */
	T("plain text, no conversions");
	T("%d|%d|%d|%i", 0, 42, -42, 123);
	T("%d|%d", INT_MAX, INT_MIN);
	T("%u|%x|%X|%o", UINT_MAX, 0xdeadbeefu, 0xdeadbeefu, 0777u);
	T("%lld|%lld|%llu", LLONG_MIN, LLONG_MAX, ULLONG_MAX);
	T("%llx|%llX|%llo", ULLONG_MAX, ULLONG_MAX, ULLONG_MAX);
	T("%ld|%ld|%lu|%lx", LONG_MIN, LONG_MAX, ULONG_MAX, ULONG_MAX);
	T("%lli|%llo", -1LL, 1ULL << 63);

	/* hh and h (out-of-range values are in the unchecked table). */
	T("%hhd|%hhd|%hhi|%hhd", (signed char)127, (signed char)-128,
	  (signed char)0, (signed char)-1);
	T("%hhu|%hhx|%hho|%hhX", (unsigned char)255, (unsigned char)0xab,
	  (unsigned char)8, (unsigned char)0xab);
	T("%hd|%hd|%hi", (short)SHRT_MIN, (short)SHRT_MAX, (short)-1);
	T("%hu|%hx|%ho|%hX", (unsigned short)USHRT_MAX, (unsigned short)0xbeef,
	  (unsigned short)8, (unsigned short)0xbeef);

	/* z, t and j. */
	T("%zu|%zx|%zd|%zd", SIZE_MAX, (size_t)0x1234, (ssize_t)-1, (ssize_t)SSIZE_MAX);
	T("%td|%td|%tu|%tx", PTRDIFF_MIN, PTRDIFF_MAX, (size_t)PTRDIFF_MAX, (size_t)1);
	T("%jd|%jd|%ju|%jx|%jo", INTMAX_MIN, INTMAX_MAX, UINTMAX_MAX, UINTMAX_MAX, (uintmax_t)8);

	/* Precision 0 and the value 0: no digits at all... */
	T("[%.0d]", 0);
	T("[%5.0d]", 0);
	T("[%-5.0d]", 0);
	T("[%.0i|%.0u|%.0x|%.0X|%.0o]", 0, 0u, 0u, 0u, 0u);
	T("[%.d]", 0);
	T("[%.0lld|%.0hhd|%.0zu]", 0LL, (signed char)0, (size_t)0);
	/* ...but a sign flag still prints, and #o still prints its 0. */
	T("[%+.0d|% .0d]", 0, 0);
	T("[%#.0o|%#.0x|%#.0X|%#5.0o]", 0u, 0u, 0u, 0u);
	T("[%.0d|%.0d]", 1, -1);

	/* Precision as minimum number of digits. */
	T("[%.5d|%.5d|%8.5d|%-8.5d]", 42, -42, -42, -42);
	T("[%.3d|%.10u|%.20llu]", 12345, 7u, 1ULL);
	T("[%.40d]", INT_MIN);
	T("[%#.5x|%#.5o|%#.3o|%#.2o]", 0xabu, 8u, 8u, 8u);

	/* Flags on signed conversions. */
	T("[%+d|%+d|% d|% d]", 5, -5, 5, -5);
	T("[%+i|%+d|% d]", 0, INT_MIN, INT_MAX);
	T("[%-5d|%5d|%05d|%05d]", 5, 5, 5, -5);
	T("[%+05d|% 05d|%+5d|%-+5d]", 42, 42, 42, 42);
	T("[%05d|%020lld|%021llu]", INT_MIN, LLONG_MIN, ULLONG_MAX);

	/* '#' with hex and octal. */
	T("[%#x|%#x|%#X|%#llx]", 0u, 255u, 255u, ULLONG_MAX);
	T("[%#o|%#o|%#o|%#llo]", 0u, 8u, 01u, 1ULL << 63);
	T("[%#08x|%#8x|%-#8x|%#-8X]", 255u, 255u, 255u, 255u);
	T("[%#010o|%#05o|%#5o|%#1o]", 8u, 8u, 0u, 8u);
	T("[%#2x|%#3x|%#02x]", 1u, 1u, 0u);

	/* Widths. */
	T("[%1d|%2d|%40d|%-40d]", 123, 123, 1, -1);
	T("[%-40.30d|%40.30lld]", -1, LLONG_MIN);
	T("[%07u|%-7u|%7x|%07o]", 12u, 12u, 0xffu, 8u);

	/* %c: width and '-' only. */
	T("[%c|%5c|%-5c|%1c]", 'a', 'b', 'c', 'd');
	T("[%c|%c|%c]", 0x1e9, 200, -1);	/* converted to unsigned char */
	T("[%c%c%c]", 'x', 0, 'y');		/* embedded NUL */

	/* %s with width and precision. */
	T("[%s|%10s|%-10s|%s]", "hello", "hi", "hi", "");
	T("[%.2s|%.0s|%.10s|%5s]", "hello", "hello", "hi", "");
	T("[%8.3s|%-8.3s|%.1s]", "abcdef", "abcdef", "\xc3\xa9t\xc3\xa9");
	T("[%.3s|%.2s|%-5.3s]", unterminated, unterminated, unterminated);

	/* %p: "(nil)" for NULL, else like %#lx. */
	T("[%p|%10p|%-10p]", NULL, NULL, NULL);
	T("[%p|%20p|%-20p]", (void *)0x1234, (void *)0x1234, (void *)0x1234);
	T("[%p|%p]", (void *)&some_object, (void *)UINTPTR_MAX);
	T("[%*p|%-*p|%*p]", 12, (void *)1, 12, (void *)1, -9, NULL);

	/* '*' width and precision, including negative values. */
	T("[%*d|%*d|%-*d|%-*d]", 5, 42, -5, 42, 5, 42, -5, 42);
	T("[%.*d|%.*d|%.*d|%.*d]", 5, 42, -1, 42, -5, 0, 0, 0);
	T("[%*.*d|%*.*d]", 8, 4, -42, -8, 4, -42);
	T("[%*.*s|%-*.*s|%*s]", 6, 2, "hello", 6, 2, "hello", -4, "ab");
	T("[%0*d|%0*d|%0*x]", 6, -3, -6, -3, 6, 0xau);
	T("[%*c|%*c|%*u]", 3, 'x', -3, 'y', 0, 7u);
	T("[%.*x|%#.*o|%.*lld]", 0, 0u, 0, 0u, 25, LLONG_MIN);
	T("[%*d]", INT_MAX / 100000000, 1);

	/* %% and literal text. */
	T("%%");
	T("100%%|%d%%|%%%d%%|%%%%", 50, 7);

	/* Mixed argument types in one call. */
	T("%hhd %hd %d %ld %lld %zd %td %jd", (signed char)1, (short)2, 3, 4L,
	  5LL, (ssize_t)6, (ptrdiff_t)7, (intmax_t)8);
	T("%s=%d (%#x) %c%%", "x", 10, 10u, '!');
	T("[%5s|%-5d|%05u|%x|%lld]", "ab", -3, 7u, 255u, LLONG_MIN);
	T("[%p %s %p %c %llu]", NULL, "str", (void *)0x10, 'z', ULLONG_MAX);
	T("%d%s%u%c%x%p%o%lld", -1, "s", 2u, 'c', 3u, (void *)4, 5u, 6LL);
}

/*
 * Cases that are undefined or questionable in ISO C but that glibc defines
 * and we deliberately match.  The compiler's format checker rightly
 * complains about them, so it is silenced here only.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-nonliteral"	/* check_own() */
#pragma GCC diagnostic ignored "-Wformat-security"
#ifndef __clang__
#pragma GCC diagnostic ignored "-Wformat-overflow"	/* NULL for %s */
#endif
static void fixed_table_unchecked(void)
{
	/* hh and h: the promoted int is converted back to the short type. */
	T("%hhd|%hhd|%hhd|%hhd", 127, 128, 300, -129);
	T("%hhu|%hhx|%hho|%hhX", 257u, 0x1ffu, 0777u, 0xabcu);
	T("%hd|%hd|%hd|%hi", 70000, SHRT_MIN, SHRT_MAX, -32769);
	T("%hu|%hx|%ho", 65538u, 0x12345u, 0xffffu);
	T("[%-+ 5d|% +d|%+ d]", 3, 4, 5);	/* '+' beats ' ' */
	/* %s of NULL: "(null)" unless the precision is below 6. */
	T("[%s]", (char *)NULL);
	T("[%.5s|%.6s|%.7s|%.0s]", (char *)NULL, (char *)NULL, (char *)NULL,
	  (char *)NULL);
	T("[%10s|%-10s|%10.3s|%-8.2s]", (char *)NULL, (char *)NULL,
	  (char *)NULL, (char *)NULL);
	T("[%.*s|%.*s|%.*s]", -1, (char *)NULL, 2, (char *)NULL, 6, (char *)NULL);
	T("[%p %s %p]", NULL, (char *)NULL, (void *)0x10);
	/* '+' and ' ' have no effect on unsigned conversions. */
	T("[%+u|% u|%+x|% X|%+o|% o]", 5u, 5u, 5u, 5u, 0u, 8u);
	/* '0' is ignored with a precision or with '-'. */
	T("[%05.3d|%-05d|%08.0d|%0-8x]", 5, 5, 0, 0xfu);
	/* Repeated flags. */
	T("[%--5d|%00005d|%++d|%  d|%##x]", 3, 42, 1, 1, 1u);
	/* '#' has no effect on d, i, u, c, s. */
	T("[%#d|%#i|%#u|%#c|%#s]", 1, 2, 3u, 'c', "s");
	/* %c and %s: no sign flags, '0' pads with spaces, %c has no precision. */
	T("[%+c|% c|%05c|%.0c|%5.0c|%-05c]", 'a', 'b', 'c', 'd', 'e', 'f');
	T("[%+s|% s|%05s|%-05s|%010.2s]", "a", "b", "c", "d", "efgh");
	/* %p takes all the integer flags; "(nil)" only width and '-'. */
	T("[%+p|% p|%#p|%020p|%.8p|%-+12p|%08.4p]", (void *)0x1234,
	  (void *)0x1234, (void *)0x1234, (void *)0x1234, (void *)0x1234,
	  (void *)0x1234, (void *)0x1234);
	T("[%+p|%08p|%.3p|%-08p]", NULL, NULL, NULL, NULL);
	/* Flags and width on %%. */
	T("[%5%|%-5%|%05%]");
	/* Unknown conversions are printed literally (see lib/vsnprintf.c). */
	T("[%y|%-5y|%5.3y]");
	T("a%wb%d", 7);
}

/*
 * Where glibc's behaviour is not worth copying (see lib/vsnprintf.c),
 * check our documented choice instead.  These also call lib_snprintf
 * directly, which the rest of the tests only reach through
 * lib_vsnprintf.
 */
static void check_own(const char *fmt, const char *want)
{
	char got[OUT];
	int ret = lib_snprintf(got, sizeof(got), fmt);

	g_fixed.cases++;
	if ((ret != (int)strlen(want) || strcmp(got, want) != 0) &&
	    report(&g_fixed, fmt, "(none; own behaviour, not glibc's)"))
		print_result("got ", got, ret);
}

static void fixed_table_own(void)
{
	check_own("abc%", "abc%");	/* glibc: -1 */
	check_own("abc%-5", "abc%-5");	/* glibc: -1 */
	check_own("%.", "%.");		/* glibc: -1 */
	check_own("%hy|%lly", "%hy|%lly");	/* glibc: "%y|%y" */
}
#pragma GCC diagnostic pop

#endif
