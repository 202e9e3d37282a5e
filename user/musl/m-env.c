// SPDX-License-Identifier: MIT
/*
 * m-env: the arguments and the environment a program starts with.
 *
 * The test boots the kernel with
 *     init=m-env,... poweroff T_ONE=1 T_TWO=two -- alpha beta
 * Command line words NAME=VALUE that the kernel does not know go into
 * the first program's environment, and the words after "--" become its
 * arguments, as in Linux. On the build machine the runner starts the
 * same binary with argv {"m-env", "alpha", "beta"} and the environment
 * {T_ONE=1, T_TWO=two}. The program prints argc, argv and, sorted, the
 * variables whose names start with T_ (a host adds others), then checks
 * that getenv, setenv and unsetenv work on what it was given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

extern char **environ;

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void print_test_variables(const char *when)
{
	char *vars[64];
	int n = 0;

	for (char **e = environ; *e && n < 64; e++)
		if (strncmp(*e, "T_", 2) == 0)
			vars[n++] = *e;
	qsort(vars, n, sizeof(vars[0]), compare);
	printf("%s: %d T_ variables\n", when, n);
	for (int i = 0; i < n; i++)
		printf("  %s\n", vars[i]);
}

int main(int argc, char **argv)
{
	const char *one;

	check_start();
	printf("argc = %d\n", argc);
	for (int i = 0; i <= argc; i++)
		printf("argv[%d] = %s%s%s\n", i, argv[i] ? "\"" : "",
		       argv[i] ? argv[i] : "NULL", argv[i] ? "\"" : "");
	print_test_variables("at start");
	one = getenv("T_ONE");
	printf("getenv(\"T_ONE\") = %s\n", one ? one : "NULL");
	CHECK(setenv("T_THREE", "3", 0) == 0 && unsetenv("T_TWO") == 0,
	      "setenv T_THREE, unsetenv T_TWO");
	print_test_variables("after");
	return check_finish("m-env");
}
