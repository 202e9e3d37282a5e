// SPDX-License-Identifier: MIT
/* Small pieces: the command line, the symbol table, colour mapping. */
#include <kernel/cmdline.h>
#include <kernel/console.h>
#include <kernel/ktest.h>
#include <kernel/panic.h>
#include <lib/string.h>

KTEST(cmdline_words)
{
	char v[16];

	KT_ASSERT(cmdline_get("a=1 test=all b", "test", v, sizeof(v)));
	KT_ASSERT(!strcmp(v, "all"));
	KT_ASSERT(cmdline_get("a=1 test=all b", "b", v, sizeof(v)));
	KT_ASSERT(!strcmp(v, ""));
	KT_ASSERT(!cmdline_get("a=1 testing=x", "test", v, sizeof(v)));
	KT_ASSERT(!cmdline_get("", "test", v, sizeof(v)));
	KT_ASSERT(cmdline_get("  x=0123456789abcdefXYZ  ", "x", v, sizeof(v)));
	KT_ASSERT(!strcmp(v, "0123456789abcde")); /* truncated to fit */
}

/* What the first program gets: words after "--" are its arguments (and
 * never the kernel's), unknown NAME=VALUE words its environment. */
KTEST(cmdline_user_words)
{
	static char words[] = "init=a,b  T_ONE=1 fpu=lazy =x clocksource=tsc "
			      "HOME=/ test -- alpha init=no T_X=y";
	static struct cmdline_args u;

	KT_ASSERT(!cmdline_get("init=a -- test=all", "test", NULL, 0));
	KT_ASSERT(cmdline_get("init=a -- test=all", "init", NULL, 0));
	cmdline_user_args(words, &u);
	KT_ASSERT_EQ(u.envc, 2);
	KT_ASSERT(u.envc == 2 && !strcmp(u.envp[0], "T_ONE=1") &&
		  !strcmp(u.envp[1], "HOME=/"));
	KT_ASSERT_EQ(u.argc, 3);
	KT_ASSERT(u.argc == 3 && !strcmp(u.argv[0], "alpha") &&
		  !strcmp(u.argv[1], "init=no") && !strcmp(u.argv[2], "T_X=y"));
}

/* The embedded symbol table names kernel functions, and nothing else. */
KTEST(symbols_lookup)
{
	extern char kmain[];
	static int not_code;
	uint64_t off = 1;
	const char *name;

	name = symbol_lookup((uint64_t)kmain, &off);
	KT_ASSERT(name && !strcmp(name, "kmain"));
	KT_ASSERT_EQ(off, 0);
	name = symbol_lookup((uint64_t)&ktest_run + 5, &off);
	KT_ASSERT(name && !strcmp(name, "ktest_run"));
	KT_ASSERT_EQ(off, 5);
	KT_ASSERT(symbol_lookup((uint64_t)&not_code, &off) == NULL);
	KT_ASSERT(symbol_lookup(0, &off) == NULL);
}

KTEST(console_colour_mapping)
{
	/* bit 0 red, 1 green, 2 blue, 3 bright */
	KT_ASSERT_EQ(rgb_to_basic_colour(BLACK), 0);
	KT_ASSERT_EQ(rgb_to_basic_colour(WHITE), 7 | 8);
	KT_ASSERT_EQ(rgb_to_basic_colour(RED), 1 | 8);
	KT_ASSERT_EQ(rgb_to_basic_colour(GREEN), 2 | 8);
	KT_ASSERT_EQ(rgb_to_basic_colour(BLUE), 4 | 8);
	KT_ASSERT_EQ(rgb_to_basic_colour(YELLOW), 3 | 8);
	KT_ASSERT_EQ(rgb_to_basic_colour(0x800000), 1); /* dark red */
}
