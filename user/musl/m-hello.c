// SPDX-License-Identifier: MIT
/*
 * m-hello: stdio and floating point work in an ordinary musl program.
 *
 * printf of integers and strings proves the start-up (TLS, stdio) and
 * write(); %f/%e/%g of doubles, float arithmetic and strtod need SSE, and
 * the long double lines need the x87 unit with its default control word
 * (64-bit precision: 1/3 printed to 20 digits ends in ...334, not ...315
 * as it would with the 53-bit precision of a double). Prints its
 * arguments too, so that m-spawn can show it started it with some.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* noinline and volatile: the compiler must not fold the arithmetic. */
static volatile double third_src = 3.0;

static __attribute__((noinline)) double divide(double a, double b)
{
	return a / b;
}

int main(int argc, char **argv)
{
	double third = divide(1.0, third_src);
	long double lthird = 1.0L / (long double)third_src;
	float f = 0.1f;
	char *end;
	double parsed;

	check_start();
	printf("hello from musl, argc %d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = \"%s\"\n", i, argv[i]);
	printf("ints: %d %u %ld %lld %x %#o %+d [%05d] [%-5d]\n", -42, 42u,
	       -1234567890123L, 9223372036854775807LL, 0xbeef, 8, 7, 42, 42);
	printf("strings: [%s] [%8s] [%-8s] [%.3s] %c\n", "musl", "right",
	       "left", "truncated", 'x');
	printf("double: %f %e %g %.17g\n", third, third, third, third);
	printf("more doubles: %.3f %g %g %e %g\n", divide(2.0, 3.0),
	       divide(1e300, 1e-10), divide(-5.0, 4.0),
	       divide(6.02214076e23, 1.0), divide(1.0, 1e5));
	printf("sum 0.1 + 0.2 = %.17g\n", divide(0.1, 1.0) + divide(0.2, 1.0));
	printf("sqrt(2) = %.15f, pow(2, 0.5) = %.15f\n", sqrt(divide(2.0, 1.0)),
	       pow(divide(2.0, 1.0), 0.5));
	printf("float: 0.1f * 3 = %.9g, 1/7f = %.9g\n", (double)(f * 3.0f),
	       (double)(1.0f / (float)divide(7.0, 1.0)));
	printf("long double: 1/3 = %.20Lg\n", lthird);
	printf("long double: sizeof %zu, 1 + 2^-63 > 1: %s\n", sizeof(lthird),
	       (long double)third_src / 3.0L + 0x1p-63L > 1.0L ? "yes" : "no");
	parsed = strtod("314.159e-2xyz", &end);
	printf("strtod: %.6f, rest \"%s\"\n", parsed, end);
	printf("strtod inf/nan: %g %g\n", strtod("-inf", NULL),
	       strtod("nan", NULL));
	printf("int from double: %ld, rounded %ld\n", (long)divide(7.9, 1.0),
	       lround(divide(7.5, 1.0)));

	CHECK(third > 0.333333 && third < 0.333334, "1/3 is about 0.333333");
	CHECK(lthird != (long double)third, "long double is wider than double");
	CHECK(parsed == 3.14159 && strcmp(end, "xyz") == 0, "strtod parses");
	return check_finish("m-hello");
}
