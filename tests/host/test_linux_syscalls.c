// SPDX-License-Identifier: MIT
/*
 * tests/host/test_linux_syscalls.c - our system call numbers against
 * Linux's <asm/unistd_64.h> (Debian's linux-libc-dev).
 *
 *   gcc -std=gnu11 -Wall -Wextra -Werror -O2 -I include \
 *       tests/host/test_linux_syscalls.c -o /tmp/t && /tmp/t
 *
 * Three checks, one line each ("[OK] linux-syscalls: <check>" or
 * "[FAIL] linux-syscalls: <check> (<n> wrong)"):
 *   table     every LINUX_SYSCALL(nr, name) of include/uapi/linux_syscalls.h
 *             has nr == __NR_name (a name Linux lacks does not compile);
 *   our-list  every call of include/uapi/syscall_list.h below 1024 has
 *             Linux's number for its name;
 *   private   every call below 1024 is one Linux has: the kernel's own
 *             calls live at __NR_PRIVATE_BASE and up.
 * That the table has every Linux call is checked by tests/run.py, which
 * parses <asm/unistd_64.h> itself.
 */
#include <stdio.h>
#include <string.h>

#include <asm/unistd_64.h>

#define __NR_PRIVATE_BASE 1024 /* as in <uapi/syscall.h>, which would
				  redefine the __NR_ names */

static unsigned long wrong;

static int report(const char *check)
{
	if (!wrong) {
		printf("[OK] linux-syscalls: %s\n", check);
		return 0;
	}
	printf("[FAIL] linux-syscalls: %s (%lu wrong)\n", check, wrong);
	wrong = 0;
	return 1;
}

static void mismatch(const char *what, const char *name, long ours,
		     long linux_nr)
{
	if (wrong++ < 20)
		printf("  %s %s: ours %ld, Linux %ld\n", what, name, ours,
		       linux_nr);
}

struct call {
	long nr;
	const char *name;
};

static const struct call linux_calls[] = {
#define LINUX_SYSCALL(nr, name) { nr, #name },
#include <uapi/linux_syscalls.h>
#undef LINUX_SYSCALL
};

static const struct call our_calls[] = {
#define SYSCALL(nr, name) { nr, #name },
#include <uapi/syscall_list.h>
#undef SYSCALL
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Linux's number for @name, or -1. */
static long linux_number(const char *name)
{
	for (size_t i = 0; i < COUNT(linux_calls); i++)
		if (!strcmp(linux_calls[i].name, name))
			return linux_calls[i].nr;
	return -1;
}

int main(void)
{
	int failed = 0;

#define LINUX_SYSCALL(nr, name)                                                \
	if ((nr) != __NR_##name)                                               \
		mismatch("table", #name, nr, __NR_##name);
#include <uapi/linux_syscalls.h>
#undef LINUX_SYSCALL
	failed += report("table");

	for (size_t i = 0; i < COUNT(our_calls); i++) {
		long linux_nr = linux_number(our_calls[i].name);

		if (our_calls[i].nr < __NR_PRIVATE_BASE && linux_nr >= 0 &&
		    linux_nr != our_calls[i].nr)
			mismatch("syscall_list.h", our_calls[i].name,
				 our_calls[i].nr, linux_nr);
	}
	failed += report("our-list");

	for (size_t i = 0; i < COUNT(our_calls); i++)
		if (our_calls[i].nr < __NR_PRIVATE_BASE &&
		    linux_number(our_calls[i].name) < 0)
			mismatch("not a Linux call, below 1024:",
				 our_calls[i].name, our_calls[i].nr, -1);
	failed += report("private");

	return failed ? 1 : 0;
}
