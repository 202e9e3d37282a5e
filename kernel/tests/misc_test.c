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
